package autogen_test

import (
	"context"
	"database/sql"
	"testing"

	"github.com/retort-dev/retort/autogen"
	"github.com/retort-dev/retort/dialect"
	"github.com/retort-dev/retort/dialect/mysql"
	"github.com/retort-dev/retort/dialect/postgres"
	"github.com/retort-dev/retort/dialect/sqlite"
	"github.com/retort-dev/retort/internal/dbtest"
	"github.com/retort-dev/retort/ops"
	"github.com/retort-dev/retort/pyscript"
	"github.com/retort-dev/retort/schema"
)

const liveModelsV1 = `import sqlalchemy as sa
metadata = sa.MetaData(naming_convention={"uq": "uq_%(table_name)s_%(column_0_name)s", "fk": "fk_%(table_name)s_%(column_0_name)s"})
sa.Table("account", metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("name", sa.String(50), nullable=False),
    sa.Column("nickname", sa.String(20)),
    sa.Column("legacy", sa.Integer),
    sa.Column("score", sa.Numeric(10, 2)),
)
sa.Table("tag", metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("label", sa.String(30)),
    sa.Index("ix_tag_label", "label"),
)
`

const liveModelsV2 = `import sqlalchemy as sa
metadata = sa.MetaData(naming_convention={"uq": "uq_%(table_name)s_%(column_0_name)s", "fk": "fk_%(table_name)s_%(column_0_name)s"})
sa.Table("account", metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("name", sa.String(80), nullable=False, index=True),
    sa.Column("nickname", sa.String(20), nullable=False),
    sa.Column("email", sa.String(120), unique=True),
    sa.Column("score", sa.Numeric(10, 2)),
)
sa.Table("tag", metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("label", sa.String(30)),
    sa.Column("account_id", sa.Integer, sa.ForeignKey("account.id")),
)
sa.Table("post", metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("account_id", sa.Integer, sa.ForeignKey("account.id", ondelete="CASCADE"), nullable=False),
    sa.Column("body", sa.Text),
    sa.Index("ix_post_account_id", "account_id"),
)
`

type liveDialect interface {
	dialect.Dialect
	dialect.Inspector
	dialect.TypeRenderer
}

// TestCompare_LiveRoundTrip checks the comparer against real databases
// without any script in between: models v1 created from their own ops,
// compared (nothing to do), then v2's operations applied as computed, and
// compared again (nothing to do), then the downgrade applied and compared
// with v1 (nothing to do).
func TestCompare_LiveRoundTrip(t *testing.T) {
	tests := []struct {
		name  string
		open  func(testing.TB) (*sql.DB, string)
		d     func() dialect.Dialect
		batch bool
	}{
		{"sqlite", dbtest.SQLite, sqlite.New, true},
		{"postgres", dbtest.Postgres, postgres.New, false},
		{"mysql", dbtest.MySQL, mysql.NewMariaDB, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := tt.d().(liveDialect)
			db, _ := tt.open(t)
			ctx := context.Background()
			v1 := loadModels(t, liveModelsV1)
			v2 := loadModels(t, liveModelsV2)
			opts := autogen.Options{Dialect: d.Name(), Types: d, CompareType: true, RenderAsBatch: tt.batch}

			compare := func(want *schema.MetaData) *autogen.Result {
				t.Helper()
				live, err := d.InspectSchema(ctx, db, dialect.InspectOptions{})
				if err != nil {
					t.Fatal(err)
				}
				res, err := autogen.Compare(want, live, opts)
				if err != nil {
					t.Fatal(err)
				}
				return res
			}
			apply := func(list []ops.Op) {
				t.Helper()
				for _, op := range list {
					stmts, err := d.Compile(ctx, db, op)
					if err != nil {
						t.Fatalf("compile %T: %v", op, err)
					}
					for _, s := range stmts {
						if _, err := db.ExecContext(ctx, s.SQL, s.Args...); err != nil {
							t.Fatalf("%s: %v", s.SQL, err)
						}
					}
				}
			}

			first := compare(v1)
			apply(first.Upgrade)
			if res := compare(v1); !res.Empty() {
				t.Fatalf("after creating v1, still different: %v", res.Diffs)
			}
			if _, err := db.ExecContext(ctx, "INSERT INTO account (id, name, nickname, legacy) VALUES (1, 'ada', 'a', 7)"); err != nil {
				t.Fatal(err)
			}
			second := compare(v2)
			if second.Empty() {
				t.Fatal("v2 differs from v1, but Compare found nothing")
			}
			apply(second.Upgrade)
			if res := compare(v2); !res.Empty() {
				t.Fatalf("after upgrading to v2, still different: %v\nupgrade was %v", res.Diffs, second.Diffs)
			}
			var name string
			if err := db.QueryRowContext(ctx, "SELECT name FROM account WHERE id = 1").Scan(&name); err != nil || name != "ada" {
				t.Errorf("row after the upgrade: %q, %v", name, err)
			}
			apply(second.Downgrade)
			if res := compare(v1); !res.Empty() {
				t.Fatalf("after the downgrade, different from v1: %v", res.Diffs)
			}
		})
	}
}

func loadModels(t *testing.T, src string) *schema.MetaData {
	t.Helper()
	md, err := pyscript.LoadMetaData(context.Background(), "models.py", []byte(src), "")
	if err != nil {
		t.Fatal(err)
	}
	return md
}
