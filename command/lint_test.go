package command

import (
	"context"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/retort-dev/retort/lint"
)

var lintScripts = map[string]string{
	"a1a1_accounts.py": pyScript("a1a1", "", "create accounts",
		"op.create_table('accounts', sa.Column('id', sa.Integer, primary_key=True))\n    op.create_index('ix_accounts_id', 'accounts', ['id'])",
		"op.drop_table('accounts')"),
	// The upgrade's two ops are on lines 12 and 13; the downgrade reads
	// the database, which offline cannot judge, so it is not reported.
	"b2b2_name.py": pyScript("b2b2", "a1a1", "add name",
		"op.add_column('accounts', sa.Column('name', sa.String(40), nullable=False))\n    op.create_index('ix_accounts_name', 'accounts', ['name'])",
		"op.get_bind().execute(sa.text('SELECT 1'))\n    op.drop_column('accounts', 'name')"),
}

// hazardsAt is "rule@line" per hazard.
func hazardsAt(hs []lint.Hazard) []string {
	var out []string
	for _, h := range hs {
		out = append(out, h.Rule+"@"+strconv.Itoa(h.Line))
	}
	return out
}

// TestLint_Live lints what the database has not applied yet, on each
// server: PostgreSQL's locking rules fire for the table a1a1 created
// before, the other dialects have nothing to say.
func TestLint_Live(t *testing.T) {
	wantPending := map[string][]string{
		"sqlite":   nil,
		"postgres": {"add-column-not-null@12", "index-not-concurrent@13"},
		"mysql":    nil,
	}
	for _, live := range liveDatabases {
		t.Run(live.name, func(t *testing.T) {
			_, url := live.open(t)
			p, err := Load(project(t, url, lintScripts))
			if err != nil {
				t.Fatal(err)
			}
			ctx := context.Background()
			rep, err := Lint(ctx, p, LintOptions{})
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(rep.Revisions, []string{"a1a1", "b2b2"}) || len(rep.Hazards) != 0 || len(rep.Notices) != 0 {
				t.Errorf("from base: revisions %v, hazards %v, notices %v; want both revisions, no hazards (the table is new)", rep.Revisions, hazardsAt(rep.Hazards), rep.Notices)
			}
			if err := Upgrade(ctx, p, "a1a1", MigrateOptions{}); err != nil {
				t.Fatal(err)
			}
			rep, err = Lint(ctx, p, LintOptions{})
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(rep.Revisions, []string{"b2b2"}) {
				t.Errorf("pending revisions = %v, want [b2b2]", rep.Revisions)
			}
			if got := hazardsAt(rep.Hazards); !slices.Equal(got, wantPending[live.name]) {
				t.Errorf("hazards = %v, want %v", got, wantPending[live.name])
			}
			if live.name == "postgres" && len(rep.Hazards) == 2 {
				// Each hazard carries the statement as upgrade --sql renders it.
				wantSQL := []string{"ALTER TABLE accounts ADD COLUMN name VARCHAR(40) NOT NULL", "CREATE INDEX ix_accounts_name ON accounts (name)"}
				for i, h := range rep.Hazards {
					if h.SQL != wantSQL[i] {
						t.Errorf("hazard %d SQL = %q, want %q", i, h.SQL, wantSQL[i])
					}
				}
			}
			rep, err = Lint(ctx, p, LintOptions{All: true})
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(rep.Revisions, []string{"a1a1", "b2b2"}) || len(rep.Hazards) != 0 {
				t.Errorf("--all: revisions %v, hazards %v", rep.Revisions, hazardsAt(rep.Hazards))
			}
		})
	}
}

func TestLint_Errors(t *testing.T) {
	ctx := context.Background()
	p, err := Load(project(t, "postgresql://nobody@127.0.0.1:1/none", lintScripts))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := Lint(ctx, p, LintOptions{All: true, Range: "a1a1"}); err == nil || !strings.Contains(err.Error(), "either a range or --all") {
		t.Errorf("range with --all: %v", err)
	}
	if _, err := Lint(ctx, p, LintOptions{Range: "zzzz:"}); err == nil || !strings.Contains(err.Error(), "zzzz") {
		t.Errorf("unknown start: %v", err)
	}
	rep, err := Lint(ctx, p, LintOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Notices) != 1 || !strings.Contains(rep.Notices[0], "every revision is linted") || len(rep.Revisions) != 2 {
		t.Errorf("unreachable database: notices %q, revisions %v", rep.Notices, rep.Revisions)
	}
	// An upgrade that reads the database is linted up to that point.
	reads := map[string]string{"a1a1_reads.py": pyScript("a1a1", "", "reads",
		"op.drop_table('old')\n    op.get_bind().execute(sa.text('SELECT 1')).fetchall()\n    op.drop_table('older')", "op.create_table('old', sa.Column('id', sa.Integer))")}
	p, err = Load(project(t, "sqlite:///unused.db", reads))
	if err != nil {
		t.Fatal(err)
	}
	rep, err = Lint(ctx, p, LintOptions{All: true})
	if err != nil {
		t.Fatal(err)
	}
	if got := hazardsAt(rep.Hazards); !slices.Equal(got, []string{"drop-table@12"}) || len(rep.Notices) != 1 || !strings.Contains(rep.Notices[0], "reads the database") {
		t.Errorf("hazards %v, notices %q", got, rep.Notices)
	}
}
