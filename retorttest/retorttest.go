// Package retorttest tests a project's migrations with go test: every
// revision must upgrade, downgrade and upgrade again (Stairway), a
// downgrade to base must leave the schema as it was before (the round
// trip), and at the heads the models must match the database
// (ModelsMatchHead). Run them on a throwaway database: a SQLite file in
// t.TempDir(), or a fresh PostgreSQL or MariaDB database the test creates.
package retorttest

import (
	"context"
	"slices"
	"testing"

	"github.com/retort-dev/retort"
)

// Stairway walks the history from base to head. For each revision, oldest
// first, it upgrades to it, downgrades one step, and upgrades to it again,
// which catches a downgrade that does not undo its upgrade (the second
// upgrade fails on what the downgrade left behind). It fails the test
// naming the revision, the direction and the error. The database must
// start at base; the walk leaves it at the heads. The step down is a
// downgrade to the revision's (first) parent, which on a branchy history
// also reverts what other branches applied; later steps bring it back.
func Stairway(t testing.TB, p *retort.Provider) {
	t.Helper()
	ctx := context.Background()
	if current, err := p.Current(ctx); err != nil {
		t.Fatalf("stairway: current: %v", err)
	} else if len(current) > 0 {
		t.Fatalf("stairway: the database is at %v; the walk starts at base (use a fresh database)", current)
	}
	for _, rev := range oldestFirst(t, p) {
		if _, err := p.Upgrade(ctx, rev.ID); err != nil {
			t.Fatalf("stairway: upgrade to %s: %v", rev.ID, err)
		}
		// One step down is to the parent: "-1" is ambiguous on a merge
		// or with branches applied side by side.
		down := "base"
		if len(rev.DownRevisions) > 0 {
			down = rev.DownRevisions[0]
		}
		if _, err := p.Downgrade(ctx, down); err != nil {
			t.Fatalf("stairway: downgrade %s one step: %v", rev.ID, err)
		}
		if _, err := p.Upgrade(ctx, rev.ID); err != nil {
			t.Fatalf("stairway: upgrade to %s after its downgrade: %v", rev.ID, err)
		}
	}
	if _, err := p.Upgrade(ctx, "heads"); err != nil {
		t.Fatalf("stairway: upgrade heads: %v", err)
	}
	heads, err := p.Heads(ctx)
	if err != nil {
		t.Fatalf("stairway: heads: %v", err)
	}
	current, err := p.Current(ctx)
	if err != nil {
		t.Fatalf("stairway: current: %v", err)
	}
	if !sameSet(heads, current) {
		t.Fatalf("stairway: after the walk the database is at %v, not at the heads %v", current, heads)
	}
}

// UpgradeDowngradeRoundTrip upgrades to head, downgrades to base and
// checks that the tables are those of before the upgrade and that the
// version table is empty; then it upgrades to head again. It fails naming
// the step that failed or the tables left behind.
func UpgradeDowngradeRoundTrip(t testing.TB, p *retort.Provider) {
	t.Helper()
	ctx := context.Background()
	before, err := p.Tables(ctx)
	if err != nil {
		t.Fatalf("round trip: %v", err)
	}
	if _, err := p.Upgrade(ctx, "heads"); err != nil {
		t.Fatalf("round trip: upgrade heads: %v", err)
	}
	if _, err := p.Downgrade(ctx, "base"); err != nil {
		t.Fatalf("round trip: downgrade base: %v", err)
	}
	after, err := p.Tables(ctx)
	if err != nil {
		t.Fatalf("round trip: %v", err)
	}
	if !slices.Equal(before, after) {
		t.Fatalf("round trip: after downgrade base the tables are %v, before the upgrade they were %v", after, before)
	}
	if current, err := p.Current(ctx); err != nil || len(current) != 0 {
		t.Fatalf("round trip: after downgrade base the database is at %v (%v), not base", current, err)
	}
	if _, err := p.Upgrade(ctx, "heads"); err != nil {
		t.Fatalf("round trip: upgrade heads after downgrade base: %v", err)
	}
}

// oldestFirst is the history from base to head.
func oldestFirst(t testing.TB, p *retort.Provider) []retort.Revision {
	t.Helper()
	hist, err := p.History(context.Background(), "")
	if err != nil {
		t.Fatalf("history: %v", err)
	}
	slices.Reverse(hist)
	return hist
}

func sameSet(a, b []string) bool {
	a, b = slices.Clone(a), slices.Clone(b)
	slices.Sort(a)
	slices.Sort(b)
	return slices.Equal(a, b)
}

// ModelsMatchHead upgrades to the heads and checks that autogenerate finds
// nothing between the database and the target schema (Provider.Check):
// the models and the migrations agree. The Provider needs a target
// schema: a WithTargetMetadata, WithTargetModelsFile or WithTargetSchemaSQL
// option, or a config file's target_metadata (retort.Open). It fails
// listing the pending operations.
func ModelsMatchHead(t testing.TB, p *retort.Provider) {
	t.Helper()
	ctx := context.Background()
	if _, err := p.Upgrade(ctx, "heads"); err != nil {
		t.Fatalf("models match head: upgrade heads: %v", err)
	}
	if err := p.Check(ctx); err != nil {
		t.Fatalf("models match head: %v", err)
	}
}
