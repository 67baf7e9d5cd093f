package migration_test

import (
	"context"
	"database/sql"
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/retort-dev/retort/dialect/sqlite"
	"github.com/retort-dev/retort/internal/dbtest"
	"github.com/retort-dev/retort/migration"
	"github.com/retort-dev/retort/ops"
)

// stepTx is the transaction the step's sink runs in, nil when none is open.
func stepTx(t *testing.T, sink ops.Sink) *sql.Tx {
	t.Helper()
	s, ok := sink.(interface{ Tx() *sql.Tx })
	if !ok {
		t.Fatalf("the online sink %T has no Tx method", sink)
	}
	return s.Tx()
}

func countRows(t *testing.T, q interface {
	QueryRowContext(context.Context, string, ...any) *sql.Row
}, query string) int {
	t.Helper()
	var n int
	if err := q.QueryRowContext(context.Background(), query).Scan(&n); err != nil {
		t.Fatalf("%s: %v", query, err)
	}
	return n
}

// The *sql.Tx a step sees is the transaction its operations run in: it
// sees their uncommitted rows, other connections do not, it commits with
// the step and rolls back with a failed step. Inside an autocommit block
// there is none, and a new one is open after it.
func TestStepTransaction(t *testing.T) {
	for _, be := range backends() {
		t.Run(be.name, func(t *testing.T) {
			db, open := be.open(t)
			other := open()
			if _, err := db.Exec("CREATE TABLE notes (id INTEGER PRIMARY KEY, body VARCHAR(20))"); err != nil {
				t.Fatal(err)
			}
			var inBlock, afterBlock bool
			p := newProject(t,
				script{id: "t1"},
				script{id: "t2", down: []string{"t1"}, up: func(ctx context.Context, sink ops.Sink) error {
					tx := stepTx(t, sink)
					if tx == nil {
						t.Fatal("no transaction inside a step")
					}
					if err := sink.Invoke(ctx, &ops.Execute{SQL: "INSERT INTO notes (id, body) VALUES (1, 'op')"}); err != nil {
						return err
					}
					if _, err := tx.ExecContext(ctx, "INSERT INTO notes (id, body) VALUES (2, 'tx')"); err != nil {
						return err
					}
					if n := countRows(t, tx, "SELECT count(*) FROM notes"); n != 2 {
						t.Errorf("the step's Tx sees %d rows, want the 2 inserted in the step", n)
					}
					if n := countRows(t, other, "SELECT count(*) FROM notes"); n != 0 {
						t.Errorf("another connection sees %d uncommitted rows, want 0", n)
					}
					if err := sink.Invoke(ctx, &ops.AutocommitBlock{Begin: true}); err != nil {
						return err
					}
					inBlock = stepTx(t, sink) == nil
					if n := countRows(t, other, "SELECT count(*) FROM notes"); n != 2 {
						t.Errorf("after the autocommit block began another connection sees %d rows, want 2", n)
					}
					if err := sink.Invoke(ctx, &ops.AutocommitBlock{Begin: false}); err != nil {
						return err
					}
					next := stepTx(t, sink)
					afterBlock = next != nil && next != tx
					return nil
				}},
			)
			c := newContext(t, be.dialect(), db, migration.Options{Lock: true})
			if err := c.Run(context.Background(), p.m, p.upgrade("head")); err != nil {
				t.Fatal(err)
			}
			if !inBlock {
				t.Error("Tx is not nil inside an autocommit block")
			}
			if !afterBlock {
				t.Error("no new Tx after the autocommit block")
			}

			// A failing step takes what it wrote through its Tx with it.
			cause := errors.New("bad data")
			p = newProject(t,
				script{id: "t1"},
				script{id: "t2", down: []string{"t1"}},
				script{id: "t3", down: []string{"t2"}, up: func(ctx context.Context, sink ops.Sink) error {
					if _, err := stepTx(t, sink).ExecContext(ctx, "INSERT INTO notes (id, body) VALUES (3, 'lost')"); err != nil {
						return err
					}
					return cause
				}},
			)
			err := c.Run(context.Background(), p.m, p.upgrade("head"))
			if !errors.Is(err, cause) {
				t.Fatalf("error = %v, want the step's own", err)
			}
			if n := countRows(t, other, "SELECT count(*) FROM notes"); n != 2 {
				t.Errorf("notes has %d rows after the failed step, want 2: its Tx's insert must be rolled back", n)
			}
			if got := heads(t, c); !slices.Equal(got, []string{"t2"}) {
				t.Errorf("heads = %v, want [t2]", got)
			}
		})
	}
}

// SQLite's migration lock is the BEGIN IMMEDIATE transaction, whatever
// the DSN's _txlock says database/sql begins with: a second run waits for
// it, times out with ErrLockTimeout, and a cancelled wait ends at once
// with context.Canceled.
func TestSQLiteLockUnderEveryTxlock(t *testing.T) {
	for _, txlock := range []string{"", "deferred", "immediate", "exclusive"} {
		t.Run("txlock="+txlock, func(t *testing.T) {
			_, u := dbtest.SQLite(t)
			dsn := dbtest.SQLiteDSN(strings.TrimPrefix(u, "sqlite:///"))
			if txlock != "" {
				dsn += "&_txlock=" + txlock
			}
			holding, release := make(chan struct{}), make(chan struct{})
			p := newProject(t, script{id: "h1", up: func(ctx context.Context, sink ops.Sink) error {
				if err := sink.Invoke(ctx, &ops.Execute{SQL: "CREATE TABLE held (id INTEGER)"}); err != nil {
					return err
				}
				close(holding)
				<-release
				return nil
			}})
			holder := newContext(t, sqlite.New(), reopen(t, "sqlite", dsn), migration.Options{Lock: true})
			done := make(chan error, 1)
			go func() { done <- holder.Run(context.Background(), p.m, p.upgrade("head")) }()
			<-holding

			impatient := newContext(t, sqlite.New(), reopen(t, "sqlite", dsn), migration.Options{Lock: true, LockTimeout: 300 * time.Millisecond})
			err := impatient.Run(context.Background(), p.m, p.upgrade("head"))
			var le *migration.LockError
			if !errors.As(err, &le) || !errors.Is(err, migration.ErrLockTimeout) {
				t.Errorf("run while the lock is held: %v, want a *LockError wrapping ErrLockTimeout", err)
			}

			ctx, cancel := context.WithCancel(context.Background())
			waiter := newContext(t, sqlite.New(), reopen(t, "sqlite", dsn), migration.Options{Lock: true})
			result := make(chan error, 1)
			go func() { result <- waiter.Run(ctx, p.m, p.upgrade("head")) }()
			time.Sleep(300 * time.Millisecond)
			cancelled := time.Now()
			cancel()
			select {
			case err = <-result:
			case <-time.After(3 * time.Second):
				close(release)
				t.Fatal("the cancelled run still waits after 3s")
			}
			if took := time.Since(cancelled); took > time.Second {
				t.Errorf("cancelled wait took %s to end", took)
			}
			if !errors.As(err, &le) || !errors.Is(err, context.Canceled) {
				t.Errorf("cancelled run: %v, want a *LockError wrapping context.Canceled", err)
			}

			close(release)
			if err := <-done; err != nil {
				t.Fatalf("holder: %v", err)
			}
			if got := heads(t, waiter); !slices.Equal(got, []string{"h1"}) {
				t.Errorf("heads = %v, want [h1]", got)
			}
		})
	}
}
