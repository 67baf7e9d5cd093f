package retort

import (
	"fmt"

	"github.com/retort-dev/retort/command"
)

// Open creates a Provider from a config file (alembic.ini or retort.ini;
// "" finds retort.ini, else alembic.ini): its script_location and
// version_locations, its database URL (sqlalchemy.url, RETORT_URL,
// DATABASE_URL) and its version table, transaction_per_migration and lock
// settings. opts override the file. The Provider owns the database it
// opens: Close it.
func Open(configPath string, opts ...Option) (*Provider, error) {
	pre := defaultSettings()
	if err := pre.apply(opts); err != nil {
		return nil, err
	}
	gm := goMigrations(pre.migrations)
	proj, err := command.Load(command.Env{ConfigPath: configPath, XArgs: pre.xargs, Migrations: gm, ScriptFS: pre.scripts})
	if err != nil {
		return nil, err
	}
	cfg := proj.Config
	s := defaultSettings()
	s.versionTable, s.versionSchema = cfg.VersionTable(), cfg.VersionTableSchema()
	if s.txPerMigration, err = cfg.TransactionPerMigration(); err != nil {
		return nil, err
	}
	if s.lock, err = cfg.Lock(); err != nil {
		return nil, err
	}
	if err := s.apply(opts); err != nil { // WithXArgs: the same -x the config got
		return nil, err
	}
	items, err := cfg.Items(cfg.Section)
	if err != nil {
		return nil, err
	}
	main := make(map[string]string, len(items))
	for _, kv := range items {
		main[kv[0]] = kv[1]
	}
	if s.offline != nil {
		name, err := proj.DialectName()
		if err != nil {
			return nil, err
		}
		return newProvider(Dialect(name), nil, proj.Scripts, gm, s, main)
	}
	db, name, err := proj.OpenDB()
	if err != nil {
		return nil, err
	}
	p, err := newProvider(Dialect(name), db, proj.Scripts, gm, s, main)
	if err != nil {
		db.Close()
		return nil, fmt.Errorf("retort: %w", err)
	}
	p.ownDB = db
	return p, nil
}
