package dbtest

import (
	"context"
	"database/sql"
	"strings"
	"testing"
)

// TestFreshDatabases checks that each helper hands out a working, empty and
// isolated database, and a URL that names it.
func TestFreshDatabases(t *testing.T) {
	for _, tc := range []struct {
		name   string
		open   func(testing.TB) (*sql.DB, string)
		scheme string
		tables string
	}{
		{"postgres", Postgres, "postgresql://", "SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'"},
		{"mysql", MySQL, "mysql://", "SELECT count(*) FROM information_schema.tables WHERE table_schema = DATABASE()"},
		{"sqlite", SQLite, "sqlite:////", "SELECT count(*) FROM sqlite_master"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			a, urlA := tc.open(t)
			b, urlB := tc.open(t)
			if !strings.HasPrefix(urlA, tc.scheme) || urlA == urlB {
				t.Fatalf("got URLs %q and %q, want two distinct %s URLs", urlA, urlB, tc.scheme)
			}
			ctx := context.Background()
			if _, err := a.ExecContext(ctx, "CREATE TABLE only_in_a (id INTEGER)"); err != nil {
				t.Fatal(err)
			}
			var n int
			if err := b.QueryRowContext(ctx, tc.tables).Scan(&n); err != nil {
				t.Fatal(err)
			}
			if n != 0 {
				t.Fatalf("second database has %d tables, want 0", n)
			}
		})
	}
}
