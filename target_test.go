package retort_test

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/retort-dev/retort"
)

// usersSQL is what the a1 migration creates, as desired-state SQL.
const usersSQL = "CREATE TABLE users (id INTEGER NOT NULL, name VARCHAR(50), PRIMARY KEY (id));\n"

// usersModels is the same table as a models.py.
const usersModels = `import sqlalchemy as sa
metadata = sa.MetaData()
users = sa.Table("users", metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("name", sa.String(50)),
)
`

const extraModels = usersModels + `extra = sa.Table("extra", metadata, sa.Column("id", sa.Integer, primary_key=True))
`

// addExtra is Check's message when the target has a table extra the
// migrations never create (Alembic's wording).
const addExtra = "New upgrade operations detected: [('add_table', 'extra')]"

// TestCheckWithTarget gives NewProvider each form of target schema, once
// matching what the migrations build and once with a table more, on SQLite
// and PostgreSQL.
func TestCheckWithTarget(t *testing.T) {
	dir := t.TempDir()
	matchingPy, extraPy := filepath.Join(dir, "models.py"), filepath.Join(dir, "extra.py")
	if err := os.WriteFile(matchingPy, []byte(usersModels), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(extraPy, []byte(extraModels), 0o644); err != nil {
		t.Fatal(err)
	}
	sqlFS := fstest.MapFS{
		"db/schema.sql":       {Data: []byte(usersSQL)},
		"more/a_users.sql":    {Data: []byte(usersSQL)},
		"more/b_extra.sql":    {Data: []byte("CREATE TABLE extra (id INTEGER NOT NULL, PRIMARY KEY (id));\n")},
		"more/notes.txt":      {Data: []byte("not SQL")},
		"empty/readme.md":     {Data: []byte("nothing")},
		"broken/schema.sql":   {Data: []byte("CREATE TABLE (;\n")},
		"db/unused/other.sql": {Data: []byte("CREATE TABLE ignored (id INTEGER);\n")},
	}
	users := &retort.Table{Name: "users", Columns: []*retort.Column{
		{Name: "id", Type: &retort.Type{Kind: "Integer"}, PrimaryKey: true},
		{Name: "name", Type: &retort.Type{Kind: "String", Length: 50}, Nullable: true},
	}}
	extra := &retort.Table{Name: "extra", Columns: []*retort.Column{
		{Name: "id", Type: &retort.Type{Kind: "Integer"}, PrimaryKey: true},
	}}
	tests := []struct {
		name    string
		target  retort.Option
		wantErr string // "" for nil
	}{
		{"metadata matches", retort.WithTargetMetadata(&retort.MetaData{Tables: []*retort.Table{users}}), ""},
		{"metadata has a table more", retort.WithTargetMetadata(&retort.MetaData{Tables: []*retort.Table{users, extra}}), addExtra},
		{"models.py matches", retort.WithTargetModelsFile(matchingPy), ""},
		{"models.py has a table more", retort.WithTargetModelsFile(extraPy), addExtra},
		{"schema.sql matches", retort.WithTargetSchemaSQL(sqlFS, "db/schema.sql"), ""},
		{"schema directory has a table more", retort.WithTargetSchemaSQL(sqlFS, "more"), addExtra},
		{"schema directory without .sql", retort.WithTargetSchemaSQL(sqlFS, "empty"), "empty holds no .sql files"},
		{"schema.sql the database refuses", retort.WithTargetSchemaSQL(sqlFS, "broken/schema.sql"), "broken/schema.sql:1: loading the schema into a scratch database"},
		{"missing models.py", retort.WithTargetModelsFile(filepath.Join(dir, "missing.py")), "missing.py"},
	}
	for _, b := range backends[:2] {
		t.Run(string(b.dialect), func(t *testing.T) {
			for _, tt := range tests {
				t.Run(tt.name, func(t *testing.T) {
					db, _ := b.open(t)
					fsys := fstest.MapFS{"versions/a1_users.py": {Data: []byte(pyUsers)}}
					p, err := retort.NewProvider(b.dialect, db, fsys, tt.target)
					if err != nil {
						t.Fatal(err)
					}
					ctx := context.Background()
					if err := p.Check(ctx); err == nil || err.Error() != "Target database is not up to date." {
						t.Fatalf("Check at base = %v, want the database not up to date", err)
					}
					if _, err := p.Upgrade(ctx, "head"); err != nil {
						t.Fatal(err)
					}
					err = p.Check(ctx)
					switch {
					case tt.wantErr == "" && err != nil:
						t.Fatalf("Check = %v, want nil", err)
					case tt.wantErr == "":
					case err == nil:
						t.Fatalf("Check = nil, want %q", tt.wantErr)
					case tt.wantErr == addExtra:
						var pending *retort.PendingChangesError
						if !errors.As(err, &pending) || err.Error() != addExtra {
							t.Fatalf("Check = %v, want %s", err, addExtra)
						}
						if len(pending.Diffs) != 1 || pending.Diffs[0] != "('add_table', 'extra')" {
							t.Errorf("Diffs = %q", pending.Diffs)
						}
					default:
						var pending *retort.PendingChangesError
						if errors.As(err, &pending) || !strings.Contains(err.Error(), tt.wantErr) {
							t.Fatalf("Check = %v, want an error containing %q", err, tt.wantErr)
						}
					}
				})
			}
		})
	}
}

// TestCheckPendingColumn: a column the models have and the database lacks
// is named in the diffs.
func TestCheckPendingColumn(t *testing.T) {
	for _, b := range backends[:2] {
		t.Run(string(b.dialect), func(t *testing.T) {
			db, _ := b.open(t)
			md := &retort.MetaData{Tables: []*retort.Table{{Name: "users", Columns: []*retort.Column{
				{Name: "id", Type: &retort.Type{Kind: "Integer"}, PrimaryKey: true},
				{Name: "name", Type: &retort.Type{Kind: "String", Length: 50}, Nullable: true},
				{Name: "email", Type: &retort.Type{Kind: "String", Length: 100}, Nullable: true},
			}}}}
			fsys := fstest.MapFS{"versions/a1_users.py": {Data: []byte(pyUsers)}}
			p, err := retort.NewProvider(b.dialect, db, fsys, retort.WithTargetMetadata(md))
			if err != nil {
				t.Fatal(err)
			}
			ctx := context.Background()
			if _, err := p.Upgrade(ctx, "head"); err != nil {
				t.Fatal(err)
			}
			err = p.Check(ctx)
			var pending *retort.PendingChangesError
			if !errors.As(err, &pending) || len(pending.Diffs) != 1 || pending.Diffs[0] != "('add_column', None, 'users', 'email')" {
				t.Fatalf("Check = %v, want one add_column of users.email", err)
			}
		})
	}
}

// TestTargetOptionsValidate: the target options refuse bad arguments and
// each other.
func TestTargetOptionsValidate(t *testing.T) {
	fsys := fstest.MapFS{"versions/a1_users.py": {Data: []byte(pyUsers)}}
	tests := []struct {
		name string
		opts []retort.Option
		want string
	}{
		{"nil metadata", []retort.Option{retort.WithTargetMetadata(nil)}, "retort: WithTargetMetadata(nil)"},
		{"empty models path", []retort.Option{retort.WithTargetModelsFile(" ")}, "retort: WithTargetModelsFile: empty path"},
		{"nil schema fs", []retort.Option{retort.WithTargetSchemaSQL(nil, "schema.sql")}, "retort: WithTargetSchemaSQL: nil file system"},
		{"bad schema path", []retort.Option{retort.WithTargetSchemaSQL(fsys, "../schema.sql")}, `retort: WithTargetSchemaSQL: "../schema.sql" is not a valid path in the file system`},
		{"two targets", []retort.Option{retort.WithTargetModelsFile("models.py"), retort.WithTargetSchemaSQL(fsys, "schema.sql")},
			"retort: more than one target schema given (WithTargetMetadata, WithTargetModelsFile, WithTargetSchemaSQL)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := retort.NewProvider(retort.SQLite, nil, fsys, append(tt.opts, retort.WithOffline(&strings.Builder{}))...)
			if err == nil || err.Error() != tt.want {
				t.Errorf("NewProvider = %v, want %s", err, tt.want)
			}
		})
	}
}
