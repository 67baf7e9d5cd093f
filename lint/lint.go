package lint

import (
	"fmt"
	"slices"

	"github.com/retort-dev/retort/ops"
)

// Statement is one thing a step does: an op a .py script performed, or one
// SQL statement of a .sql script.
type Statement struct {
	// Op is the operation, nil for a .sql script's statement.
	Op ops.Op
	// SQL is the statement's text; for an op, the SQL it renders to for
	// the target dialect when that is known (the rules read the op).
	SQL string
	// Line is the script line that produced it; 0 when unknown.
	Line int
	// InTransaction is set when the statement runs inside the step's
	// transaction (not in an autocommit block or a no-transaction section).
	InTransaction bool
}

// Step is one revision's upgrade, as the lint sees it.
type Step struct {
	Revision string
	// Path is the script file.
	Path string
	// Dialect is the SQLAlchemy name of the target database.
	Dialect    string
	Statements []Statement
	// NoDowngrade is set when the revision's downgrade does nothing: no
	// downgrade function or section, one without operations, or one that
	// raises.
	NoDowngrade bool
	// NoDowngradeReason says why, e.g. "downgrade() does nothing".
	NoDowngradeReason string
	// DowngradeLine is where the downgrade starts (its def or its
	// section marker); 0 when there is none.
	DowngradeLine int
	// Ignores are the script's lint-ignore comments.
	Ignores Ignores
}

// Hazard is one finding.
type Hazard struct {
	Path     string   `json:"path"`
	Line     int      `json:"line"`
	Revision string   `json:"revision"`
	Rule     string   `json:"rule"`
	Severity Severity `json:"severity"`
	Message  string   `json:"message"`
	Fix      string   `json:"fix"`
	// SQL is the statement, as written or as rendered offline; "" when
	// not known (no-downgrade, an op the dialect renders only online).
	SQL string `json:"sql,omitempty"`
}

// HasErrors reports whether any hazard has error severity.
func HasErrors(hazards []Hazard) bool {
	return slices.ContainsFunc(hazards, func(h Hazard) bool { return h.Severity == SeverityError })
}

// state is what the steps linted so far have created: new tables and
// columns are empty, so locking them is harmless.
type state struct {
	newTables  map[string]bool
	newColumns map[string]bool // "table.column"
}

// Check applies every rule to steps, in plan order, and returns the
// hazards no lint-ignore comment silences, in step and line order.
func Check(steps []Step) []Hazard {
	st := &state{newTables: map[string]bool{}, newColumns: map[string]bool{}}
	var out []Hazard
	for _, s := range steps {
		out = append(out, st.checkStep(s)...)
	}
	return out
}

func (st *state) checkStep(s Step) []Hazard {
	var out []Hazard
	report := func(line int, sql, id, format string, args ...any) {
		if s.Ignores.silences(line, id) {
			return
		}
		r, _ := ruleByID(id)
		if r.PostgreSQLOnly && s.Dialect != "postgresql" {
			return
		}
		out = append(out, Hazard{Path: s.Path, Line: line, Revision: s.Revision, Rule: id,
			Severity: r.Severity, Message: fmt.Sprintf(format, args...), Fix: r.Fix, SQL: sql})
	}
	for _, stmt := range s.Statements {
		var acts []action
		if stmt.Op != nil {
			acts = opActions(stmt.Op)
		} else {
			acts = sqlActions(stmt.SQL)
		}
		for _, a := range acts {
			st.check(a, stmt, func(id, format string, args ...any) { report(stmt.Line, stmt.SQL, id, format, args...) })
		}
	}
	if s.NoDowngrade && !s.Ignores.anywhere(RuleNoDowngrade) {
		msg := "revision " + s.Revision + " has no downgrade"
		if s.NoDowngradeReason != "" {
			msg += ": " + s.NoDowngradeReason
		}
		report(s.DowngradeLine, "", RuleNoDowngrade, "%s", msg)
	}
	return out
}

// check applies the rules to one action and records what it creates.
func (st *state) check(a action, stmt Statement, report func(id, format string, args ...any)) {
	// A column added by this run is not used by running code yet, but
	// its table still has rows: locks and scans count the table.
	existing := !st.newTables[a.table]
	existingColumn := existing && !st.newColumns[a.table+"."+a.column]
	switch a.kind {
	case actCreateTable:
		st.newTables[a.table] = true
	case actDropTable:
		if existing {
			report(RuleDropTable, "drops table %s", a.table)
		}
		delete(st.newTables, a.table)
	case actRenameTable:
		if existing {
			report(RuleRenameTable, "renames table %s to %s", a.table, a.newName)
		} else {
			st.newTables[a.newName] = true
		}
	case actAddColumn:
		if existing && a.notNull && !a.hasDefault {
			report(RuleAddColumnNotNull, "adds NOT NULL column %s.%s without a default", a.table, a.column)
		}
		st.newColumns[a.table+"."+a.column] = true
	case actDropColumn:
		if existingColumn {
			report(RuleDropColumn, "drops column %s.%s", a.table, a.column)
		}
	case actRenameColumn:
		if existingColumn {
			report(RuleRenameColumn, "renames column %s.%s to %s", a.table, a.column, a.newName)
		} else {
			st.newColumns[a.table+"."+a.newName] = true
		}
	case actAlterType:
		switch {
		case !existing:
		case a.using || a.oldType != nil && !safeTypeChange(a.oldType, a.newType):
			report(RuleColumnTypeRewrite, "changes the type of %s.%s, which rewrites the table", a.table, a.column)
		case a.oldType == nil:
			report(RuleColumnTypeRewrite, "changes the type of %s.%s, which rewrites the table unless the old type is binary-compatible with the new (give existing_type to tell)", a.table, a.column)
		}
	case actSetNotNull:
		if existing && !a.alreadyNotNull {
			report(RuleSetNotNull, "sets %s.%s NOT NULL", a.table, a.column)
		}
	case actCreateIndex, actDropIndex:
		verb := "creates"
		if a.kind == actDropIndex {
			verb = "drops"
		}
		switch {
		case a.concurrently && stmt.InTransaction:
			report(RuleConcurrentInTransaction, "%s an index CONCURRENTLY inside a transaction", verb)
		case a.kind == actCreateIndex && !a.concurrently && existing:
			report(RuleIndexNotConcurrent, "creates an index on existing table %s without CONCURRENTLY", a.table)
		}
	case actAddForeignKey, actAddCheck:
		what := "foreign key"
		if a.kind == actAddCheck {
			what = "check constraint"
		}
		if existing && !a.notValid {
			report(RuleConstraintNotValid, "adds a %s to existing table %s without NOT VALID", what, a.table)
		}
	}
}
