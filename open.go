package retort

import (
	"errors"
	"fmt"

	"github.com/retort-dev/retort/command"
)

// Open creates a Provider from a config file (alembic.ini or retort.ini;
// "" finds retort.ini, else alembic.ini): its script_location and
// version_locations, its database URL (sqlalchemy.url, RETORT_URL,
// DATABASE_URL) and its version table, transaction_per_migration and lock
// settings. opts override the file (a WithTarget option replaces its
// target_metadata for Check). The Provider owns the database it
// opens: Close it.
func Open(configPath string, opts ...Option) (*Provider, error) {
	pre := defaultSettings()
	if err := pre.apply(opts); err != nil {
		return nil, err
	}
	if len(pre.versionLocations) > 0 {
		return nil, errors.New("retort: Open reads version_locations from the config file; WithVersionLocations is for NewProvider")
	}
	gm := goMigrations(pre.migrations)
	cenv := command.Env{ConfigPath: configPath, XArgs: pre.xargs, Migrations: gm, ScriptFS: pre.scripts}
	if l := pre.logger; l != nil {
		cenv.Warn = func(msg string) { l.Warn(msg) }
	}
	proj, err := command.Load(cenv)
	if err != nil {
		return nil, err
	}
	rt, env, py, err := proj.Runtime()
	if err != nil {
		return nil, err
	}
	s := defaultSettings()
	s.versionTable, s.versionSchema = rt.VersionTable, rt.VersionTableSchema
	s.txPerMigration, s.lock, s.lockTimeout = rt.TransactionPerMigration, rt.Lock, rt.LockTimeout
	if err := s.apply(opts); err != nil { // WithXArgs: the same -x the config got
		return nil, err
	}
	if s.pythonMode != "" && proj.Config.String("python_scripts", "") == "" {
		py.Mode = s.pythonMode // the option stands in for the missing key
	}
	if s.python != "" && proj.Config.String("python", "") == "" {
		python := s.python
		py.Find = func() (string, error) { return python, nil }
	}
	s.pythonScripts = &py
	if s.offline != nil {
		name, err := proj.DialectName()
		if err != nil {
			return nil, err
		}
		p, err := newProvider(Dialect(name), nil, proj.Scripts, gm, s, env)
		if err != nil {
			return nil, err
		}
		p.project = proj
		return p, nil
	}
	db, name, err := proj.OpenDB()
	if err != nil {
		return nil, err
	}
	p, err := newProvider(Dialect(name), db, proj.Scripts, gm, s, env)
	if err != nil {
		db.Close()
		return nil, fmt.Errorf("retort: %w", err)
	}
	p.ownDB, p.project = db, proj
	return p, nil
}
