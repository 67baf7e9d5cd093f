package engine

import (
	"context"
	"database/sql"
	"io/fs"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/retort-dev/retort/dialect"
	"github.com/retort-dev/retort/migration"
	"github.com/retort-dev/retort/ops"
	"github.com/retort-dev/retort/revision"
	"github.com/retort-dev/retort/script"
)

// branched is a1 with two children, b1 and c1, each a Go revision that
// does nothing.
func branched(t *testing.T, d dialect.Dialect, db *sql.DB) *Engine {
	t.Helper()
	var extra []*script.Script
	steps := map[string]GoSteps{}
	noop := func(context.Context, ops.Sink) error { return nil }
	for _, r := range []struct{ id, down string }{{"a1", ""}, {"b1", "a1"}, {"c1", "a1"}} {
		rev := &revision.Revision{ID: r.id, Path: "go:" + r.id}
		if r.down != "" {
			rev.DownRevisions = []string{r.down}
		}
		extra = append(extra, &script.Script{Kind: script.KindGo, Path: "go:" + r.id, Doc: r.id, Message: r.id, Revision: rev})
		steps[r.id] = GoSteps{Upgrade: noop, Downgrade: noop}
	}
	dir, err := script.Open(script.Options{FS: fstest.MapFS{"versions": {Mode: fs.ModeDir}}, Extra: extra})
	if err != nil {
		t.Fatal(err)
	}
	return &Engine{Dialect: d, DB: db, Scripts: dir, Go: steps, Options: migration.Options{Lock: true}}
}

func ids(scripts []*script.Script) string {
	var s []string
	for _, sc := range scripts {
		s = append(s, sc.Revision.ID)
	}
	return strings.Join(s, " ")
}

// TestReadCommands: Heads, Branches, Show and History answer from the
// revision graph; "current" makes Show and History read the database.
func TestReadCommands(t *testing.T) {
	for _, b := range backends {
		t.Run(b.name, func(t *testing.T) {
			d, db := b.open(t)
			e := branched(t, d, db)
			ctx := context.Background()
			if got, err := e.Heads(false); err != nil || ids(got) != "b1 c1" && ids(got) != "c1 b1" {
				t.Errorf("Heads = %q, %v; want b1 and c1", ids(got), err)
			}
			if got, err := e.Branches(); err != nil || ids(got) != "a1" {
				t.Errorf("Branches = %q, %v; want a1", ids(got), err)
			}
			if got, err := e.Show(ctx, "b1"); err != nil || ids(got) != "b1" {
				t.Errorf("Show(b1) = %q, %v; want b1", ids(got), err)
			}
			if _, err := e.Show(ctx, "zz"); err == nil || !strings.Contains(err.Error(), "Can't locate revision identified by 'zz'") {
				t.Errorf("Show(zz) error = %v", err)
			}
			if got, err := e.Show(ctx, "current"); err != nil || len(got) != 0 {
				t.Errorf("Show(current) before any upgrade = %q, %v; want nothing", ids(got), err)
			}
			if got, rows, err := e.HistoryCurrent(ctx, "", false); err != nil || len(got) != 3 || rows != nil {
				t.Errorf("HistoryCurrent without -i = %q, rows %v, %v; want all three, rows not read", ids(got), rows, err)
			}
			if _, rows, err := e.HistoryCurrent(ctx, "", true); err != nil || rows == nil || len(rows) != 0 {
				t.Errorf("HistoryCurrent with -i at base: rows %#v, %v; want read and empty", rows, err)
			}
			if _, err := e.Upgrade(ctx, "c1"); err != nil {
				t.Fatal(err)
			}
			if got, rows, err := e.HistoryCurrent(ctx, "current:", false); err != nil || ids(got) != "c1" || len(rows) != 1 || rows[0] != "c1" {
				t.Errorf("HistoryCurrent(current:) = %q, rows %v, %v; want c1", ids(got), rows, err)
			}
			if got, err := e.Current(ctx); err != nil || ids(got) != "c1" {
				t.Errorf("Current = %q, %v; want c1", ids(got), err)
			}
			if got, err := e.Show(ctx, "current"); err != nil || ids(got) != "c1" {
				t.Errorf("Show(current) = %q, %v; want c1", ids(got), err)
			}
		})
	}
}
