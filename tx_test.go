package retort_test

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"testing"
	"testing/fstest"

	"github.com/retort-dev/retort"
	"github.com/retort-dev/retort/ops"
)

// shout is data-access code of the kind a program already has (sqlc's
// Queries.WithTx and the like take a *sql.Tx), reused by a migration.
func shout(ctx context.Context, tx *sql.Tx) (int64, error) {
	res, err := tx.ExecContext(ctx, "UPDATE users SET name = UPPER(name)")
	if err != nil {
		return 0, err
	}
	return res.RowsAffected()
}

// TestOperationsTx: a Go migration's Tx is the *sql.Tx of its step. It
// sees what the step's operations wrote before it, commits with the step
// and rolls back with a failing one; an autocommit block has none.
func TestOperationsTx(t *testing.T) {
	ctx := context.Background()
	forEach(t, func(t *testing.T, d retort.Dialect, db *sql.DB) {
		data := retort.Migration{
			Revision: "b2", DownRevision: "a1", Message: "names through the transaction",
			Upgrade: func(ctx context.Context, op *retort.Operations) error {
				if err := op.BulkInsert(usersTable, []map[string]any{{"id": 1, "name": "ada"}, {"id": 2, "name": "bob"}}); err != nil {
					return err
				}
				tx := op.Tx()
				if tx == nil {
					return errors.New("no Tx in an online step")
				}
				n, err := shout(ctx, tx)
				if err != nil {
					return err
				}
				if n != 2 {
					return fmt.Errorf("the step's Tx changed %d rows, want the 2 BulkInsert wrote", n)
				}
				if err := op.Apply(&ops.AutocommitBlock{Begin: true}); err != nil {
					return err
				}
				if op.Tx() != nil {
					return errors.New("Tx inside an autocommit block")
				}
				if err := op.Apply(&ops.AutocommitBlock{Begin: false}); err != nil {
					return err
				}
				if op.Tx() == nil || op.Tx() == tx {
					return errors.New("no new Tx after the autocommit block")
				}
				return nil
			},
			Downgrade: func(ctx context.Context, op *retort.Operations) error { return op.Execute("DELETE FROM users") },
		}
		cause := errors.New("refused")
		failing := retort.Migration{
			Revision: "c3", DownRevision: "b2",
			Upgrade: func(ctx context.Context, op *retort.Operations) error {
				if _, err := op.Tx().ExecContext(ctx, "DELETE FROM users"); err != nil {
					return err
				}
				return cause
			},
		}
		py := fstest.MapFS{"versions/a1_users.py": {Data: []byte(pyUsers)}}
		p, err := retort.NewProvider(d, db, py, retort.WithMigrations(data, failing), retort.WithTransactionPerMigration())
		if err != nil {
			t.Fatal(err)
		}
		res, err := p.Upgrade(ctx, "head")
		if !errors.Is(err, cause) {
			t.Fatalf("Upgrade error = %v, want c3's own", err)
		}
		if got := steps(res); got != "upgrade a1, upgrade b2" {
			t.Errorf("steps = %s", got)
		}
		var names []string
		rows, err := db.Query("SELECT name FROM users ORDER BY id")
		if err != nil {
			t.Fatal(err)
		}
		defer rows.Close()
		for rows.Next() {
			var s string
			if err := rows.Scan(&s); err != nil {
				t.Fatal(err)
			}
			names = append(names, s)
		}
		if !slices.Equal(names, []string{"ADA", "BOB"}) {
			t.Errorf("users = %v, want [ADA BOB]: b2's update through Tx commits, c3's delete rolls back", names)
		}
		if cur, err := p.Current(ctx); err != nil || !slices.Equal(cur, []string{"b2"}) {
			t.Errorf("Current = %v, %v; want [b2]", cur, err)
		}
	})
}
