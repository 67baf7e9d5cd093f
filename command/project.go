package command

import (
	"cmp"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"strings"
	"time"

	"github.com/retort-dev/retort/config"
	"github.com/retort-dev/retort/dburl"
	"github.com/retort-dev/retort/dialect"
	"github.com/retort-dev/retort/internal/engine"
	"github.com/retort-dev/retort/migration"
	"github.com/retort-dev/retort/pyscript"
	"github.com/retort-dev/retort/schema"
	"github.com/retort-dev/retort/script"
)

// LookupDialect returns a new dialect for a SQLAlchemy dialect name
// ("postgresql", "mysql", "mariadb", "sqlite"); ok is false for others.
func LookupDialect(name string) (d dialect.Dialect, ok bool) { return engine.LookupDialect(name) }

// Env describes one invocation: which config to read and where output goes.
type Env struct {
	// ConfigPath is the -c flag; "" finds retort.ini, else alembic.ini
	// (ALEMBIC_CONFIG overrides the default, as in Alembic).
	ConfigPath string
	// Section is the -n flag; "" means the default main section.
	Section string
	// XArgs are the -x KEY=VALUE arguments, handed to scripts.
	XArgs []string
	// Getenv reads the environment; nil means os.Getenv.
	Getenv func(string) string
	// Stdout receives offline (--sql) SQL.
	Stdout io.Writer
	// Events receives the runtime's progress events; nil discards them.
	Events func(migration.Event)
	// Warn receives one-line warnings (a setting the config and env.py
	// disagree on); nil discards them.
	Warn func(msg string)
	// ScriptFS, when set, holds the script directory (an embed.FS in a
	// program built with retort.Main): its root is the script_location,
	// with versions/ inside, and script_location and version_locations of
	// the config file are not read from disk.
	ScriptFS fs.FS
	// Migrations are revisions defined in Go; they join the revision graph
	// of the scripts.
	Migrations []GoMigration
	// OneShot says the Project serves one command and is then dropped, as
	// on the command line: the script texts read when loading are kept and
	// reused (script.Options.KeepSources). A Project kept open while
	// scripts change must leave it unset.
	OneShot bool
	// WarmDatabase opens the database while the script directory loads,
	// for a command that reads it at once (verify), when its URL needs no
	// Python.
	WarmDatabase bool
	// ScriptCache keeps compiled .py scripts across runs (the command line
	// opens one under the user's cache directory); nil compiles afresh.
	// Upgrade and Downgrade flush it when they end.
	ScriptCache *pyscript.Cache
	// Defaults are the program's own settings (retort.Main's options).
	Defaults Defaults
}

// Defaults are settings a program built with retort.Main compiles in.
// Each applies only where the project does not set it: a key of the
// config file wins, then what env.py passes to context.configure, then
// the default here, then Alembic's.
type Defaults struct {
	// VersionTable and VersionTableSchema stand in for version_table and
	// version_table_schema; "" leaves Alembic's default.
	VersionTable, VersionTableSchema string
	// TransactionPerMigration and Lock stand in for
	// transaction_per_migration and lock; nil leaves Alembic's default.
	TransactionPerMigration, Lock *bool
	// LockTimeout bounds the wait for the lock (no config key sets it);
	// 0 is migration.DefaultLockTimeout.
	LockTimeout time.Duration
	// VersionLocations are directories of Env.ScriptFS to read revisions
	// from instead of its versions/ (the config file's version_locations
	// are paths on disk, unused with a ScriptFS).
	VersionLocations []string
	// Target loads the schema autogenerate and check compare the database
	// with, where the config file sets no target_metadata (env.py's is
	// then not read either: it takes the project's Python).
	Target func(ctx context.Context, d dialect.Dialect, db *sql.DB) (*schema.MetaData, error)
	// TargetSchemaFS and TargetSchemaPath, when set, are that schema as
	// desired-state SQL instead: a .sql file or a directory of them in
	// TargetSchemaFS, loaded as target_metadata = schema.sql is (dev_url
	// names the scratch database where one is needed).
	TargetSchemaFS   fs.FS
	TargetSchemaPath string
	// PythonScripts and Python stand in for python_scripts and python:
	// which .py scripts run under the project's Python, and which
	// interpreter; "" leaves the default (auto, and the usual search).
	PythonScripts, Python string
}

// GoMigration is a revision defined in Go code: its header as a Script of
// kind script.KindGo, and the step bodies.
type GoMigration struct {
	Script    *script.Script
	Upgrade   migration.StepFunc
	Downgrade migration.StepFunc
}

func (e Env) getenv(key string) string {
	if e.Getenv == nil {
		return os.Getenv(key)
	}
	return e.Getenv(key)
}

// Project is a loaded config file and the script directory it names.
type Project struct {
	Env     Env
	Config  *config.Config
	Scripts *script.Directory

	// envURL caches what env.py sets sqlalchemy.url to (envurl.go).
	envURL *envURLResult
	// warned records the settings whose config/env.py difference was reported.
	warned map[string]bool
	// warm delivers the database opened while the scripts loaded (warm.go).
	warm chan warmed
}

// Load reads the config file and opens its script directory. Opening reads
// every script's header (never its body) and validates the revision graph.
func Load(env Env) (*Project, error) {
	cfg, err := loadConfig(env)
	if err != nil {
		return nil, err
	}
	p := &Project{Env: env, Config: cfg}
	if env.WarmDatabase {
		p.startWarm()
	}
	dir, err := openScripts(cfg, env)
	if err != nil {
		if w := p.takeWarm(""); w != nil {
			w.close()
		}
		return nil, err
	}
	p.Scripts = dir
	return p, nil
}

func loadConfig(env Env) (*config.Config, error) {
	path, err := config.Find(env.ConfigPath, env.getenv)
	if err != nil {
		return nil, err
	}
	// Like Alembic, a missing file reads as empty; the missing main
	// section then says what is wrong with Alembic's words.
	cfg, err := config.Load(path, config.Options{Section: env.Section, XArgs: env.XArgs, Getenv: env.Getenv, AllowMissing: true})
	if err != nil {
		return nil, err
	}
	if !cfg.HasSection(cfg.Section) {
		return nil, &NoConfigError{Path: path, Section: cfg.Section}
	}
	return cfg, nil
}

func openScripts(cfg *config.Config, env Env) (*script.Directory, error) {
	var opts script.Options
	var err error
	if env.ScriptFS != nil {
		opts.FS = env.ScriptFS
		opts.VersionLocations = env.Defaults.VersionLocations
	} else {
		if opts.Dir, err = cfg.ScriptLocation(); err != nil {
			return nil, err
		}
		if opts.VersionLocations, err = cfg.VersionLocations(); err != nil {
			return nil, err
		}
	}
	for _, m := range env.Migrations {
		opts.Extra = append(opts.Extra, m.Script)
	}
	opts.KeepSources = env.OneShot
	if opts.Recursive, err = cfg.RecursiveVersionLocations(); err != nil {
		return nil, err
	}
	opts.FileTemplate = cfg.FileTemplate()
	if opts.TruncateSlugLength, err = cfg.TruncateSlugLength(); err != nil {
		return nil, err
	}
	opts.Timezone, _ = cfg.Timezone()
	items, err := cfg.Items(cfg.Section)
	if err != nil {
		return nil, err
	}
	opts.MainOptions = make(map[string]string, len(items))
	for _, kv := range items {
		opts.MainOptions[kv[0]] = kv[1]
	}
	return script.Open(opts)
}

// OpenDB opens the *sql.DB of the project's URL (sqlalchemy.url, or
// RETORT_URL / DATABASE_URL, or what env.py sets) and names its dialect.
// The caller closes the database.
func (p *Project) OpenDB() (db *sql.DB, dialectName string, err error) {
	d, err := p.open()
	if err != nil {
		return nil, "", err
	}
	return d.db, dialectNameOf(d.url), nil
}

// DialectName is the SQLAlchemy dialect name of the project's URL
// ("postgresql", "mysql", "mariadb", "sqlite"), without connecting.
func (p *Project) DialectName() (string, error) {
	u, err := p.urlOf()
	if err != nil {
		return "", err
	}
	return dialectNameOf(u), nil
}

// dialectNameOf is a URL's dialect name, MariaDB told apart from MySQL.
func dialectNameOf(u *dburl.URL) string {
	if u.Flavor == "mariadb" {
		return "mariadb"
	}
	return u.Dialect
}

// database is an open connection pool with its parsed URL and dialect.
type database struct {
	url     *dburl.URL
	dialect dialect.Dialect
	db      *sql.DB
}

// urlOf parses the project's sqlalchemy.url.
func (p *Project) urlOf() (*dburl.URL, error) {
	raw, source := p.Config.URLSource()
	if source != "RETORT_URL" {
		fromEnv, set, err := p.envPyURL()
		if err != nil {
			return nil, err
		}
		if set {
			raw = fromEnv
		}
	}
	if raw == "" {
		return nil, errors.New("no database URL: set sqlalchemy.url in the config file, or RETORT_URL / DATABASE_URL")
	}
	return dburl.Parse(raw)
}

// dialectOf picks the dialect for a URL from the explicit table.
func dialectOf(u *dburl.URL) (dialect.Dialect, error) {
	d, ok := LookupDialect(dialectNameOf(u))
	if !ok {
		return nil, fmt.Errorf("can't load plugin: sqlalchemy.dialects:%s (retort supports postgresql, mysql, mariadb and sqlite)", u.Dialect)
	}
	return d, nil
}

// MaskedURL is the project's database URL as "current -v" prints it:
// Alembic's obfuscate_url_pw replaces a non-empty password with "XXXXX".
func (p *Project) MaskedURL() (string, error) {
	u, err := p.urlOf()
	if err != nil {
		return "", err
	}
	masked := *u
	if masked.Password != "" {
		masked.Password = "XXXXX"
	}
	return masked.Unmasked(), nil
}

// offlineDialect is the dialect of the project's URL, for --sql runs that
// never connect.
func (p *Project) offlineDialect() (dialect.Dialect, error) {
	u, err := p.urlOf()
	if err != nil {
		return nil, err
	}
	return dialectOf(u)
}

// open opens the project's database. database/sql connects lazily, so
// unreachable servers surface (as *migration.ConnectError) on first use.
func (p *Project) open() (*database, error) {
	u, err := p.urlOf()
	if err != nil {
		return nil, err
	}
	if db := p.takeWarm(u.String()); db != nil {
		return db, nil
	}
	return openDatabase(u)
}

// openURL opens another database than the project's own (dev_url, or the
// URL env.py chose).
func (p *Project) openURL(raw string) (*database, error) {
	u, err := dburl.Parse(raw)
	if err != nil {
		return nil, err
	}
	return openDatabase(u)
}

func openDatabase(u *dburl.URL) (*database, error) {
	d, err := dialectOf(u)
	if err != nil {
		return nil, err
	}
	dsn, err := u.DSN()
	if err != nil {
		return nil, err
	}
	db, err := sql.Open(u.DriverName(), dsn)
	if err != nil {
		return nil, &migration.ConnectError{Dialect: d.Name(), Err: err}
	}
	return &database{url: u, dialect: d, db: db}, nil
}

// explain names the database in a connection error, so that "unable to
// open database file" says which file, and "connection refused" which
// server (with the password masked).
func (d *database) explain(err error) error {
	if d == nil {
		return err
	}
	var ce *migration.ConnectError
	if errors.As(err, &ce) {
		return &ConnectionError{URL: d.url.String(), Err: err}
	}
	return err
}

// close releases the pool; nil (offline) has nothing to release.
func (d *database) close() {
	if d != nil {
		d.db.Close()
	}
}

// migrationOptions are the runtime settings the config file holds.
func (p *Project) migrationOptions(tag string) (migration.Options, error) {
	d := p.Env.Defaults
	o := migration.Options{Tag: tag, Events: p.Env.Events, LockTimeout: d.LockTimeout}
	o.VersionTable = p.Config.String("version_table", "")
	if o.VersionTable == "" {
		o.VersionTable = cmp.Or(d.VersionTable, config.DefaultVersionTable)
	}
	o.VersionTableSchema = p.versionTableSchema()
	if v, ok, err := p.envFallback("version_table"); err != nil {
		return o, err
	} else if ok {
		o.VersionTable = v
	}
	if v, ok, err := p.envFallback("version_table_schema"); err != nil {
		return o, err
	} else if ok {
		o.VersionTableSchema = v
	}
	var err error
	if o.TransactionPerMigration, err = p.Config.Bool("transaction_per_migration", deref(d.TransactionPerMigration, false)); err != nil {
		return o, err
	}
	if v, ok, err := p.envFallback("transaction_per_migration"); err != nil {
		return o, err
	} else if ok {
		o.TransactionPerMigration = strings.EqualFold(v, "true")
	}
	// transactional_ddl (Alembic's configure() keyword) overrides what the
	// dialect assumes; absent from both, the dialect decides.
	if p.Config.String("transactional_ddl", "") != "" {
		on, err := p.Config.Bool("transactional_ddl", true)
		if err != nil {
			return o, err
		}
		o.TransactionalDDL = &on
	} else if v, ok, err := p.envFallback("transactional_ddl"); err != nil {
		return o, err
	} else if ok {
		on := strings.EqualFold(v, "true")
		o.TransactionalDDL = &on
	}
	if o.Lock, err = p.Config.Bool("lock", deref(d.Lock, true)); err != nil {
		return o, err
	}
	o.Audit = p.auditOptions()
	return o, nil
}

// versionTableSchema is version_table_schema, or the program's default.
func (p *Project) versionTableSchema() string {
	return p.Config.String("version_table_schema", p.Env.Defaults.VersionTableSchema)
}

func deref(b *bool, def bool) bool {
	if b == nil {
		return def
	}
	return *b
}

// RuntimeOptions are the runtime settings of the project: the config
// file's version table, transaction_per_migration and lock (with what
// env.py passes to context.configure as fallback), and what .py scripts
// see of the invocation (-x, the main section, the step budget). Library
// front ends build their engine from them.
func (p *Project) RuntimeOptions() (migration.Options, pyscript.Env, error) {
	o, env, _, err := p.Runtime()
	return o, env, err
}

// Runtime is RuntimeOptions with the python_scripts settings: when and
// how .py scripts run under the project's own Python.
func (p *Project) Runtime() (migration.Options, pyscript.Env, engine.PythonScripts, error) {
	o, env, err := p.runtimeOptions()
	if err != nil {
		return o, env, engine.PythonScripts{}, err
	}
	py, err := p.pythonScripts(env)
	return o, env, py, err
}

func (p *Project) runtimeOptions() (migration.Options, pyscript.Env, error) {
	o, err := p.migrationOptions("")
	if err != nil {
		return o, pyscript.Env{}, err
	}
	env, err := p.scriptEnv()
	return o, env, err
}
