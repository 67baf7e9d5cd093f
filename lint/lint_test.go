package lint

import (
	"bytes"
	"encoding/json"
	"slices"
	"strconv"
	"testing"

	"github.com/retort-dev/retort/ops"
	"github.com/retort-dev/retort/schema"
)

func ptr[T any](v T) *T { return &v }

// sqlStep is a PostgreSQL step of SQL statements on lines 1, 2, ...,
// inside the step's transaction.
func sqlStep(dialect string, stmts ...string) Step {
	s := Step{Revision: "r1", Path: "v/r1.sql", Dialect: dialect}
	for i, q := range stmts {
		s.Statements = append(s.Statements, Statement{SQL: q, Line: i + 1, InTransaction: true})
	}
	return s
}

// opStep is a step of ops on lines 10, 11, ..., inside a transaction.
func opStep(dialect string, list ...ops.Op) Step {
	s := Step{Revision: "r1", Path: "v/r1.py", Dialect: dialect}
	for i, op := range list {
		s.Statements = append(s.Statements, Statement{Op: op, Line: 10 + i, InTransaction: true})
	}
	return s
}

// found is "rule@line" for each hazard.
func found(hs []Hazard) []string {
	var out []string
	for _, h := range hs {
		out = append(out, h.Rule+"@"+strconv.Itoa(h.Line))
	}
	return out
}

func col(name string, nullable bool, def *schema.Expr) *schema.Column {
	return &schema.Column{Name: name, Type: &schema.Type{Kind: "Integer"}, Nullable: nullable, ServerDefault: def}
}

func TestRules(t *testing.T) {
	pg, lite := "postgresql", "sqlite"
	newAccount := &ops.CreateTable{Table: &schema.Table{Name: "account", Columns: []*schema.Column{col("id", false, nil)}}}
	tests := []struct {
		name  string
		steps []Step
		want  []string
	}{
		// index-not-concurrent
		{"index on existing table", []Step{sqlStep(pg, `CREATE INDEX ix_a ON public.account (email)`)}, []string{"index-not-concurrent@1"}},
		{"unique index op on existing table", []Step{opStep(pg, &ops.CreateIndex{Index: &schema.Index{Name: "ix", Table: "account", Unique: true}})}, []string{"index-not-concurrent@10"}},
		{"index concurrently outside a transaction", []Step{{Revision: "r1", Path: "p", Dialect: pg, Statements: []Statement{{SQL: `CREATE INDEX CONCURRENTLY ix ON account (email)`, Line: 3}}}}, nil},
		{"index on a table this run creates", []Step{sqlStep(pg, `CREATE TABLE "Account" (id int)`, `CREATE INDEX ix ON "Account" (id)`)}, nil},
		{"index on a table an earlier step created", []Step{opStep(pg, newAccount), opStep(pg, &ops.CreateIndex{Index: &schema.Index{Name: "ix", Table: "account"}})}, nil},
		{"index rules are PostgreSQL's", []Step{sqlStep(lite, `CREATE INDEX ix ON account (email)`)}, nil},

		// add-column-not-null
		{"not null column without default", []Step{sqlStep(pg, `ALTER TABLE account ADD COLUMN age integer NOT NULL`)}, []string{"add-column-not-null@1"}},
		{"not null column op", []Step{opStep(pg, &ops.AddColumn{Table: "account", Column: col("age", false, nil)})}, []string{"add-column-not-null@10"}},
		{"not null column with default", []Step{sqlStep(pg, `ALTER TABLE account ADD COLUMN age integer NOT NULL DEFAULT 0`)}, nil},
		{"not null column op with server default", []Step{opStep(pg, &ops.AddColumn{Table: "account", Column: col("age", false, &schema.Expr{Kind: schema.ExprText, Text: "0"})})}, nil},
		{"nullable column", []Step{sqlStep(pg, `ALTER TABLE account ADD age integer CHECK (age IS NOT NULL OR true)`)}, nil},

		// column-type-rewrite
		{"type change", []Step{sqlStep(pg, `ALTER TABLE account ALTER COLUMN age TYPE bigint`)}, []string{"column-type-rewrite@1"}},
		{"type change op int to bigint", []Step{opStep(pg, &ops.AlterColumn{Table: "account", Column: "age", Type: &schema.Type{Kind: "BigInteger"}, ExistingType: &schema.Type{Kind: "Integer"}})}, []string{"column-type-rewrite@10"}},
		{"type change op without existing type", []Step{opStep(pg, &ops.AlterColumn{Table: "account", Column: "name", Type: &schema.Type{Kind: "String", Length: 80}})}, []string{"column-type-rewrite@10"}},
		{"varchar widened", []Step{opStep(pg, &ops.AlterColumn{Table: "account", Column: "name", Type: &schema.Type{Kind: "String", Length: 80}, ExistingType: &schema.Type{Kind: "String", Length: 40}})}, nil},
		{"varchar to text", []Step{opStep(pg, &ops.AlterColumn{Table: "account", Column: "name", Type: &schema.Type{Kind: "Text"}, ExistingType: &schema.Type{Kind: "VARCHAR", Length: 40}})}, nil},
		{"varchar narrowed", []Step{opStep(pg, &ops.AlterColumn{Table: "account", Column: "name", Type: &schema.Type{Kind: "String", Length: 20}, ExistingType: &schema.Type{Kind: "String", Length: 40}})}, []string{"column-type-rewrite@10"}},
		{"widened with USING", []Step{opStep(pg, &ops.AlterColumn{Table: "account", Column: "name", Type: &schema.Type{Kind: "String", Length: 80}, ExistingType: &schema.Type{Kind: "String", Length: 40}, DialectOptions: map[string]string{"postgresql_using": "name::varchar"}})}, []string{"column-type-rewrite@10"}},
		{"numeric precision raised", []Step{opStep(pg, &ops.AlterColumn{Table: "account", Column: "n", Type: &schema.Type{Kind: "Numeric", Precision: ptr(12), Scale: ptr(2)}, ExistingType: &schema.Type{Kind: "Numeric", Precision: ptr(10), Scale: ptr(2)}})}, nil},
		{"type change on new table", []Step{sqlStep(pg, `CREATE TABLE IF NOT EXISTS account (age int)`, `ALTER TABLE account ALTER age SET DATA TYPE bigint`)}, nil},

		// constraint-not-valid
		{"foreign key", []Step{sqlStep(pg, `ALTER TABLE account ADD CONSTRAINT fk_org FOREIGN KEY (org_id) REFERENCES org (id)`)}, []string{"constraint-not-valid@1"}},
		{"check constraint", []Step{sqlStep(pg, `ALTER TABLE account ADD CHECK (age > 0)`)}, []string{"constraint-not-valid@1"}},
		{"foreign key op", []Step{opStep(pg, &ops.CreateForeignKey{Table: "account", ForeignKey: &schema.ForeignKey{Name: "fk", Columns: []string{"org_id"}, RefTable: "org", RefColumns: []string{"id"}}})}, []string{"constraint-not-valid@10"}},
		{"check constraint op", []Step{opStep(pg, &ops.CreateCheckConstraint{Table: "account", Check: &schema.Check{Name: "ck", SQL: "age > 0"}})}, []string{"constraint-not-valid@10"}},
		{"foreign key not valid", []Step{sqlStep(pg, `ALTER TABLE account ADD CONSTRAINT fk_org FOREIGN KEY (org_id) REFERENCES org (id) NOT VALID`)}, nil},
		{"check not valid then validated", []Step{sqlStep(pg, `ALTER TABLE account ADD CONSTRAINT ck CHECK (age > 0) NOT VALID`, `ALTER TABLE account VALIDATE CONSTRAINT ck`)}, nil},

		// set-not-null
		{"set not null", []Step{sqlStep(pg, `ALTER TABLE account ALTER COLUMN email SET NOT NULL`)}, []string{"set-not-null@1"}},
		{"set not null op", []Step{opStep(pg, &ops.AlterColumn{Table: "account", Column: "email", Nullable: ptr(false)})}, []string{"set-not-null@10"}},
		{"drop not null", []Step{sqlStep(pg, `ALTER TABLE account ALTER COLUMN email DROP NOT NULL`)}, nil},
		{"set not null on a column already not null", []Step{opStep(pg, &ops.AlterColumn{Table: "account", Column: "email", Nullable: ptr(false), ExistingNullable: ptr(false)})}, nil},

		// concurrently-in-transaction
		{"create index concurrently in a transaction", []Step{sqlStep(pg, `CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS ix ON account (email)`)}, []string{"concurrently-in-transaction@1"}},
		{"drop index concurrently op in a transaction", []Step{opStep(pg, &ops.DropIndex{Name: "ix", Table: "account", DialectOptions: map[string]string{"postgresql_concurrently": "true"}})}, []string{"concurrently-in-transaction@10"}},
		{"create index concurrently op outside", []Step{{Revision: "r1", Path: "p", Dialect: pg, Statements: []Statement{{Op: &ops.CreateIndex{Index: &schema.Index{Name: "ix", Table: "account", DialectOptions: map[string]string{"postgresql_concurrently": "true"}}}, Line: 4}}}}, nil},

		// drop-table
		{"drop table", []Step{sqlStep(lite, `DROP TABLE IF EXISTS account, org CASCADE`)}, []string{"drop-table@1", "drop-table@1"}},
		{"drop table op", []Step{opStep("mysql", &ops.DropTable{Name: "account"})}, []string{"drop-table@10"}},
		{"drop a table this run created", []Step{sqlStep(lite, `CREATE TEMP TABLE scratch (x int)`, `DROP TABLE scratch`)}, nil},
		{"drop index is not drop table", []Step{sqlStep(lite, `DROP INDEX ix_account`)}, nil},

		// drop-column
		{"drop column", []Step{sqlStep("mysql", "ALTER TABLE `account` DROP COLUMN `age`")}, []string{"drop-column@1"}},
		{"drop column op in a batch", []Step{opStep(lite, &ops.BatchAlterTable{Table: "account", Ops: []ops.Op{&ops.DropColumn{Table: "account", Column: "age"}}})}, []string{"drop-column@10"}},
		{"drop constraint and default", []Step{sqlStep(pg, `ALTER TABLE account DROP CONSTRAINT ck, ALTER COLUMN age DROP DEFAULT`)}, nil},
		{"drop a column this run added", []Step{opStep(lite, &ops.AddColumn{Table: "account", Column: col("tmp", true, nil)}, &ops.DropColumn{Table: "account", Column: "tmp"})}, nil},

		// rename-table
		{"rename table", []Step{sqlStep(lite, `ALTER TABLE account RENAME TO accounts`)}, []string{"rename-table@1"}},
		{"rename table mysql", []Step{sqlStep("mysql", "RENAME TABLE account TO accounts")}, []string{"rename-table@1"}},
		{"rename table op", []Step{opStep(pg, &ops.RenameTable{OldName: "account", NewName: "accounts"})}, []string{"rename-table@10"}},
		{"rename a table this run created", []Step{opStep(pg, newAccount, &ops.RenameTable{OldName: "account", NewName: "accounts"}, &ops.CreateIndex{Index: &schema.Index{Name: "ix", Table: "accounts"}})}, nil},

		// rename-column
		{"rename column", []Step{sqlStep(pg, `ALTER TABLE account RENAME COLUMN email TO mail`)}, []string{"rename-column@1"}},
		{"rename column op", []Step{opStep(lite, &ops.AlterColumn{Table: "account", Column: "email", NewName: "mail"})}, []string{"rename-column@10"}},
		{"mysql change column renames", []Step{sqlStep("mysql", "ALTER TABLE account CHANGE COLUMN email mail varchar(80)")}, []string{"rename-column@1"}},
		{"mysql change column keeps the name", []Step{sqlStep("mysql", "ALTER TABLE account CHANGE email email varchar(80)")}, nil},
		{"rename constraint", []Step{sqlStep(pg, `ALTER TABLE account RENAME CONSTRAINT a TO b`)}, nil},

		// several statements in one op.execute; function bodies are strings
		{"execute with two statements", []Step{opStep(pg, &ops.Execute{SQL: "UPDATE account SET a = 1; ALTER TABLE account DROP COLUMN b;"})}, []string{"drop-column@10"}},
		{"function body", []Step{sqlStep(pg, "CREATE FUNCTION f() RETURNS trigger AS $body$ BEGIN DELETE FROM t; DROP TABLE account; END $body$ LANGUAGE plpgsql")}, nil},
		{"function body with $$", []Step{sqlStep(pg, "DO $$ BEGIN EXECUTE 'x'; ALTER TABLE account RENAME TO b; END $$")}, nil},

		// keywords in literals and comments are not statements
		{"keywords in a string", []Step{sqlStep(pg, `INSERT INTO log VALUES ('DROP TABLE account')`, `/* DROP TABLE x */ SELECT 1`)}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := found(Check(tt.steps))
			if !slices.Equal(got, tt.want) {
				t.Errorf("hazards = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestNoDowngrade(t *testing.T) {
	s := Step{Revision: "abc", Path: "v/abc.py", Dialect: "sqlite", NoDowngrade: true, DowngradeLine: 14}
	got := Check([]Step{s})
	want := []Hazard{{Path: "v/abc.py", Line: 14, Revision: "abc", Rule: "no-downgrade", Severity: SeverityWarning,
		Message: "revision abc has no downgrade", Fix: "write a downgrade that undoes the upgrade, or silence with lint-ignore no-downgrade if it truly cannot be undone"}}
	if !slices.Equal(got, want) {
		t.Errorf("got %+v\nwant %+v", got, want)
	}
	s.NoDowngradeReason = "downgrade() does nothing"
	if got := Check([]Step{s}); len(got) != 1 || got[0].Message != "revision abc has no downgrade: downgrade() does nothing" {
		t.Errorf("with a reason: got %+v", got)
	}
	s.NoDowngrade = false
	s.Statements = []Statement{{SQL: "DROP TABLE t", Line: 3}}
	if got := Check([]Step{s}); len(got) != 1 || got[0].SQL != "DROP TABLE t" || got[0].Line != 3 {
		t.Errorf("a hazard carries its statement: got %+v", got)
	}
	s.Statements = nil
	if got := Check([]Step{s}); len(got) != 0 {
		t.Errorf("a revision with a downgrade: got %+v", got)
	}
	s.NoDowngrade = true
	s.Ignores = ParseIgnores(KindPython, []byte("# retort: lint-ignore no-downgrade\n"))
	if got := Check([]Step{s}); len(got) != 0 {
		t.Errorf("ignored anywhere in the file: got %+v", got)
	}
}

func TestIgnores(t *testing.T) {
	sqlSrc := `-- retort:upgrade
-- retort:lint-ignore drop-table
-- the old table is empty
DROP TABLE old;
DROP TABLE other;
-- retort:lint-ignore rename-table, drop-column

ALTER TABLE t RENAME TO u;
ALTER TABLE u DROP COLUMN c;
`
	pySrc := `def upgrade():
    op.drop_table("old")  # retort: lint-ignore drop-table
    op.drop_table("other")
    # retort: lint-ignore drop-column
    op.drop_column("t", "c")
    op.drop_column("t", "d")  # a remark about "#" retort: lint-ignore drop-column
    op.execute("DROP TABLE x  # retort: lint-ignore drop-table")
`
	sqlStmts := []Statement{{SQL: "DROP TABLE old", Line: 4}, {SQL: "DROP TABLE other", Line: 5},
		{SQL: "ALTER TABLE t RENAME TO u", Line: 8}, {SQL: "ALTER TABLE u DROP COLUMN c", Line: 9}}
	pyStmts := []Statement{{Op: &ops.DropTable{Name: "old"}, Line: 2}, {Op: &ops.DropTable{Name: "other"}, Line: 3},
		{Op: &ops.DropColumn{Table: "t", Column: "c"}, Line: 5}, {Op: &ops.DropColumn{Table: "t", Column: "d"}, Line: 6},
		{Op: &ops.Execute{SQL: "DROP TABLE x"}, Line: 7}}
	tests := []struct {
		name string
		step Step
		want []string
	}{
		{"sql", Step{Path: "a.sql", Dialect: "sqlite", Statements: sqlStmts, Ignores: ParseIgnores(KindSQL, []byte(sqlSrc))},
			[]string{"drop-table@5", "drop-column@9"}},
		{"py", Step{Path: "a.py", Dialect: "sqlite", Statements: pyStmts, Ignores: ParseIgnores(KindPython, []byte(pySrc))},
			[]string{"drop-table@3", "drop-column@6", "drop-table@7"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := found(Check([]Step{tt.step})); !slices.Equal(got, tt.want) {
				t.Errorf("hazards = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestIgnores_Unknown(t *testing.T) {
	ig := ParseIgnores(KindSQL, []byte("-- retort:upgrade\n-- retort:lint-ignore drop-tabel, drop-column\nDROP TABLE t;\n"))
	if got, want := ig.Unknown(), []UnknownRule{{Line: 2, Rule: "drop-tabel"}}; !slices.Equal(got, want) {
		t.Errorf("Unknown() = %v, want %v", got, want)
	}
	if got := ParseIgnores(KindPython, []byte("op.drop_table('t')  # retort: lint-ignore drop-table\n")).Unknown(); len(got) != 0 {
		t.Errorf("known rule reported unknown: %v", got)
	}
}

func TestWriteText(t *testing.T) {
	hs := []Hazard{
		{Path: "v/a.sql", Line: 4, Revision: "a1", Rule: "drop-table", Severity: SeverityError, Message: "drops table old", Fix: "back it up"},
		{Path: "v/bb.py", Line: 12, Revision: "bb22", Rule: "rename-column", Severity: SeverityWarning, Message: "renames column t.a to b", Fix: "expand, then contract"},
	}
	var b bytes.Buffer
	if err := WriteText(&b, hs); err != nil {
		t.Fatal(err)
	}
	want := "v/a.sql:4   a1    drop-table     error    drops table old — back it up\n" +
		"v/bb.py:12  bb22  rename-column  warning  renames column t.a to b — expand, then contract\n" +
		"2 hazards: 1 error, 1 warning\n"
	if b.String() != want {
		t.Errorf("got\n%s\nwant\n%s", b.String(), want)
	}
	b.Reset()
	if err := WriteText(&b, nil); err != nil || b.String() != "No hazards found.\n" {
		t.Errorf("no hazards: %q, %v", b.String(), err)
	}
	if !HasErrors(hs) || HasErrors(hs[1:]) {
		t.Errorf("HasErrors wrong")
	}
}

func TestWriteJSON(t *testing.T) {
	var b bytes.Buffer
	if err := WriteJSON(&b, []Hazard{{Path: "a.py", Line: 3, Revision: "r", Rule: "drop-table", Severity: SeverityError, Message: "m", Fix: "f"}}); err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Hazards []map[string]any `json:"hazards"`
		Errors  int              `json:"errors"`
	}
	if err := json.Unmarshal(b.Bytes(), &doc); err != nil {
		t.Fatal(err)
	}
	if doc.Errors != 1 || len(doc.Hazards) != 1 || doc.Hazards[0]["path"] != "a.py" || doc.Hazards[0]["line"] != 3.0 || doc.Hazards[0]["rule"] != "drop-table" {
		t.Errorf("got %s", b.String())
	}
}

func TestRulesHaveFixes(t *testing.T) {
	seen := map[string]bool{}
	for _, r := range Rules() {
		if r.ID == "" || r.Fix == "" || r.Summary == "" || (r.Severity != SeverityError && r.Severity != SeverityWarning) || seen[r.ID] {
			t.Errorf("bad rule %+v", r)
		}
		seen[r.ID] = true
	}
	if len(seen) != 11 {
		t.Errorf("%d rules, want 11", len(seen))
	}
}
