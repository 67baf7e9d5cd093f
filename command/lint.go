package command

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/retort-dev/retort/dialect"
	"github.com/retort-dev/retort/internal/engine"
	"github.com/retort-dev/retort/lint"
	"github.com/retort-dev/retort/ops"
	"github.com/retort-dev/retort/pybridge"
	"github.com/retort-dev/retort/pyscript"
	"github.com/retort-dev/retort/revision"
	"github.com/retort-dev/retort/script"
	"github.com/retort-dev/retort/sqlfile"
)

// LintOptions are the arguments of lint.
type LintOptions struct {
	// Range is what to lint: "START:END" (either end may be empty: base
	// and heads), a target reached from the database's current heads
	// ("head", an id, "+2"), or "" for every revision not yet applied.
	Range string
	// All lints every revision from base to the heads.
	All bool
}

// LintReport is what lint found.
type LintReport struct {
	// Revisions are the ids linted, in upgrade order.
	Revisions []string
	// Hazards are the findings no lint-ignore comment silenced.
	Hazards []lint.Hazard
	// Notices say what the lint could not do (an unreachable database,
	// a script that needs one to render); the command prints them on
	// stderr.
	Notices []string
}

// Lint renders the upgrade of each revision in range for the project's
// dialect, offline, and applies the safety rules of package lint to the
// operations and statements. By default the range starts at the
// database's current heads; when the database cannot be read it starts
// at base, and a notice says so.
func Lint(ctx context.Context, p *Project, o LintOptions) (*LintReport, error) {
	d, err := p.offlineDialect()
	if err != nil {
		return nil, err
	}
	rep := &LintReport{}
	current, target, err := p.lintRange(ctx, o, rep)
	if err != nil {
		return nil, err
	}
	steps, err := p.Scripts.Map.Upgrade(current, target)
	if err != nil {
		return nil, failure(err)
	}
	env, err := p.scriptEnv()
	if err != nil {
		return nil, err
	}
	env.Print = nil // a script's print() is not part of the report
	py, err := p.pythonScripts(env)
	if err != nil {
		return nil, err
	}
	py.Bridge.Stdout = nil
	runner := engine.NewScriptRunner(ctx, py, d.Name(), true, env, p.Env.ScriptCache)
	runner.Notice = func(msg string) { rep.Notices = append(rep.Notices, msg) }
	defer runner.Close()
	var linted []lint.Step
	for _, st := range steps {
		s, err := p.lintStep(ctx, st.Revision, d, runner, rep)
		if err != nil {
			return nil, err
		}
		for _, u := range s.Ignores.Unknown() {
			rep.Notices = append(rep.Notices, fmt.Sprintf("%s:%d: lint-ignore names no rule %q", s.Path, u.Line, u.Rule))
		}
		linted = append(linted, s)
		rep.Revisions = append(rep.Revisions, st.Revision.ID)
	}
	rep.Hazards = lint.Check(linted)
	return rep, nil
}

// lintRange turns the options into the upgrade's starting rows and target.
func (p *Project) lintRange(ctx context.Context, o LintOptions, rep *LintReport) ([]string, string, error) {
	start, end, ranged := strings.Cut(o.Range, ":")
	switch {
	case o.All && o.Range != "":
		return nil, "", &revision.CommandError{Message: "lint: give either a range or --all, not both"}
	case o.All:
		return nil, "heads", nil
	case ranged:
		if end == "" {
			end = "heads"
		}
		current, err := engine.StartingRevisions(p.Scripts.Map, start)
		return current, end, err
	}
	if end == "" {
		end = "heads"
	}
	rows, err := readVersionRows(ctx, p)
	if err != nil {
		rep.Notices = append(rep.Notices, fmt.Sprintf("could not read the database's current revisions, so every revision is linted: %v", err))
		return nil, end, nil
	}
	return rows, end, nil
}

// lintStep compiles one revision's script and records what its upgrade
// does, offline, and whether its downgrade does anything.
func (p *Project) lintStep(ctx context.Context, r *revision.Revision, d dialect.Dialect, runner *engine.ScriptRunner, rep *LintReport) (lint.Step, error) {
	s := p.Scripts.Script(r.ID)
	if s == nil {
		return lint.Step{}, fmt.Errorf("revision %s has no script", r.ID)
	}
	out := lint.Step{Revision: r.ID, Path: s.Path, Dialect: d.Name()}
	if s.Kind == script.KindGo {
		// A Go migration's operations are only known by running it.
		rep.Notices = append(rep.Notices, fmt.Sprintf("%s: a Go migration is not linted", s.Path))
		return out, nil
	}
	src, err := p.Scripts.ReadFile(s)
	if err != nil {
		return out, fmt.Errorf("read script: %w", err)
	}
	if s.Kind == script.KindSQL {
		return lintSQLStep(out, src)
	}
	out.Ignores = lint.ParseIgnores(lint.KindPython, src)
	run, notice, err := runner.Prepare(r.ID, s.Path, src)
	if err != nil {
		return out, err
	}
	if notice != "" {
		rep.Notices = append(rep.Notices, notice)
	}
	up := &lintSink{d: d}
	if err := run(ctx, up, true); err != nil {
		if !errors.Is(err, ops.ErrOffline) {
			return out, err
		}
		rep.Notices = append(rep.Notices, fmt.Sprintf("%s: the upgrade reads the database, so only its operations before that are linted: %v", s.Path, err))
	}
	out.Statements = up.stmts
	down := &lintSink{d: d}
	err = run(ctx, down, false)
	var pe *pyscript.Error
	var be *pybridge.Error
	switch {
	case errors.Is(err, ops.ErrOffline):
		// It reads the database: it does something, offline cannot tell what.
	case errors.As(err, &pe) && strings.Contains(pe.Msg, "defines no downgrade() function"),
		errors.As(err, &be) && strings.Contains(be.Msg, "defines no downgrade() function"):
		out.NoDowngrade, out.NoDowngradeReason = true, "the script defines no downgrade() function"
	case errors.As(err, &pe):
		out.NoDowngrade, out.NoDowngradeReason = true, fmt.Sprintf("downgrade() fails at line %d: %s", pe.Line, pe.Msg)
	case errors.As(err, &be):
		out.NoDowngrade, out.NoDowngradeReason = true, fmt.Sprintf("downgrade() fails at line %d: %s", be.Line, be.Msg)
	case err != nil:
		out.NoDowngrade, out.NoDowngradeReason = true, "downgrade() fails: "+err.Error()
	case len(down.stmts) == 0:
		out.NoDowngrade, out.NoDowngradeReason = true, "downgrade() does nothing"
	}
	out.DowngradeLine = defLine(src, "downgrade")
	return out, nil
}

// lintSQLStep reads a .sql script's upgrade statements with their lines.
func lintSQLStep(out lint.Step, src []byte) (lint.Step, error) {
	f, err := sqlfile.Parse(out.Path, src, out.Dialect)
	if err != nil {
		return out, err
	}
	out.Ignores = lint.ParseIgnores(lint.KindSQL, src)
	for _, st := range f.Upgrade.Statements {
		out.Statements = append(out.Statements, lint.Statement{SQL: st.SQL, Line: st.Line, InTransaction: !f.Upgrade.NoTransaction})
	}
	out.DowngradeLine = f.Downgrade.Line
	switch {
	case f.Downgrade.Line == 0:
		out.NoDowngrade, out.NoDowngradeReason = true, "the script has no '-- retort:downgrade' section"
		out.DowngradeLine = f.Upgrade.Line
	case len(f.Downgrade.Statements) == 0:
		out.NoDowngrade, out.NoDowngradeReason = true, "its downgrade section is empty"
	}
	return out, nil
}

// defLine is the line of "def name(" at the start of a line, else 1.
func defLine(src []byte, name string) int {
	for i, line := range bytes.Split(src, []byte("\n")) {
		if bytes.HasPrefix(line, []byte("def "+name+"(")) {
			return i + 1
		}
	}
	return 1
}

// lintSink records the ops a script performs, with their lines and
// whether they run inside the step's transaction. It never connects.
type lintSink struct {
	d     dialect.Dialect
	stmts []lint.Statement
	// autocommit is set inside op.get_context().autocommit_block().
	autocommit bool
}

var _ pyscript.LineSink = (*lintSink)(nil)

// Invoke records op without a line.
func (k *lintSink) Invoke(ctx context.Context, op ops.Op) error { return k.InvokeAt(ctx, op, 0, nil) }

// InvokeAt records op at line. A batch block's ops are recorded one by
// one at their own lines, so that hazards and lint-ignore comments point
// at the op inside the block rather than at its end.
func (k *lintSink) InvokeAt(ctx context.Context, op ops.Op, line int, inner []int) error {
	switch o := op.(type) {
	case *ops.AutocommitBlock:
		k.autocommit = o.Begin
		return nil
	case *ops.BatchAlterTable:
		if len(inner) == len(o.Ops) {
			for i, in := range o.Ops {
				k.record(ctx, in, inner[i])
			}
			return nil
		}
	}
	k.record(ctx, op, line)
	return nil
}

// record keeps op with the SQL it renders to offline. The rules read the
// op itself; an op the dialect renders only with a connection (a SQLite
// batch that must reflect its table) keeps no SQL.
func (k *lintSink) record(ctx context.Context, op ops.Op, line int) {
	var text []string
	if stmts, err := k.d.Compile(ctx, nil, op); err == nil {
		for _, st := range stmts {
			text = append(text, strings.TrimSpace(st.Offline()))
		}
	}
	k.stmts = append(k.stmts, lint.Statement{Op: op, SQL: strings.Join(text, ";\n"), Line: line, InTransaction: !k.autocommit})
}

// Query fails: the lint is offline.
func (k *lintSink) Query(context.Context, string, ...any) (*ops.Rows, error) {
	return nil, fmt.Errorf("%w (retort lint renders scripts offline)", ops.ErrOffline)
}

// Offline is true: scripts see an --sql run.
func (k *lintSink) Offline() bool { return true }

// DialectName is the target dialect.
func (k *lintSink) DialectName() string { return k.d.Name() }
