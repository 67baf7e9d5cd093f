package retort

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"

	"github.com/retort-dev/retort/command"
	"github.com/retort-dev/retort/internal/engine"
	"github.com/retort-dev/retort/migration"
	"github.com/retort-dev/retort/pyscript"
	"github.com/retort-dev/retort/script"
)

// Provider migrates one database with one script directory and the Go
// migrations given to it. Its methods may be called one at a time; the
// migration lock (on by default) serialises runs of several processes.
type Provider struct {
	dialect Dialect
	eng     *engine.Engine
	// ownDB is the database Open opened, which Close closes.
	ownDB *sql.DB
	// project is the config file Open read, for Check.
	project *command.Project
	// target is the schema Check compares with, from the options.
	target *targetSchema
}

// NewProvider creates a Provider for db, a database of dialect d, with the
// scripts of the file system scripts: its versions/ directory (or the
// WithVersionLocations directories) holds .py and .sql revision scripts.
// scripts may be nil when all revisions are Go migrations. db may be nil
// with WithOffline. The caller keeps ownership of db.
func NewProvider(d Dialect, db *sql.DB, scripts fs.FS, opts ...Option) (*Provider, error) {
	if _, err := d.impl(); err != nil {
		return nil, err
	}
	s := defaultSettings()
	if err := s.apply(opts); err != nil {
		return nil, err
	}
	if scripts != nil && s.scripts != nil {
		return nil, errors.New("retort: scripts given both to NewProvider and WithScripts")
	}
	if scripts == nil {
		scripts = s.scripts
	}
	gm := goMigrations(s.migrations)
	so := script.Options{FS: scripts, VersionLocations: s.versionLocations}
	if scripts == nil {
		// Go migrations only: an empty directory stands in for the scripts.
		so.FS, so.VersionLocations = emptyFS{}, []string{"."}
	}
	for _, g := range gm {
		so.Extra = append(so.Extra, g.Script)
	}
	dir, err := script.Open(so)
	if err != nil {
		return nil, fmt.Errorf("retort: %w", err)
	}
	return newProvider(d, db, dir, gm, s, pyscript.Env{})
}

// newProvider assembles the engine; env is what .py scripts see of a
// config file (its main section, the step budget), the -x arguments and
// print() set here from s.
func newProvider(d Dialect, db *sql.DB, dir *script.Directory, gm []command.GoMigration, s settings, env pyscript.Env) (*Provider, error) {
	di, err := d.impl()
	if err != nil {
		return nil, err
	}
	if db == nil && s.offline == nil {
		return nil, errors.New("retort: no database given (pass a *sql.DB, or WithOffline for SQL output)")
	}
	e := &engine.Engine{Dialect: di, Scripts: dir,
		Options: migration.Options{VersionTable: s.versionTable, VersionTableSchema: s.versionSchema,
			TransactionPerMigration: s.txPerMigration, Lock: s.lock, LockTimeout: s.lockTimeout},
		Env: env,
	}
	e.Env.XArgs, e.Env.Print = s.xargs, nil
	e.Python = s.pythonRunner()
	if s.offline != nil {
		e.Out = s.offline
	} else {
		e.DB = db
	}
	if len(gm) > 0 {
		e.Go = make(map[string]engine.GoSteps, len(gm))
		for _, g := range gm {
			e.Go[g.Script.Revision.ID] = engine.GoSteps{Upgrade: g.Upgrade, Downgrade: g.Downgrade}
		}
	}
	if l := s.logger; l != nil {
		e.Options.Events = func(ev migration.Event) {
			switch ev := ev.(type) {
			case migration.Statement:
				l.Debug(ev.SQL)
			case migration.LogEvent:
				l.Info(ev.LogMessage())
			}
		}
		e.Env.Print = func(msg string) { l.Info(msg, slog.String("source", "print")) }
	}
	return &Provider{dialect: d, eng: e, target: s.target}, nil
}

// Dialect is the Provider's dialect.
func (p *Provider) Dialect() Dialect { return p.dialect }

// Close closes the database when Open opened it; a Provider made by
// NewProvider leaves the caller's database open.
func (p *Provider) Close() error {
	if p.ownDB == nil {
		return nil
	}
	return p.ownDB.Close()
}

// Upgrade applies the revisions between the database's current heads and
// target: "head", "heads", "+1", "branch@head", a revision id or a unique
// prefix of one. Offline, target may be "START:END". The Result lists the
// steps applied, also when the error is not nil; a failed step is a
// *MigrationError.
func (p *Provider) Upgrade(ctx context.Context, target string) (*Result, error) {
	r, err := p.eng.Upgrade(ctx, target)
	res := resultOf(r)
	return res, wrapErr(err, res)
}

// Downgrade reverts the revisions between the database's current heads and
// target: "base", "-1", a revision id. Offline it needs "START:END".
func (p *Provider) Downgrade(ctx context.Context, target string) (*Result, error) {
	r, err := p.eng.Downgrade(ctx, target)
	res := resultOf(r)
	return res, wrapErr(err, res)
}

// Stamp sets the version table to revs without running any migration
// ("head", an id, "base" for none).
func (p *Provider) Stamp(ctx context.Context, revs ...string) error {
	if len(revs) == 0 {
		return errors.New("retort: Stamp needs at least one revision")
	}
	return p.eng.Stamp(ctx, revs, false)
}

// Current returns the database's current revisions, the revisions they
// depend on included; none at base.
func (p *Provider) Current(ctx context.Context) ([]string, error) {
	scripts, err := p.eng.Current(ctx)
	if err != nil {
		return nil, err
	}
	return ids(scripts), nil
}

// Heads returns the head revisions of the graph.
func (p *Provider) Heads(ctx context.Context) ([]string, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	scripts, err := p.eng.Heads(false)
	if err != nil {
		return nil, err
	}
	return ids(scripts), nil
}

// History lists revisions newest first, each before its ancestors, within
// rangeExpr: "" for all, "[start]:[end]" otherwise, where either side may
// be "current" (the database's revisions).
func (p *Provider) History(ctx context.Context, rangeExpr string) ([]Revision, error) {
	scripts, err := p.eng.History(ctx, rangeExpr)
	if err != nil {
		return nil, err
	}
	out := make([]Revision, len(scripts))
	for i, s := range scripts {
		r := s.Revision
		out[i] = Revision{ID: r.ID, DownRevisions: append([]string(nil), r.DownRevisions...),
			BranchLabels: append([]string(nil), r.BranchLabels...), DependsOn: append([]string(nil), r.DependsOn...),
			Message: s.Message, Path: s.Path, Kind: s.Kind}
	}
	return out, nil
}

func ids(scripts []*script.Script) []string {
	out := make([]string, len(scripts))
	for i, s := range scripts {
		out[i] = s.Revision.ID
	}
	return out
}
