package render

import (
	"context"
	"strings"
	"testing"

	"github.com/retort-dev/retort/dialect"
	"github.com/retort-dev/retort/dialect/mysql"
	"github.com/retort-dev/retort/dialect/postgres"
	"github.com/retort-dev/retort/dialect/sqlite"
	"github.com/retort-dev/retort/ops"
	"github.com/retort-dev/retort/schema"
	"github.com/retort-dev/retort/sqlfile"
)

func sqlUpgrade() []ops.Op {
	id := notNull("id", ty("Integer"))
	id.PrimaryKey = true
	name := notNull("name", tyLen("String", 50))
	name.ServerDefault = lit("x")
	return []ops.Op{
		&ops.CreateTable{Table: &schema.Table{Name: "account", Columns: []*schema.Column{id, name}}},
		&ops.CreateIndex{Index: &schema.Index{Name: "ix_account_name", Table: "account", Elements: []schema.IndexElement{{Column: "name"}}}},
		&ops.AddColumn{Table: "account", Column: col("age", ty("Integer"))},
		&ops.Execute{SQL: "UPDATE account SET age = 1"},
	}
}

func sqlDowngrade() []ops.Op {
	return []ops.Op{
		&ops.DropColumn{Table: "account", Column: "age"},
		&ops.DropIndex{Table: "account", Name: "ix_account_name"},
		&ops.DropTable{Name: "account"},
	}
}

func TestRenderSQL(t *testing.T) {
	const createPG = "CREATE TABLE account (\n    id SERIAL NOT NULL, \n    name VARCHAR(50) DEFAULT 'x' NOT NULL, \n    PRIMARY KEY (id)\n);\n"
	const createMy = "CREATE TABLE account (\n    id INTEGER NOT NULL AUTO_INCREMENT, \n    name VARCHAR(50) NOT NULL DEFAULT 'x', \n    PRIMARY KEY (id)\n);\n"
	const createLite = "CREATE TABLE account (\n    id INTEGER NOT NULL, \n    name VARCHAR(50) DEFAULT 'x' NOT NULL, \n    PRIMARY KEY (id)\n);\n"
	const rest = "CREATE INDEX ix_account_name ON account (name);\n" +
		"ALTER TABLE account ADD COLUMN age INTEGER;\n" +
		"UPDATE account SET age = 1;\n"
	cases := []struct {
		d        dialect.Dialect
		up, down string
	}{
		{postgres.New(), createPG + rest,
			"ALTER TABLE account DROP COLUMN age;\nDROP INDEX ix_account_name;\nDROP TABLE account;\n"},
		{mysql.New(), createMy + rest,
			"ALTER TABLE account DROP COLUMN age;\nDROP INDEX ix_account_name ON account;\nDROP TABLE account;\n"},
		{mysql.NewMariaDB(), createMy + rest,
			"ALTER TABLE account DROP COLUMN age;\nDROP INDEX ix_account_name ON account;\nDROP TABLE account;\n"},
		{sqlite.New(), createLite + rest,
			"ALTER TABLE account DROP COLUMN age;\nDROP INDEX ix_account_name;\nDROP TABLE account;\n"},
	}
	for _, c := range cases {
		t.Run(c.d.Name(), func(t *testing.T) {
			up, down, err := RenderSQL(context.Background(), c.d, nil, sqlUpgrade(), sqlDowngrade())
			if err != nil {
				t.Fatal(err)
			}
			if up != c.up {
				t.Errorf("upgrade:\n%s\nwant:\n%s", up, c.up)
			}
			if down != c.down {
				t.Errorf("downgrade:\n%s\nwant:\n%s", down, c.down)
			}
			// The sections read back through the .sql script lexer as the
			// same number of statements.
			for section, text := range map[string]string{"upgrade": up, "downgrade": down} {
				stmts, err := sqlfile.Split(text, c.d.Name())
				if err != nil {
					t.Fatalf("%s: %v", section, err)
				}
				want := strings.Count(text, ";\n")
				if len(stmts) != want {
					t.Errorf("%s: sqlfile.Split found %d statements, want %d", section, len(stmts), want)
				}
			}
		})
	}
}

func TestRenderSQL_Empty(t *testing.T) {
	up, down, err := RenderSQL(context.Background(), postgres.New(), nil, nil, nil)
	if err != nil || up != "" || down != "" {
		t.Errorf("RenderSQL(nil, nil) = %q, %q, %v; want empty sections", up, down, err)
	}
}

// TestRenderSQL_OfflineBatchNeedsCopyFrom: SQLite's move-and-copy needs the
// table's definition, which offline mode cannot reflect.
func TestRenderSQL_OfflineBatchNeedsCopyFrom(t *testing.T) {
	batch := &ops.BatchAlterTable{Table: "account", Recreate: "always", Ops: []ops.Op{
		&ops.AlterColumn{Table: "account", Column: "name", Nullable: bp(true), ExistingType: tyLen("VARCHAR", 50)},
	}}
	_, _, err := RenderSQL(context.Background(), sqlite.New(), nil, nil, []ops.Op{batch})
	if err == nil {
		t.Fatal("want an error for a SQLite batch without copy_from in offline mode")
	}
	if !strings.Contains(err.Error(), "downgrade") || !strings.Contains(err.Error(), "copy_from") {
		t.Errorf("error %q does not say which section failed and why", err)
	}
}

// TestRenderSQL_AutocommitBlock: a section with an autocommit block runs
// outside a transaction, and reads back so through package sqlfile.
func TestRenderSQL_AutocommitBlock(t *testing.T) {
	up := []ops.Op{
		&ops.AutocommitBlock{Begin: true},
		&ops.Execute{SQL: "ALTER TYPE mood ADD VALUE 'soso'"},
		&ops.AutocommitBlock{Begin: false},
	}
	down := []ops.Op{&ops.Execute{SQL: "SELECT 1"}}
	gotUp, gotDown, err := RenderSQL(context.Background(), postgres.New(), nil, up, down)
	if err != nil {
		t.Fatal(err)
	}
	if want := "-- retort:no-transaction\nALTER TYPE mood ADD VALUE 'soso';\n"; gotUp != want {
		t.Errorf("upgrade = %q, want %q", gotUp, want)
	}
	if want := "SELECT 1;\n"; gotDown != want {
		t.Errorf("downgrade = %q, want %q", gotDown, want)
	}
	src := sqlfile.Format(&sqlfile.Header{Message: "m", Revision: "abc", CreateDate: "2026-01-01 00:00:00"}, gotUp, gotDown)
	f, err := sqlfile.Parse("x.sql", src, "postgresql")
	if err != nil {
		t.Fatal(err)
	}
	if !f.Upgrade.NoTransaction || f.Downgrade.NoTransaction {
		t.Errorf("NoTransaction: upgrade %v, downgrade %v; want true, false", f.Upgrade.NoTransaction, f.Downgrade.NoTransaction)
	}
	if len(f.Upgrade.Statements) != 1 || len(f.Downgrade.Statements) != 1 {
		t.Errorf("statements: %d up, %d down; want 1 and 1", len(f.Upgrade.Statements), len(f.Downgrade.Statements))
	}
}
