package command

import (
	"database/sql"
	"errors"
	"fmt"
	"io"
	"os"

	"github.com/retort-dev/retort/config"
	"github.com/retort-dev/retort/dburl"
	"github.com/retort-dev/retort/dialect"
	"github.com/retort-dev/retort/dialect/mysql"
	"github.com/retort-dev/retort/dialect/postgres"
	"github.com/retort-dev/retort/dialect/sqlite"
	"github.com/retort-dev/retort/migration"
	"github.com/retort-dev/retort/script"
)

// Dialects maps SQLAlchemy dialect names to retort's dialects. It is the
// one place dialects are registered: no init() side effects.
var Dialects = map[string]func() dialect.Dialect{
	"postgresql": postgres.New,
	"mysql":      mysql.New,
	"mariadb":    mysql.NewMariaDB,
	"sqlite":     sqlite.New,
}

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
}

// Load reads the config file and opens its script directory. Opening reads
// every script's header (never its body) and validates the revision graph.
func Load(env Env) (*Project, error) {
	cfg, err := loadConfig(env)
	if err != nil {
		return nil, err
	}
	dir, err := openScripts(cfg)
	if err != nil {
		return nil, err
	}
	return &Project{Env: env, Config: cfg, Scripts: dir}, nil
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

func openScripts(cfg *config.Config) (*script.Directory, error) {
	location, err := cfg.ScriptLocation()
	if err != nil {
		return nil, err
	}
	opts := script.Options{Dir: location}
	if opts.VersionLocations, err = cfg.VersionLocations(); err != nil {
		return nil, err
	}
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
	name := u.Dialect
	if u.Flavor == "mariadb" {
		name = "mariadb"
	}
	newDialect, ok := Dialects[name]
	if !ok {
		return nil, fmt.Errorf("can't load plugin: sqlalchemy.dialects:%s (retort supports postgresql, mysql, mariadb and sqlite)", u.Dialect)
	}
	return newDialect(), nil
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
	var ce *migration.ConnectError
	if errors.As(err, &ce) {
		return &ConnectionError{URL: d.url.String(), Err: err}
	}
	return err
}

// close releases the pool.
func (d *database) close() { d.db.Close() }

// migrationOptions are the runtime settings the config file holds.
func (p *Project) migrationOptions(tag string) (migration.Options, error) {
	o := migration.Options{Tag: tag, Events: p.Env.Events}
	o.VersionTable = p.Config.VersionTable()
	o.VersionTableSchema = p.Config.VersionTableSchema()
	var err error
	if o.TransactionPerMigration, err = p.Config.TransactionPerMigration(); err != nil {
		return o, err
	}
	if o.Lock, err = p.Config.Lock(); err != nil {
		return o, err
	}
	o.Audit = p.auditOptions()
	return o, nil
}

// onlineContext opens the database and a migration context on it. The
// caller closes the returned database.
func (p *Project) onlineContext(tag string) (*migration.Context, *database, error) {
	opts, err := p.migrationOptions(tag)
	if err != nil {
		return nil, nil, err
	}
	db, err := p.open()
	if err != nil {
		return nil, nil, err
	}
	mc, err := migration.New(db.dialect, db.db, nil, opts)
	if err != nil {
		db.close()
		return nil, nil, err
	}
	return mc, db, nil
}

// offlineContext is a migration context that writes SQL to Env.Stdout.
func (p *Project) offlineContext(tag string) (*migration.Context, error) {
	opts, err := p.migrationOptions(tag)
	if err != nil {
		return nil, err
	}
	d, err := p.offlineDialect()
	if err != nil {
		return nil, err
	}
	out := p.Env.Stdout
	if out == nil {
		out = os.Stdout
	}
	return migration.New(d, nil, out, opts)
}
