package render

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/retort-dev/retort/dialect"
	"github.com/retort-dev/retort/ops"
	"github.com/retort-dev/retort/sqlfile"
)

// RenderSQL renders the ops through a dialect, one statement per line
// terminated by ";" as the .sql script format (package sqlfile) expects for
// its upgrade/downgrade sections. q is the live database, which only
// SQLite's batch move-and-copy reads (the table as it is); nil renders
// offline, where such a batch needs copy_from.
//
// A .sql section runs in one transaction or in none, so a section holding
// an autocommit block (*ops.AutocommitBlock) starts with the
// "-- retort:no-transaction" directive and runs without one as a whole.
func RenderSQL(ctx context.Context, d dialect.Dialect, q dialect.Querier, upgrade, downgrade []ops.Op) (up, down string, err error) {
	if up, err = renderSQL(ctx, d, q, upgrade); err != nil {
		return "", "", fmt.Errorf("%s: render upgrade SQL: %w", d.Name(), err)
	}
	if down, err = renderSQL(ctx, d, q, downgrade); err != nil {
		return "", "", fmt.Errorf("%s: render downgrade SQL: %w", d.Name(), err)
	}
	return up, down, nil
}

// noTransaction is the .sql directive that runs a section outside a transaction.
const noTransaction = "-- retort:" + sqlfile.DirectiveNoTransaction + "\n"

func renderSQL(ctx context.Context, d dialect.Dialect, q dialect.Querier, list []ops.Op) (string, error) {
	var b strings.Builder
	if slices.ContainsFunc(list, func(op ops.Op) bool { _, ok := op.(*ops.AutocommitBlock); return ok }) {
		b.WriteString(noTransaction)
	}
	for _, op := range list {
		stmts, err := d.Compile(ctx, q, op)
		if err != nil {
			return "", fmt.Errorf("%T: %w", op, err)
		}
		for _, s := range stmts {
			text := strings.TrimRight(strings.TrimSpace(s.Offline()), ";")
			if text == "" {
				continue
			}
			b.WriteString(text + ";\n")
		}
	}
	return b.String(), nil
}
