package postgres

import (
	"context"
	"database/sql"
	"reflect"
	"testing"

	"github.com/retort-dev/retort/ops"
)

// Named arguments of raw SQL (sa.text bind parameters) become placeholders
// online and literals offline; what SQLAlchemy's text() does not take for
// a bind stays as written.
func TestExecuteTextBinds(t *testing.T) {
	o := &ops.Execute{SQL: `UPDATE t SET a = :a, b = x::text, c = :missing, d = 'e\:f' WHERE id = :id AND k = :a`,
		Args: []any{sql.Named("a", "it's"), sql.Named("id", int64(4))}}
	st, err := New().Compile(context.Background(), nil, o)
	if err != nil {
		t.Fatal(err)
	}
	if len(st) != 1 {
		t.Fatalf("got %v", st)
	}
	if want := `UPDATE t SET a = $1, b = x::text, c = :missing, d = 'e:f' WHERE id = $2 AND k = $3`; st[0].SQL != want {
		t.Errorf("SQL %q, want %q", st[0].SQL, want)
	}
	if want := []any{"it's", int64(4), "it's"}; !reflect.DeepEqual(st[0].Args, want) {
		t.Errorf("args %#v, want %#v", st[0].Args, want)
	}
	if want := `UPDATE t SET a = 'it''s', b = x::text, c = :missing, d = 'e:f' WHERE id = 4 AND k = 'it''s'`; st[0].Inline != want {
		t.Errorf("offline %q, want %q", st[0].Inline, want)
	}
}
