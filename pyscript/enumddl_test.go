package pyscript_test

import (
	"reflect"
	"strings"
	"testing"
)

// Online, checkfirst asks PostgreSQL whether the type exists first, so a
// type that is already there is not created again and a missing one is
// not dropped.
func TestEnumCreateDropCheckfirstPostgres(t *testing.T) {
	db := openDB(t, "postgresql")
	mustExec(t, db, "CREATE SCHEMA s1", "CREATE TYPE mood AS ENUM ('a', 'b')", `CREATE TYPE s1."Old" AS ENUM ('o')`)
	body := `bind = op.get_bind()
sa.Enum('a', 'b', name='mood').create(bind, checkfirst=True)
postgresql.ENUM('x', "y'z", name='Status', schema='s1').create(bind)
postgresql.ENUM('x', name='Status', schema='s1').create(bind)
postgresql.ENUM('g', name='gone').drop(bind)
sa.Enum('o', name='Old', schema='s1').drop(bind, checkfirst=True)
sa.Enum('c', name='plain').create(bind)`
	if err := onlineRun(t, "postgresql", db, body); err != nil {
		t.Fatalf("upgrade: %v", err)
	}
	got := queryStrings(t, db, `SELECT n.nspname || '.' || t.typname || '=' || string_agg(e.enumlabel, ',' ORDER BY e.enumsortorder)
		FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace JOIN pg_enum e ON e.enumtypid = t.oid
		GROUP BY n.nspname, t.typname ORDER BY 1`)
	want := []string{"public.mood=a,b", "public.plain=c", "s1.Status=x,y'z"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("enum types %q, want %q", got, want)
	}
}

// Without checkfirst a second create fails as it does under SQLAlchemy.
func TestEnumCreateTwiceFailsPostgres(t *testing.T) {
	db := openDB(t, "postgresql")
	err := onlineRun(t, "postgresql", db, "sa.Enum('a', name='mood').create(op.get_bind())\nsa.Enum('a', name='mood').create(op.get_bind())")
	if err == nil || !strings.Contains(err.Error(), "already exists") {
		t.Fatalf("got %v", err)
	}
}

// On SQLite enum types are not created at all, online as offline.
func TestEnumCreateIsANoOpOnSQLite(t *testing.T) {
	db := openDB(t, "sqlite")
	body := "sa.Enum('a', name='mood').create(op.get_bind(), checkfirst=True)\npostgresql.ENUM('a', name='m2').create(op.get_bind())\nop.execute('CREATE TABLE after_enum (id INTEGER)')"
	if err := onlineRun(t, "sqlite", db, body); err != nil {
		t.Fatalf("upgrade: %v", err)
	}
	if got := queryStrings(t, db, "SELECT name FROM sqlite_master WHERE name = 'after_enum'"); len(got) != 1 {
		t.Errorf("the script did not run to its end: %q", got)
	}
}

func TestEnumCreateRefusals(t *testing.T) {
	tests := []struct{ name, dialect, body, want string }{
		{"pg ENUM on mysql", "mysql", "postgresql.ENUM('a', name='m').create(op.get_bind())", "cannot be created or dropped on mysql"},
		{"no name", "postgresql", "sa.Enum('a').create(op.get_bind())", "PostgreSQL ENUM type requires a name."},
		{"no bind", "postgresql", "sa.Enum('a', name='m').create()", "bind must be a connection"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := offlineSQL(t, tt.dialect, tt.body)
			if err == nil || !strings.Contains(err.Error(), tt.want) || !strings.Contains(err.Error(), "a1_x.py:12") {
				t.Fatalf("got %v, want %q at line 12", err, tt.want)
			}
		})
	}
}
