package retort_test

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"log/slog"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/retort-dev/retort"
	"github.com/retort-dev/retort/internal/dbtest"
)

const pyUsers = `"""create users

Revision ID: a1
Revises:
Create Date: 2024-01-01 00:00:00

"""
from alembic import op
import sqlalchemy as sa

revision = 'a1'
down_revision = None
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('users', sa.Column('id', sa.Integer, primary_key=True), sa.Column('name', sa.String(50)))


def downgrade():
    op.drop_table('users')
`

const sqlAudit = `-- audit table
--
-- Revision ID: c3
-- Revises: b2
-- retort:upgrade
CREATE TABLE audit (id INTEGER PRIMARY KEY, note VARCHAR(100));
-- retort:downgrade
DROP TABLE audit;
`

// scripts is a .py revision a1 and a .sql revision c3 that follows the Go
// migration b2.
func scripts() fstest.MapFS {
	return fstest.MapFS{
		"versions/a1_users.py":  {Data: []byte(pyUsers)},
		"versions/c3_audit.sql": {Data: []byte(sqlAudit)},
	}
}

var usersTable = &retort.Table{Name: "users", Columns: []*retort.Column{
	{Name: "id", Type: &retort.Type{Kind: "Integer"}, PrimaryKey: true},
	{Name: "name", Type: &retort.Type{Kind: "String", Length: 50}, Nullable: true},
}}

// seed is a Go migration between a1 and c3 using most Operations.
func seed() retort.Migration {
	return retort.Migration{
		Revision: "b2", DownRevision: "a1", Message: "email and seed rows",
		Upgrade: func(ctx context.Context, op *retort.Operations) error {
			if err := op.AddColumn("users", &retort.Column{Name: "email", Type: &retort.Type{Kind: "String", Length: 100}, Nullable: true}); err != nil {
				return err
			}
			if err := op.CreateIndex("ix_users_email", "users", []string{"email"}, true); err != nil {
				return err
			}
			if err := op.BulkInsert(usersTable, []map[string]any{{"id": 1, "name": "ada"}, {"id": 2, "name": "bob"}}); err != nil {
				return err
			}
			if err := op.Execute("UPDATE users SET email = 'bob@example.com' WHERE name = 'bob'"); err != nil {
				return err
			}
			if tx := op.Tx(); tx != nil {
				var n int
				if err := tx.QueryRowContext(ctx, "SELECT count(*) FROM users").Scan(&n); err != nil {
					return err
				}
				if n != 2 {
					return errors.New("Tx does not see the rows inserted in the same step")
				}
			}
			return nil
		},
		Downgrade: func(ctx context.Context, op *retort.Operations) error {
			if err := op.Execute("DELETE FROM users"); err != nil {
				return err
			}
			if err := op.DropIndex("ix_users_email", "users"); err != nil {
				return err
			}
			return op.DropColumn("users", "email")
		},
	}
}

type backend struct {
	dialect retort.Dialect
	open    func(t testing.TB) (*sql.DB, string)
}

var backends = []backend{{retort.SQLite, dbtest.SQLite}, {retort.PostgreSQL, dbtest.Postgres}, {retort.MariaDB, dbtest.MySQL}}

func forEach(t *testing.T, f func(t *testing.T, d retort.Dialect, db *sql.DB)) {
	for _, b := range backends {
		t.Run(string(b.dialect), func(t *testing.T) {
			db, _ := b.open(t)
			f(t, b.dialect, db)
		})
	}
}

func steps(r *retort.Result) string {
	var s []string
	for _, st := range r.Steps {
		s = append(s, string(st.Direction)+" "+st.Revision)
	}
	return strings.Join(s, ", ")
}

func TestProviderUpgradeDowngrade(t *testing.T) {
	ctx := context.Background()
	forEach(t, func(t *testing.T, d retort.Dialect, db *sql.DB) {
		p, err := retort.NewProvider(d, db, scripts(), retort.WithMigrations(seed()))
		if err != nil {
			t.Fatal(err)
		}
		heads, err := p.Heads(ctx)
		if err != nil || !slices.Equal(heads, []string{"c3"}) {
			t.Fatalf("Heads = %v, %v; want [c3]", heads, err)
		}
		cur, err := p.Current(ctx)
		if err != nil || len(cur) != 0 {
			t.Fatalf("Current before upgrade = %v, %v; want none", cur, err)
		}
		res, err := p.Upgrade(ctx, "head")
		if err != nil {
			t.Fatal(err)
		}
		if got := steps(res); got != "upgrade a1, upgrade b2, upgrade c3" {
			t.Fatalf("Upgrade steps = %s", got)
		}
		if b2 := res.Steps[1]; b2.Path != "go:b2" || b2.Message != "email and seed rows" || len(b2.Statements) < 4 {
			t.Errorf("b2 step = %+v", b2)
		}
		if c3 := res.Steps[2]; c3.Path != "versions/c3_audit.sql" || c3.Statements[0] != "CREATE TABLE audit (id INTEGER PRIMARY KEY, note VARCHAR(100))" {
			t.Errorf("c3 step = %+v", c3)
		}
		var email string
		if err := db.QueryRow("SELECT email FROM users WHERE id = 2").Scan(&email); err != nil || email != "bob@example.com" {
			t.Errorf("email of bob = %q, %v", email, err)
		}
		if cur, err := p.Current(ctx); err != nil || !slices.Equal(cur, []string{"c3"}) {
			t.Errorf("Current = %v, %v; want [c3]", cur, err)
		}
		hist, err := p.History(ctx, "")
		if err != nil {
			t.Fatal(err)
		}
		var kinds []string
		for _, r := range hist {
			kinds = append(kinds, r.ID+":"+r.Kind)
		}
		if got := strings.Join(kinds, " "); got != "c3:sql b2:go a1:py" {
			t.Errorf("History = %s", got)
		}
		if hist[1].Message != "email and seed rows" || !slices.Equal(hist[1].DownRevisions, []string{"a1"}) {
			t.Errorf("History b2 = %+v", hist[1])
		}
		if h, err := p.History(ctx, "current:"); err != nil || len(h) != 1 || h[0].ID != "c3" {
			t.Errorf("History current: = %v, %v", h, err)
		}
		res, err = p.Downgrade(ctx, "a1")
		if err != nil {
			t.Fatal(err)
		}
		if got := steps(res); got != "downgrade c3, downgrade b2" {
			t.Errorf("Downgrade steps = %s", got)
		}
		var n int
		if err := db.QueryRow("SELECT count(*) FROM users").Scan(&n); err != nil || n != 0 {
			t.Errorf("users after downgrade to a1: %d rows, %v", n, err)
		}
		if _, err := p.Downgrade(ctx, "base"); err != nil {
			t.Fatal(err)
		}
		if cur, err := p.Current(ctx); err != nil || len(cur) != 0 {
			t.Errorf("Current at base = %v, %v", cur, err)
		}
	})
}

// TestFailingMigration: a Go migration failing mid-run reports the steps
// before it, and the database stays at the last committed state.
func TestFailingMigration(t *testing.T) {
	ctx := context.Background()
	forEach(t, func(t *testing.T, d retort.Dialect, db *sql.DB) {
		bad := seed()
		cause := errors.New("seed data invalid")
		bad.Upgrade = func(ctx context.Context, op *retort.Operations) error {
			if err := op.Execute("INSERT INTO users (id, name) VALUES (9, 'zed')"); err != nil {
				return err
			}
			return cause
		}
		p, err := retort.NewProvider(d, db, scripts(), retort.WithMigrations(bad), retort.WithTransactionPerMigration())
		if err != nil {
			t.Fatal(err)
		}
		res, err := p.Upgrade(ctx, "head")
		var me *retort.MigrationError
		if !errors.As(err, &me) {
			t.Fatalf("error = %v, want *MigrationError", err)
		}
		if !errors.Is(err, cause) {
			t.Errorf("error %v does not wrap the migration's own error", err)
		}
		if me.Revision != "b2" || me.Path != "go:b2" || me.Direction != retort.Up || !slices.Equal(me.Current, []string{"a1"}) {
			t.Errorf("MigrationError = %+v", me)
		}
		if got := steps(res); got != "upgrade a1" {
			t.Errorf("applied steps = %q, want upgrade a1", got)
		}
		if got := me.Applied; len(got) != 1 || got[0].Revision != "a1" {
			t.Errorf("Applied = %+v", got)
		}
		if cur, err := p.Current(ctx); err != nil || !slices.Equal(cur, []string{"a1"}) {
			t.Errorf("Current = %v, %v; want [a1]", cur, err)
		}
		var n int
		if err := db.QueryRow("SELECT count(*) FROM users").Scan(&n); err != nil || n != 0 {
			t.Errorf("users = %d, %v; the failed step's insert must be rolled back", n, err)
		}
	})
}

// TestFailingStatement names the statement the database refused.
func TestFailingStatement(t *testing.T) {
	forEach(t, func(t *testing.T, d retort.Dialect, db *sql.DB) {
		bad := seed()
		bad.Upgrade = func(ctx context.Context, op *retort.Operations) error {
			return op.Execute("INSERT INTO nowhere VALUES (1)")
		}
		p, err := retort.NewProvider(d, db, scripts(), retort.WithMigrations(bad))
		if err != nil {
			t.Fatal(err)
		}
		res, err := p.Upgrade(context.Background(), "head")
		var me *retort.MigrationError
		if !errors.As(err, &me) || me.Statement != "INSERT INTO nowhere VALUES (1)" || me.Revision != "b2" {
			t.Fatalf("error = %#v", err)
		}
		if d == retort.MariaDB {
			// DDL commits implicitly: each step commits on its own, a1 stays.
			if steps(res) != "upgrade a1" || !slices.Equal(me.Current, []string{"a1"}) || me.RolledBack {
				t.Errorf("steps = %q, current = %v, rolled back %v; want a1 kept", steps(res), me.Current, me.RolledBack)
			}
			return
		}
		// One transaction for the whole run: a1 is rolled back too.
		if len(res.Steps) != 0 || len(me.Current) != 0 {
			t.Errorf("steps = %q, current = %v; want none with one transaction per run", steps(res), me.Current)
		}
	})
}

func TestStamp(t *testing.T) {
	ctx := context.Background()
	forEach(t, func(t *testing.T, d retort.Dialect, db *sql.DB) {
		p, err := retort.NewProvider(d, db, scripts(), retort.WithMigrations(seed()), retort.WithVersionTable("", "schema_version"))
		if err != nil {
			t.Fatal(err)
		}
		if err := p.Stamp(ctx, "b2"); err != nil {
			t.Fatal(err)
		}
		if cur, err := p.Current(ctx); err != nil || !slices.Equal(cur, []string{"b2"}) {
			t.Errorf("Current = %v, %v; want [b2]", cur, err)
		}
		var v string
		if err := db.QueryRow("SELECT version_num FROM schema_version").Scan(&v); err != nil || v != "b2" {
			t.Errorf("schema_version holds %q, %v", v, err)
		}
		if err := p.Stamp(ctx, "nope"); err == nil {
			t.Error("Stamp of an unknown revision succeeded")
		}
		if err := p.Stamp(ctx); err == nil {
			t.Error("Stamp without revisions succeeded")
		}
	})
}

func TestOffline(t *testing.T) {
	var out bytes.Buffer
	p, err := retort.NewProvider(retort.PostgreSQL, nil, scripts(), retort.WithMigrations(seed()), retort.WithOffline(&out))
	if err != nil {
		t.Fatal(err)
	}
	res, err := p.Upgrade(context.Background(), "head")
	if err != nil {
		t.Fatal(err)
	}
	if got := steps(res); got != "upgrade a1, upgrade b2, upgrade c3" {
		t.Errorf("steps = %s", got)
	}
	for _, want := range []string{
		"BEGIN;",
		"CREATE TABLE alembic_version",
		"ALTER TABLE users ADD COLUMN email VARCHAR(100);",
		"CREATE UNIQUE INDEX ix_users_email ON users (email);",
		"UPDATE users SET email = 'bob@example.com' WHERE name = 'bob';",
		"-- Running upgrade b2 -> c3",
		"COMMIT;",
	} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("offline SQL lacks %q:\n%s", want, out.String())
		}
	}
}

func TestLogger(t *testing.T) {
	var log bytes.Buffer
	db, _ := dbtest.SQLite(t)
	p, err := retort.NewProvider(retort.SQLite, db, scripts(), retort.WithMigrations(seed()),
		retort.WithLogger(slog.New(slog.NewTextHandler(&log, nil))))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := p.Upgrade(context.Background(), "a1"); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(log.String(), `msg="Running upgrade  -> a1, create users"`) {
		t.Errorf("log lacks the Running line:\n%s", log.String())
	}
}

func TestOptionsValidate(t *testing.T) {
	db, _ := dbtest.SQLite(t)
	up := func(context.Context, *retort.Operations) error { return nil }
	cases := []struct {
		name string
		d    retort.Dialect
		opt  retort.Option
		want string
	}{
		{"unknown dialect", "oracle", retort.WithLock(true), "unknown dialect"},
		{"no revision", retort.SQLite, retort.WithMigrations(retort.Migration{Upgrade: up}), "needs a Revision"},
		{"no upgrade", retort.SQLite, retort.WithMigrations(retort.Migration{Revision: "x"}), "no Upgrade"},
		{"both parents", retort.SQLite, retort.WithMigrations(retort.Migration{Revision: "x", DownRevision: "a", DownRevisions: []string{"b"}, Upgrade: up}), "not both"},
		{"twice", retort.SQLite, retort.WithMigrations(retort.Migration{Revision: "x", Upgrade: up}, retort.Migration{Revision: "x", Upgrade: up}), "given twice"},
		{"bad id", retort.SQLite, retort.WithMigrations(retort.Migration{Revision: "a-b", Upgrade: up}), "may not contain"},
		{"version table", retort.SQLite, retort.WithVersionTable("s", ""), "needs a table name"},
		{"lock timeout", retort.SQLite, retort.WithLockTimeout(0), "must be positive"},
		{"logger", retort.SQLite, retort.WithLogger(nil), "WithLogger(nil)"},
		{"xargs", retort.SQLite, retort.WithXArgs("novalue"), "not KEY=VALUE"},
		{"offline", retort.SQLite, retort.WithOffline(nil), "WithOffline(nil)"},
		{"locations", retort.SQLite, retort.WithVersionLocations(), "at least one"},
		{"zero", retort.SQLite, retort.Option{}, "zero Option"},
		{"graph", retort.SQLite, retort.WithMigrations(retort.Migration{Revision: "x", DownRevision: "missing", Upgrade: up}), "is not present"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := retort.NewProvider(c.d, db, scripts(), c.opt)
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Errorf("error = %v, want one containing %q", err, c.want)
			}
		})
	}
	if _, err := retort.NewProvider(retort.SQLite, nil, scripts()); err == nil {
		t.Error("NewProvider without a database or WithOffline succeeded")
	}
}

// TestGoOnly: without a scripts file system, Go migrations alone form the graph.
func TestGoOnly(t *testing.T) {
	db, _ := dbtest.SQLite(t)
	m := retort.Migration{Revision: "g1", Message: "t",
		Upgrade:   func(ctx context.Context, op *retort.Operations) error { return op.CreateTable(usersTable) },
		Downgrade: func(ctx context.Context, op *retort.Operations) error { return op.DropTable("users") }}
	p, err := retort.NewProvider(retort.SQLite, db, nil, retort.WithMigrations(m))
	if err != nil {
		t.Fatal(err)
	}
	if res, err := p.Upgrade(context.Background(), "head"); err != nil || steps(res) != "upgrade g1" {
		t.Fatalf("Upgrade = %v, %v", res, err)
	}
	if _, err := db.Exec("INSERT INTO users (id, name) VALUES (1, 'x')"); err != nil {
		t.Errorf("users not created: %v", err)
	}
}

func TestVersionLocations(t *testing.T) {
	db, _ := dbtest.SQLite(t)
	fsys := fstest.MapFS{"db/one/a1.py": {Data: []byte(pyUsers)}}
	p, err := retort.NewProvider(retort.SQLite, db, fsys, retort.WithVersionLocations("db/one", "db/two"))
	if err != nil {
		t.Fatal(err)
	}
	if h, err := p.Heads(context.Background()); err != nil || !slices.Equal(h, []string{"a1"}) {
		t.Errorf("Heads = %v, %v", h, err)
	}
}

// TestOpen reads an alembic.ini with the database URL and a version table
// name, the scripts on disk.
func TestOpen(t *testing.T) {
	for _, b := range backends {
		t.Run(string(b.dialect), func(t *testing.T) {
			db, url := b.open(t)
			dir := t.TempDir()
			versions := filepath.Join(dir, "migrations", "versions")
			if err := os.MkdirAll(versions, 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join(versions, "a1_users.py"), []byte(pyUsers), 0o644); err != nil {
				t.Fatal(err)
			}
			ini := "[alembic]\nscript_location = " + filepath.Join(dir, "migrations") +
				"\nsqlalchemy.url = " + strings.ReplaceAll(url, "%", "%%") + "\nversion_table = app_version\n"
			cfg := filepath.Join(dir, "alembic.ini")
			if err := os.WriteFile(cfg, []byte(ini), 0o644); err != nil {
				t.Fatal(err)
			}
			p, err := retort.Open(cfg, retort.WithMigrations(seed()))
			if err != nil {
				t.Fatal(err)
			}
			defer p.Close()
			want := b.dialect
			if strings.HasPrefix(url, "mysql") {
				want = retort.MySQL // the URL names MySQL; mariadb:// would name MariaDB
			}
			if p.Dialect() != want {
				t.Errorf("Dialect = %s, want %s", p.Dialect(), want)
			}
			res, err := p.Upgrade(context.Background(), "head")
			if err != nil {
				t.Fatal(err)
			}
			if got := steps(res); got != "upgrade a1, upgrade b2" {
				t.Errorf("steps = %s", got)
			}
			var v string
			if err := db.QueryRow("SELECT version_num FROM app_version").Scan(&v); err != nil || v != "b2" {
				t.Errorf("app_version = %q, %v", v, err)
			}
			if err := p.Close(); err != nil {
				t.Errorf("Close: %v", err)
			}
			if _, err := retort.Open(filepath.Join(dir, "missing.ini")); err == nil {
				t.Error("Open of a missing config succeeded")
			}
		})
	}
}

// TestOpenOfflineWithScripts: Open with the scripts from a file system and
// WithOffline writes SQL for the config's dialect without connecting.
func TestOpenOfflineWithScripts(t *testing.T) {
	dir := t.TempDir()
	cfg := filepath.Join(dir, "retort.ini")
	// The URL points at a server that is never contacted offline.
	if err := os.WriteFile(cfg, []byte("[alembic]\nsqlalchemy.url = postgresql://nobody@127.0.0.1:1/none\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	p, err := retort.Open(cfg, retort.WithScripts(scripts()), retort.WithMigrations(seed()), retort.WithOffline(&out))
	if err != nil {
		t.Fatal(err)
	}
	defer p.Close()
	if p.Dialect() != retort.PostgreSQL {
		t.Errorf("Dialect = %s, want postgresql", p.Dialect())
	}
	res, err := p.Upgrade(context.Background(), "a1:b2")
	if err != nil {
		t.Fatal(err)
	}
	if got := steps(res); got != "upgrade b2" {
		t.Errorf("steps = %s, want upgrade b2", got)
	}
	if !strings.Contains(out.String(), "UPDATE alembic_version SET version_num='b2' WHERE alembic_version.version_num = 'a1';") {
		t.Errorf("offline SQL:\n%s", out.String())
	}
	if _, err := p.Tables(context.Background()); err == nil {
		t.Error("Tables offline succeeded")
	}
	if _, err := p.Current(context.Background()); err == nil {
		t.Error("Current offline succeeded")
	}
}

// TestTables lists what the migrations created, the version table left out.
func TestTables(t *testing.T) {
	forEach(t, func(t *testing.T, d retort.Dialect, db *sql.DB) {
		p, err := retort.NewProvider(d, db, scripts(), retort.WithMigrations(seed()))
		if err != nil {
			t.Fatal(err)
		}
		ctx := context.Background()
		if got, err := p.Tables(ctx); err != nil || len(got) != 0 {
			t.Errorf("Tables before = %v, %v", got, err)
		}
		res, err := p.Upgrade(ctx, "head")
		if err != nil {
			t.Fatal(err)
		}
		if got, err := p.Tables(ctx); err != nil || !slices.Equal(got, []string{"audit", "users"}) {
			t.Errorf("Tables = %v, %v; want [audit users]", got, err)
		}
		if got := res.Revisions(); !slices.Equal(got, []string{"a1", "b2", "c3"}) {
			t.Errorf("Revisions = %v", got)
		}
		if err := p.Close(); err != nil {
			t.Errorf("Close: %v", err)
		}
		if err := db.Ping(); err != nil {
			t.Errorf("Close of a NewProvider closed the caller's database: %v", err)
		}
	})
}

// TestOperationsInfo: a migration learns the dialect and whether it runs
// offline, and has no Tx offline.
func TestOperationsInfo(t *testing.T) {
	var seen []string
	m := retort.Migration{Revision: "a1", Upgrade: func(ctx context.Context, op *retort.Operations) error {
		seen = append(seen, string(op.Dialect()), fmtBool(op.Offline()), fmtBool(op.Tx() != nil))
		return nil
	}}
	db, _ := dbtest.SQLite(t)
	p, err := retort.NewProvider(retort.SQLite, db, nil, retort.WithMigrations(m))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := p.Upgrade(context.Background(), "head"); err != nil {
		t.Fatal(err)
	}
	p, err = retort.NewProvider(retort.MySQL, nil, nil, retort.WithMigrations(m), retort.WithOffline(&bytes.Buffer{}))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := p.Upgrade(context.Background(), "head"); err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(seen, " "); got != "sqlite false true mysql true false" {
		t.Errorf("seen = %s", got)
	}
}

func fmtBool(b bool) string {
	if b {
		return "true"
	}
	return "false"
}

// TestCheck: a schema.sql naming a table the migrations never create is a
// pending change; a Provider with neither a config file nor a target
// option cannot check.
func TestCheck(t *testing.T) {
	dir := t.TempDir()
	versions := filepath.Join(dir, "migrations", "versions")
	if err := os.MkdirAll(versions, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "schema.sql"), []byte("CREATE TABLE extra (id INTEGER PRIMARY KEY);\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	ini := "[alembic]\nscript_location = " + filepath.Join(dir, "migrations") +
		"\nsqlalchemy.url = sqlite:///" + filepath.Join(dir, "app.db") + "\ntarget_metadata = schema.sql\n"
	cfg := filepath.Join(dir, "alembic.ini")
	if err := os.WriteFile(cfg, []byte(ini), 0o644); err != nil {
		t.Fatal(err)
	}
	p, err := retort.Open(cfg)
	if err != nil {
		t.Fatal(err)
	}
	defer p.Close()
	err = p.Check(context.Background())
	var pending *retort.PendingChangesError
	if !errors.As(err, &pending) || len(pending.Diffs) != 1 || !strings.Contains(pending.Diffs[0], "extra") {
		t.Fatalf("Check = %v, want one pending change adding table extra", err)
	}
	if got := err.Error(); got != "New upgrade operations detected: [('add_table', 'extra')]" {
		t.Errorf("Check error = %s", got)
	}
	db, _ := dbtest.SQLite(t)
	np, err := retort.NewProvider(retort.SQLite, db, scripts(), retort.WithMigrations(seed()))
	if err != nil {
		t.Fatal(err)
	}
	if err := np.Check(context.Background()); err == nil || err.Error() != "retort: Check needs a target schema: give NewProvider WithTargetMetadata, WithTargetModelsFile or WithTargetSchemaSQL, or make the Provider with Open" {
		t.Errorf("Check of a NewProvider = %v", err)
	}
}

// TestForeignKey adds and drops a foreign key on PostgreSQL and MariaDB.
func TestForeignKey(t *testing.T) {
	for _, b := range backends[1:] {
		t.Run(string(b.dialect), func(t *testing.T) {
			db, _ := b.open(t)
			orders := retort.Migration{Revision: "b2", DownRevision: "a1", Message: "orders",
				Upgrade: func(ctx context.Context, op *retort.Operations) error {
					if err := op.Execute("CREATE TABLE orders (id INTEGER PRIMARY KEY, user_id INTEGER)"); err != nil {
						return err
					}
					return op.CreateForeignKey("fk_orders_user", "orders", []string{"user_id"}, "users", []string{"id"})
				},
				Downgrade: func(ctx context.Context, op *retort.Operations) error {
					if err := op.DropConstraint("fk_orders_user", "orders", "foreignkey"); err != nil {
						return err
					}
					return op.DropTable("orders")
				}}
			fsys := fstest.MapFS{"versions/a1_users.py": {Data: []byte(pyUsers)}}
			p, err := retort.NewProvider(b.dialect, db, fsys, retort.WithMigrations(orders))
			if err != nil {
				t.Fatal(err)
			}
			if _, err := p.Upgrade(context.Background(), "head"); err != nil {
				t.Fatal(err)
			}
			if _, err := db.Exec("INSERT INTO orders (id, user_id) VALUES (1, 42)"); err == nil {
				t.Error("an order of a missing user was accepted: no foreign key")
			}
			if _, err := p.Downgrade(context.Background(), "base"); err != nil {
				t.Fatal(err)
			}
		})
	}
}
