package pyscript_test

import (
	"strings"
	"testing"
)

// The if_exists / if_not_exists keywords of Alembic >= 1.11 on batch_op's
// index directives, offline. Expected SQL written by hand from Alembic
// 1.12's rendering (Alembic 1.8.1, the recorded oracle, predates them).
func TestBatchIndexExistenceKeywordsOffline(t *testing.T) {
	body := `with op.batch_alter_table('t') as batch_op:
    batch_op.create_index('ix_t_a', ['a'], unique=False, if_not_exists=True)
    batch_op.drop_index('ix_t_b', if_exists=True)
    batch_op.create_index(batch_op.f('ix_t_c'), ['c'])`
	tests := []struct{ dialect, want string }{
		{"postgresql", "CREATE INDEX IF NOT EXISTS ix_t_a ON t (a);\n\nDROP INDEX IF EXISTS ix_t_b;\n\nCREATE INDEX ix_t_c ON t (c);\n\n"},
		{"sqlite", "CREATE INDEX IF NOT EXISTS ix_t_a ON t (a);\n\nDROP INDEX IF EXISTS ix_t_b;\n\nCREATE INDEX ix_t_c ON t (c);\n\n"},
	}
	for _, tt := range tests {
		t.Run(tt.dialect, func(t *testing.T) {
			got, err := offlineSQL(t, tt.dialect, body)
			if err != nil {
				t.Fatal(err)
			}
			if got != tt.want {
				t.Errorf("got\n%s\nwant\n%s", got, tt.want)
			}
		})
	}
}

// Online the keywords make the directives safe to re-run: the index that
// already exists is kept, the one that is missing is not an error.
func TestIndexExistenceKeywordsOnline(t *testing.T) {
	body := `with op.batch_alter_table('t') as batch_op:
    batch_op.create_index('ix_t_a', ['a'], if_not_exists=True)
    batch_op.drop_index('ix_gone', if_exists=True)
op.create_index('ix_t_a', 't', ['a'], if_not_exists=True)
op.drop_index('ix_gone2', table_name='t', if_exists=True)
op.create_index('ix_t_b', 't', ['b'], if_not_exists=True)`
	for _, d := range []string{"sqlite", "postgresql"} {
		t.Run(d, func(t *testing.T) {
			db := openDB(t, d)
			mustExec(t, db, "CREATE TABLE t (a INTEGER, b INTEGER)", "CREATE INDEX ix_t_a ON t (a)")
			if err := onlineRun(t, d, db, body); err != nil {
				t.Fatalf("upgrade: %v", err)
			}
			q := "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 't' ORDER BY name"
			if d == "postgresql" {
				q = "SELECT indexname FROM pg_indexes WHERE tablename = 't' ORDER BY indexname"
			}
			got := queryStrings(t, db, q)
			if len(got) != 2 || got[0] != "ix_t_a" || got[1] != "ix_t_b" {
				t.Errorf("indexes %q, want [ix_t_a ix_t_b]", got)
			}
		})
	}
}

// create_table(if_not_exists=True) and drop_table(if_exists=True), Alembic
// >= 1.13.3: offline SQL written by hand from that version's rendering,
// then online on SQLite and PostgreSQL, where re-running is harmless.
func TestTableExistenceKeywords(t *testing.T) {
	body := `op.create_table('t', sa.Column('id', sa.Integer, primary_key=True), if_not_exists=True)
op.drop_table('gone', if_exists=True)`
	wantPG := "CREATE TABLE IF NOT EXISTS t (\n    id SERIAL NOT NULL, \n    PRIMARY KEY (id)\n);\n\nDROP TABLE IF EXISTS gone;\n\n"
	wantSQLite := "CREATE TABLE IF NOT EXISTS t (\n    id INTEGER NOT NULL, \n    PRIMARY KEY (id)\n);\n\nDROP TABLE IF EXISTS gone;\n\n"
	wantMySQL := "CREATE TABLE IF NOT EXISTS t (\n    id INTEGER NOT NULL AUTO_INCREMENT, \n    PRIMARY KEY (id)\n);\n\nDROP TABLE IF EXISTS gone;\n\n"
	for d, want := range map[string]string{"postgresql": wantPG, "sqlite": wantSQLite, "mysql": wantMySQL} {
		got, err := offlineSQL(t, d, body)
		if err != nil {
			t.Fatalf("%s: %v", d, err)
		}
		if got != want {
			t.Errorf("%s: got\n%s\nwant\n%s", d, got, want)
		}
	}
	for _, d := range []string{"sqlite", "postgresql"} {
		t.Run(d, func(t *testing.T) {
			db := openDB(t, d)
			mustExec(t, db, "CREATE TABLE t (id INTEGER PRIMARY KEY, kept INTEGER)")
			if err := onlineRun(t, d, db, body); err != nil {
				t.Fatalf("upgrade: %v", err)
			}
			if got := queryStrings(t, db, "SELECT count(kept) FROM t"); len(got) != 1 || got[0] != "0" {
				t.Errorf("the existing table t was not kept: %q", got)
			}
		})
	}
}

// add_column(if_not_exists=), drop_column(if_exists=) and
// drop_constraint(if_exists=) on op and batch_op: rendered on PostgreSQL,
// which has the clauses (expected SQL written by hand), refused by name on
// a dialect without them rather than silently dropped.
func TestColumnAndConstraintExistenceKeywords(t *testing.T) {
	body := `op.add_column('t', sa.Column('c', sa.Integer), if_not_exists=True)
op.drop_column('t', 'gone', if_exists=True)
op.drop_constraint('uq_gone', 't', type_='unique', if_exists=True)
with op.batch_alter_table('t') as batch_op:
    batch_op.add_column(sa.Column('d', sa.String(5)), if_not_exists=True)
    batch_op.drop_column('gone2', if_exists=True)
    batch_op.drop_constraint('fk_gone', type_='foreignkey', if_exists=True)`
	want := "ALTER TABLE t ADD COLUMN IF NOT EXISTS c INTEGER;\n\nALTER TABLE t DROP COLUMN IF EXISTS gone;\n\n" +
		"ALTER TABLE t DROP CONSTRAINT IF EXISTS uq_gone;\n\nALTER TABLE t ADD COLUMN IF NOT EXISTS d VARCHAR(5);\n\n" +
		"ALTER TABLE t DROP COLUMN IF EXISTS gone2;\n\nALTER TABLE t DROP CONSTRAINT IF EXISTS fk_gone;\n\n"
	got, err := offlineSQL(t, "postgresql", body)
	if err != nil {
		t.Fatal(err)
	}
	if got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}

	db := openDB(t, "postgresql")
	mustExec(t, db, "CREATE TABLE t (id INTEGER, c INTEGER)")
	if err := onlineRun(t, "postgresql", db, body); err != nil {
		t.Fatalf("upgrade: %v", err)
	}
	cols := queryStrings(t, db, "SELECT column_name FROM information_schema.columns WHERE table_name = 't' ORDER BY ordinal_position")
	if strings.Join(cols, ",") != "id,c,d" {
		t.Errorf("columns %q, want id,c,d", cols)
	}

	for _, tt := range []struct{ dialect, body, want string }{
		{"sqlite", "op.add_column('t', sa.Column('c', sa.Integer), if_not_exists=True)", "sqlite has no ADD COLUMN IF NOT EXISTS"},
		{"mysql", "op.drop_column('t', 'c', if_exists=True)", "mysql has no DROP COLUMN IF EXISTS"},
		{"mysql", "op.drop_constraint('fk', 't', type_='foreignkey', if_exists=True)", "mysql has no DROP CONSTRAINT IF EXISTS"},
	} {
		_, err := offlineSQL(t, tt.dialect, tt.body)
		if err == nil || !strings.Contains(err.Error(), tt.want) || !strings.Contains(err.Error(), "a1_x.py:12") {
			t.Errorf("%s %s: got %v", tt.dialect, tt.body, err)
		}
	}
}
