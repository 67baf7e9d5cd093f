package command

import (
	"context"
	"errors"
	"io/fs"
	"runtime"
	"runtime/debug"
	"slices"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/retort-dev/retort/autogen"
	"github.com/retort-dev/retort/migration"
	"github.com/retort-dev/retort/revision"
)

// auditOptions reads the history_table setting: "false" turns the trail
// off, "schema.name" or "name" places it (the schema defaults to the
// version table's).
func (p *Project) auditOptions() migration.AuditOptions {
	raw := strings.TrimSpace(p.Config.String("history_table", migration.DefaultHistoryTable))
	if on, err := p.Config.Bool("history_table", true); err == nil {
		// true/false, yes/no, on/off: the default table, or none.
		if !on {
			return migration.AuditOptions{}
		}
		raw = migration.DefaultHistoryTable
	}
	if raw == "" {
		return migration.AuditOptions{}
	}
	o := migration.AuditOptions{Table: raw, Schema: p.versionTableSchema(), Version: retortVersion()}
	if i := strings.LastIndex(raw, "."); i >= 0 {
		o.Schema, o.Table = raw[:i], raw[i+1:]
	}
	o.Script = func(id string) (string, []byte, bool) {
		s := p.Scripts.Script(id)
		if s == nil {
			return "", nil, false
		}
		src, err := p.Scripts.ReadFile(s)
		return s.Path, src, err == nil
	}
	return o
}

// retortVersion is the module version stamped by "go install", or "devel".
func retortVersion() string {
	if info, ok := debug.ReadBuildInfo(); ok && info.Main.Version != "" && info.Main.Version != "(devel)" {
		return strings.TrimPrefix(info.Main.Version, "v")
	}
	return "devel"
}

// LogOptions are the flags of log.
type LogOptions struct {
	// Limit is -n: at most this many rows; 0 means all.
	Limit int
	// Range is -r: "[start]:[end]", as history takes it; only rows about
	// revisions in the range are listed.
	Range string
}

// Log returns the audit trail, newest first. A database that has no
// history table gives an error wrapping migration.ErrNoHistory.
func Log(ctx context.Context, p *Project, o LogOptions) ([]migration.HistoryRow, error) {
	var keep func(string) bool
	if o.Range != "" {
		lower, upper, ok := strings.Cut(strings.TrimSpace(o.Range), ":")
		if !ok || strings.Contains(upper, ":") {
			return nil, &revision.CommandError{Message: "Log range requires [start]:[end], [start]:, or :[end]"}
		}
		var current []string
		if lower == "current" || upper == "current" {
			var err error
			if current, err = readVersionRows(ctx, p); err != nil {
				return nil, err
			}
		}
		revs, err := walkWithCurrent(p.Scripts.Map, lower, upper, current)
		if err != nil {
			return nil, err
		}
		in := make(map[string]bool, len(revs))
		for _, r := range revs {
			in[r.ID] = true
		}
		keep = func(revs string) bool {
			for _, id := range strings.Split(revs, ",") {
				if in[strings.TrimSpace(id)] {
					return true
				}
			}
			return false
		}
	}
	rows, err := readHistory(ctx, p)
	if err != nil {
		return nil, err
	}
	out := make([]migration.HistoryRow, 0, len(rows))
	for i := len(rows) - 1; i >= 0; i-- {
		if keep != nil && !keep(rows[i].Revision) {
			continue
		}
		out = append(out, rows[i])
		if o.Limit > 0 && len(out) == o.Limit {
			break
		}
	}
	return out, nil
}

// runtimeContext is a migration context on the project's database; the
// caller closes the database.
func (p *Project) runtimeContext() (*migration.Context, *database, error) {
	e, db, err := p.engine("", false)
	if err != nil {
		return nil, nil, err
	}
	mc, err := e.Context()
	if err != nil {
		db.close()
		return nil, nil, err
	}
	return mc, db, nil
}

func readHistory(ctx context.Context, p *Project) ([]migration.HistoryRow, error) {
	mc, db, err := p.runtimeContext()
	if err != nil {
		return nil, err
	}
	defer db.close()
	rows, err := mc.History(ctx)
	return rows, db.explain(err)
}

// ScriptCheck is one applied revision whose script does not match the
// audit trail.
type ScriptCheck struct {
	Revision string
	// Path is the script on disk, or the path the trail recorded when the
	// script is gone.
	Path string
	// Recorded is the checksum recorded when the revision was applied;
	// Current is the script's checksum now ("" when it is gone).
	Recorded, Current string
}

// VerifyResult is what verify found.
type VerifyResult struct {
	// Checked counts the applied revisions whose checksum was compared.
	Checked int
	// Changed lists the scripts edited since they were applied.
	Changed []ScriptCheck
	// Missing lists the applied revisions whose script is gone.
	Missing []ScriptCheck
	// Unrecorded lists applied revisions the trail has no checksum for
	// (applied before the trail, or by Alembic).
	Unrecorded []string
}

// OK reports whether every applied script agrees with the trail.
func (r *VerifyResult) OK() bool { return len(r.Changed) == 0 && len(r.Missing) == 0 }

// Verify compares every applied revision's recorded checksum with its
// script on disk. A database with no history table gives an error wrapping
// migration.ErrNoHistory.
func Verify(ctx context.Context, p *Project) (*VerifyResult, error) {
	mc, db, err := p.runtimeContext()
	if err != nil {
		return nil, err
	}
	defer db.close()
	rows, err := mc.HistoryChecksums(ctx)
	if err != nil {
		return nil, db.explain(err)
	}
	heads, err := mc.Heads(ctx)
	if err != nil {
		return nil, db.explain(err)
	}
	return p.verifyRows(rows, heads)
}

// verifyRows does Verify's comparison on rows already read; it needs only
// the fields HistoryChecksums sets.
func (p *Project) verifyRows(rows []migration.HistoryRow, heads []string) (*VerifyResult, error) {
	// The latest checksum recorded for each revision applied by an upgrade
	// or a one-revision stamp.
	latest := map[string]migration.HistoryRow{}
	for _, r := range rows {
		if r.Direction == migration.DirectionDowngrade || r.Checksum == "" || strings.Contains(r.Revision, ",") {
			continue
		}
		latest[r.Revision] = r
	}
	m := p.Scripts.Map
	res := &VerifyResult{}
	var known []string
	for _, h := range heads {
		if r, err := m.Get(h); err == nil && r != nil {
			known = append(known, h)
			continue
		}
		res.Missing = append(res.Missing, ScriptCheck{Revision: h, Path: latest[h].ScriptPath, Recorded: latest[h].Checksum})
	}
	var applied []*revision.Revision
	if len(known) > 0 {
		var err error
		if applied, err = m.WalkCurrent(known, "base", false); err != nil {
			return nil, failure(err)
		}
	}
	// Read and hash the scripts on every core: on a long history this is
	// most of verify's time.
	type sum struct {
		current string
		err     error
	}
	sums := make([]sum, len(applied))
	var next atomic.Int64
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), max(len(applied), 1)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := int(next.Add(1)) - 1; i < len(applied); i = int(next.Add(1)) - 1 {
				if s := p.Scripts.Script(applied[i].ID); s != nil {
					src, err := p.Scripts.ReadFile(s)
					sums[i] = sum{err: err}
					if err == nil {
						sums[i].current = migration.Checksum(src)
					}
				}
			}
		}()
	}
	wg.Wait()
	for i, r := range applied {
		s := p.Scripts.Script(r.ID)
		rec, ok := latest[r.ID]
		if !ok {
			res.Unrecorded = append(res.Unrecorded, r.ID)
			continue
		}
		res.Checked++
		err := sums[i].err
		if s == nil || errors.Is(err, fs.ErrNotExist) {
			res.Missing = append(res.Missing, ScriptCheck{Revision: r.ID, Path: rec.ScriptPath, Recorded: rec.Checksum})
			continue
		}
		if err != nil {
			return nil, err
		}
		if sums[i].current != rec.Checksum {
			res.Changed = append(res.Changed, ScriptCheck{Revision: r.ID, Path: s.Path, Recorded: rec.Checksum, Current: sums[i].current})
		}
	}
	slices.Reverse(res.Unrecorded)
	return res, nil
}

// warnChanged reports a ScriptChanged event for every applied script that
// differs from its recorded checksum; it stays silent when the trail is
// off or empty, and never fails the run it precedes.
func (p *Project) warnChanged(ctx context.Context, mc *migration.Context) {
	if p.Env.Events == nil || mc.HistoryTable() == "" {
		return
	}
	rows, err := mc.HistoryChecksums(ctx)
	if err != nil || len(rows) == 0 {
		return
	}
	heads, err := mc.Heads(ctx)
	if err != nil {
		return
	}
	res, err := p.verifyRows(rows, heads)
	if err != nil {
		return
	}
	for _, c := range res.Changed {
		p.Env.Events(migration.ScriptChanged{Revision: c.Revision, Path: c.Path})
	}
}

// skipHistory leaves the audit trail's table out of autogenerate, as the
// version table is: include is wrapped, nil meaning everything.
func (p *Project) skipHistory(include func(autogen.Object) bool) func(autogen.Object) bool {
	a := p.auditOptions()
	if a.Table == "" {
		return include
	}
	return func(o autogen.Object) bool {
		table := o.Table
		if o.Type == "table" {
			table = o.Name
		}
		if table == a.Table && o.Schema == a.Schema {
			return false
		}
		return include == nil || include(o)
	}
}
