package migration_test

import (
	"context"
	"net/url"
	"strings"
	"testing"

	"github.com/retort-dev/retort/dialect/postgres"
	"github.com/retort-dev/retort/internal/dbtest"
	"github.com/retort-dev/retort/migration"
)

// A login the real PostgreSQL server refuses: pgx first tries TLS (refused
// by the test server), then plain text, where the server answers. The
// message says the server's answer and nothing of the TLS attempt.
func TestConnectError_PostgresLoginRefused(t *testing.T) {
	_, raw := dbtest.Postgres(t)
	u, err := url.Parse(raw)
	if err != nil {
		t.Fatal(err)
	}
	u.User = url.UserPassword("no_such_role_retort", "pa:ss@w%rd")
	db := reopen(t, "pgx", u.String())
	p := branched(t)
	c := newContext(t, postgres.New(), db, migration.Options{Lock: true})
	err = c.Run(context.Background(), p.m, p.upgrade("heads"))
	if err == nil {
		t.Fatal("Run succeeded with a role that does not exist")
	}
	msg := err.Error()
	if !strings.HasPrefix(msg, "can't connect to the postgresql database: ") ||
		!strings.HasSuffix(msg, `server error: FATAL: role "no_such_role_retort" does not exist (SQLSTATE 28000)`) {
		t.Errorf("error = %q, want the server's answer alone", msg)
	}
	for _, noise := range []string{"tls error", "failed to connect to", "; ", "\n", "pa:ss", "w%rd"} {
		if strings.Contains(msg, noise) {
			t.Errorf("error %q contains %q", msg, noise)
		}
	}
}
