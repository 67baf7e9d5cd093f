package command

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/retort-dev/retort/dialect"
	"github.com/retort-dev/retort/dialect/mysql"
	"github.com/retort-dev/retort/dialect/postgres"
	"github.com/retort-dev/retort/dialect/sqlite"
	"github.com/retort-dev/retort/internal/dbtest"
	"github.com/retort-dev/retort/ops"
	"github.com/retort-dev/retort/schema"
	"github.com/retort-dev/retort/target"
)

// One schema three ways: desired-state SQL, and the same models run as a
// models.py on Starlark and as SQLAlchemy models by the project's Python.
const (
	oneSchemaSQL = `CREATE TABLE account (
    id INTEGER NOT NULL,
    email VARCHAR(120) NOT NULL,
    name VARCHAR(50),
    PRIMARY KEY (id),
    CONSTRAINT uq_account_email UNIQUE (email)
);
CREATE TABLE post (
    id INTEGER NOT NULL,
    account_id INTEGER NOT NULL,
    title VARCHAR(200) NOT NULL,
    PRIMARY KEY (id),
    CONSTRAINT fk_post_account_id_account FOREIGN KEY (account_id) REFERENCES account (id)
);
CREATE INDEX ix_post_title ON post (title);
`
	// oneSchemaModels is SQLAlchemy Core code that both retort's embedded
	// interpreter (models.py) and the real SQLAlchemy run.
	oneSchemaModels = `import sqlalchemy as sa
metadata = sa.MetaData()
sa.Table("account", metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=False),
    sa.Column("email", sa.String(120), nullable=False),
    sa.Column("name", sa.String(50)),
    sa.UniqueConstraint("email", name="uq_account_email"),
)
sa.Table("post", metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=False),
    sa.Column("account_id", sa.Integer, nullable=False),
    sa.Column("title", sa.String(200), nullable=False),
    sa.ForeignKeyConstraint(["account_id"], ["account.id"], name="fk_post_account_id_account"),
    sa.Index("ix_post_title", "title"),
)
`
)

// TestAutogenerate_TargetsAgree checks that schema.sql (loaded into the
// dialect's scratch database), models.py and SQLAlchemy models of one schema
// give the same operations against the same empty database, on each dialect.
func TestAutogenerate_TargetsAgree(t *testing.T) {
	tests := []struct {
		name string
		open func(testing.TB) (*sql.DB, string)
		d    dialect.Dialect
		// devURL is the scratch server for schema.sql, where the dialect needs one.
		devURL string
	}{
		{"sqlite", dbtest.SQLite, sqlite.New(), ""},
		{"postgres", dbtest.Postgres, postgres.New(), ""},
		{"mysql", dbtest.MySQL, mysql.NewMariaDB(), os.Getenv(dbtest.MySQLEnv)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, url := tt.open(t)
			types := tt.d.(dialect.TypeRenderer)
			var got [][]string
			for _, target := range []string{"schema.sql", "models.py", "app.models:metadata"} {
				env := project(t, url, nil)
				dir := filepath.Dir(env.ConfigPath)
				writeFile(t, filepath.Join(dir, "schema.sql"), oneSchemaSQL)
				writeFile(t, filepath.Join(dir, "models.py"), oneSchemaModels)
				writeFile(t, filepath.Join(dir, "app", "__init__.py"), "")
				writeFile(t, filepath.Join(dir, "app", "models.py"), oneSchemaModels)
				extra := "target_metadata = " + target + "\nprepend_sys_path = .\npython = /usr/bin/python3\n"
				if tt.devURL != "" {
					extra += "dev_url = " + strings.ReplaceAll(tt.devURL, "%", "%%") + "\n"
				}
				appendFile(t, env.ConfigPath, extra)
				p, err := Load(env)
				if err != nil {
					t.Fatal(err)
				}
				res, err := Autogenerate(context.Background(), p)
				if err != nil {
					t.Fatalf("%s: %v", target, err)
				}
				got = append(got, summarize(t, types, res.Upgrade))
			}
			want := []string{
				"create_table account(id INTEGER NOT NULL, email VARCHAR(120) NOT NULL, name VARCHAR(50) NULL) pk(id) uq uq_account_email(email)",
				"create_table post(id INTEGER NOT NULL, account_id INTEGER NOT NULL, title VARCHAR(200) NOT NULL) fk fk_post_account_id_account(account_id) -> account(id) pk(id)",
				"create_index ix_post_title on post(title) unique=false",
			}
			for i, target := range []string{"schema.sql", "models.py", "SQLAlchemy"} {
				if !slices.Equal(got[i], want) {
					t.Errorf("%s gives\n%s\nwant\n%s", target, strings.Join(got[i], "\n"), strings.Join(want, "\n"))
				}
			}
		})
	}
}

// summarize spells create ops by their SQL facts, so targets that spell a
// type differently (sa.String(50) or a reflected VARCHAR(50)) compare equal.
func summarize(t *testing.T, types dialect.TypeRenderer, list []ops.Op) []string {
	t.Helper()
	var out []string
	for _, op := range list {
		switch o := op.(type) {
		case *ops.CreateTable:
			var cols, cons []string
			for _, c := range o.Table.Columns {
				ts, err := types.TypeSQL(c.Type)
				if err != nil {
					t.Fatal(err)
				}
				null := "NULL"
				if !c.Nullable {
					null = "NOT NULL"
				}
				cols = append(cols, c.Name+" "+ts+" "+null)
			}
			for _, c := range o.Table.Constraints {
				switch c := c.(type) {
				case *schema.PrimaryKey:
					cons = append(cons, "pk("+strings.Join(c.Columns, ",")+")")
				case *schema.Unique:
					cons = append(cons, "uq "+c.Name+"("+strings.Join(c.Columns, ",")+")")
				case *schema.ForeignKey:
					cons = append(cons, fmt.Sprintf("fk %s(%s) -> %s(%s)", c.Name, strings.Join(c.Columns, ","), c.RefTable, strings.Join(c.RefColumns, ",")))
				}
			}
			slices.Sort(cons)
			out = append(out, "create_table "+o.Table.Name+"("+strings.Join(cols, ", ")+") "+strings.Join(cons, " "))
		case *ops.CreateIndex:
			var cols []string
			for _, e := range o.Index.Elements {
				cols = append(cols, e.Column)
			}
			out = append(out, fmt.Sprintf("create_index %s on %s(%s) unique=%v", o.Index.Name, o.Index.Table, strings.Join(cols, ","), o.Index.Unique))
		default:
			out = append(out, fmt.Sprintf("%T", op))
		}
	}
	return out
}

// TestAutogenerate_SchemaSQLErrors: a statement the scratch database
// refuses names the file and line, and leaves nothing behind.
func TestAutogenerate_SchemaSQLErrors(t *testing.T) {
	db, url := dbtest.Postgres(t)
	env := project(t, url, nil)
	dir := filepath.Dir(env.ConfigPath)
	writeFile(t, filepath.Join(dir, "schema.sql"), "CREATE TABLE ok (id INTEGER PRIMARY KEY);\nCREATE TABLE public.escaped (id INTEGER);\n\nCREATE TABLE bad (id NOSUCHTYPE);\n")
	appendFile(t, env.ConfigPath, "target_metadata = schema.sql\n")
	p, err := Load(env)
	if err != nil {
		t.Fatal(err)
	}
	_, err = Autogenerate(context.Background(), p)
	var le interface{ Unwrap() error }
	if err == nil || !errors.As(err, &le) || !strings.Contains(err.Error(), filepath.Join(dir, "schema.sql")+":4: ") || !strings.Contains(err.Error(), "nosuchtype") {
		t.Fatalf("error = %v, want one naming schema.sql:4 and the bad type", err)
	}
	var n int
	if err := db.QueryRow("SELECT count(*) FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace s ON s.oid = c.relnamespace WHERE c.relname IN ('ok', 'escaped', 'bad') OR s.nspname LIKE 'retort_scratch_%'").Scan(&n); err != nil || n != 0 {
		t.Errorf("the scratch load left %d objects behind (%v)", n, err)
	}
}

func writeFile(t *testing.T, path, content string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

func appendFile(t *testing.T, path, content string) {
	t.Helper()
	f, err := os.OpenFile(path, os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if _, err := f.WriteString(content); err != nil {
		t.Fatal(err)
	}
}

// TestAutogenerate_SchemaSQLNeedsDevURL: on MySQL/MariaDB a schema.sql
// target needs a scratch server, and says so instead of using the target.
func TestAutogenerate_SchemaSQLNeedsDevURL(t *testing.T) {
	env := project(t, "mysql://u@127.0.0.1:1/app", nil)
	dir := filepath.Dir(env.ConfigPath)
	writeFile(t, filepath.Join(dir, "schema.sql"), oneSchemaSQL)
	appendFile(t, env.ConfigPath, "target_metadata = schema.sql\n")
	p, err := Load(env)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := Autogenerate(context.Background(), p); !errors.Is(err, target.ErrNeedsDevURL) {
		t.Fatalf("error %v, want target.ErrNeedsDevURL", err)
	}
}
