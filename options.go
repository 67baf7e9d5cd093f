package retort

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"os"
	"strings"
	"time"

	"github.com/retort-dev/retort/internal/engine"
	"github.com/retort-dev/retort/pybridge"
	"github.com/retort-dev/retort/target"
)

// Option configures a Provider, or the command line Main runs (where the
// options are defaults the config file overrides; see Main). Each option
// checks its own arguments: NewProvider, Open and Main return the first
// option's error.
type Option struct {
	apply func(*settings) error
}

// settings are the options once applied.
type settings struct {
	migrations       []Migration
	versionLocations []string
	versionSchema    string
	versionTable     string
	txPerMigration   bool
	lock             bool
	lockTimeout      time.Duration
	logger           *slog.Logger
	xargs            []string
	offline          io.Writer
	scripts          fs.FS
	target           *targetSchema
	// pythonMode and python are WithPythonScripts'; pythonScripts is a
	// config file's (Open), which they adjust.
	pythonMode, python string
	pythonScripts      *engine.PythonScripts
}

func defaultSettings() settings { return settings{lock: true} }

// apply applies opts in order onto s.
func (s *settings) apply(opts []Option) error {
	for _, o := range opts {
		if o.apply == nil {
			return errors.New("retort: zero Option given")
		}
		if err := o.apply(s); err != nil {
			return err
		}
	}
	return nil
}

// WithMigrations adds revisions written in Go to the revision graph. Each
// must have a Revision and an Upgrade; ids must be unique.
func WithMigrations(ms ...Migration) Option {
	return Option{func(s *settings) error {
		seen := map[string]bool{}
		for _, m := range s.migrations {
			seen[m.Revision] = true
		}
		for _, m := range ms {
			if err := m.validate(); err != nil {
				return err
			}
			if seen[m.Revision] {
				return fmt.Errorf("retort: migration %s given twice", m.Revision)
			}
			seen[m.Revision] = true
			s.migrations = append(s.migrations, m)
		}
		return nil
	}}
}

// WithVersionLocations makes NewProvider read scripts from these
// directories of the scripts file system instead of versions/ (Alembic's
// version_locations); locations that do not exist are skipped. Open takes
// version_locations from the config file instead; for Main they are
// directories of the WithScripts file system.
func WithVersionLocations(dirs ...string) Option {
	return Option{func(s *settings) error {
		if len(dirs) == 0 {
			return errors.New("retort: WithVersionLocations needs at least one directory")
		}
		for _, d := range dirs {
			if strings.TrimSpace(d) == "" {
				return errors.New("retort: WithVersionLocations: empty directory")
			}
		}
		s.versionLocations = append([]string(nil), dirs...)
		return nil
	}}
}

// WithVersionTable names the version table (default alembic_version) and
// its schema ("" is the connection's default).
func WithVersionTable(schema, name string) Option {
	return Option{func(s *settings) error {
		if strings.TrimSpace(name) == "" {
			return errors.New("retort: WithVersionTable needs a table name")
		}
		s.versionSchema, s.versionTable = schema, name
		return nil
	}}
}

// WithPythonScripts runs .py scripts under a Python interpreter (one with
// SQLAlchemy and Alembic installed) instead of retort's embedded one:
// mode "auto" only the scripts the embedded interpreter cannot run (a
// class it does not support, the application's own imports, an ORM
// session), "always" every .py script, "never" none (the default of
// NewProvider, so that a program starts no interpreter unless asked).
// interpreter "" looks for RETORT_PYTHON, then python3 on PATH. retort
// keeps the connection, the transaction, the lock and the version table;
// see the README's "Coming from Alembic". Under Open and Main it stands in
// for the config file's python_scripts and python, which win.
func WithPythonScripts(mode, interpreter string) Option {
	return Option{func(s *settings) error {
		switch mode {
		case engine.PythonAuto, engine.PythonAlways, engine.PythonNever:
		default:
			return fmt.Errorf("retort: WithPythonScripts(%q): the mode must be auto, always or never", mode)
		}
		s.pythonMode, s.python = mode, interpreter
		return nil
	}}
}

// pythonRunner is what the engine needs to run scripts under Python.
func (s *settings) pythonRunner() engine.PythonScripts {
	if s.pythonScripts != nil {
		return *s.pythonScripts // the config file's, which wins (Open)
	}
	if s.pythonMode == "" {
		return engine.PythonScripts{Mode: engine.PythonNever}
	}
	python := s.python
	return engine.PythonScripts{
		Mode:   s.pythonMode,
		Find:   func() (string, error) { return target.FindPython("", python, os.Getenv) },
		Bridge: pybridge.Options{XArgs: s.xargs},
	}
}

// WithTransactionPerMigration commits after each step instead of once at
// the end of a run, so a failure keeps the steps before it.
func WithTransactionPerMigration() Option {
	return Option{func(s *settings) error { s.txPerMigration = true; return nil }}
}

// WithLock turns the migration lock on (the default) or off; the lock
// serialises concurrent runs on one database.
func WithLock(on bool) Option {
	return Option{func(s *settings) error { s.lock = on; return nil }}
}

// WithLockTimeout bounds the wait for the migration lock (default ten
// minutes) and turns the lock on.
func WithLockTimeout(d time.Duration) Option {
	return Option{func(s *settings) error {
		if d <= 0 {
			return fmt.Errorf("retort: WithLockTimeout(%s): the timeout must be positive", d)
		}
		s.lock, s.lockTimeout = true, d
		return nil
	}}
}

// WithLogger receives the run's progress: Alembic's INFO lines ("Running
// upgrade a -> b, message") at Info, each statement at Debug, and the
// .py scripts' print() output at Info. Without it nothing is logged.
func WithLogger(l *slog.Logger) Option {
	return Option{func(s *settings) error {
		if l == nil {
			return errors.New("retort: WithLogger(nil)")
		}
		s.logger = l
		return nil
	}}
}

// WithXArgs are the -x KEY=VALUE arguments .py scripts read through
// context.get_x_argument.
func WithXArgs(args ...string) Option {
	return Option{func(s *settings) error {
		for _, a := range args {
			if k, _, ok := strings.Cut(a, "="); !ok || k == "" {
				return fmt.Errorf("retort: WithXArgs: %q is not KEY=VALUE", a)
			}
		}
		s.xargs = append(s.xargs, args...)
		return nil
	}}
}

// WithOffline makes the Provider write SQL to w instead of running it
// (Alembic's --sql); the database may then be nil. Upgrade and Downgrade
// targets may be "START:END".
func WithOffline(w io.Writer) Option {
	return Option{func(s *settings) error {
		if w == nil {
			return errors.New("retort: WithOffline(nil)")
		}
		s.offline = w
		return nil
	}}
}

// WithScripts gives the script directory as a file system (versions/
// inside), typically an embed.FS compiled into the program: for Open and
// Main it replaces the config file's script_location and
// version_locations; for NewProvider it stands in for a nil scripts
// argument.
func WithScripts(fsys fs.FS) Option {
	return Option{func(s *settings) error {
		if fsys == nil {
			return errors.New("retort: WithScripts(nil)")
		}
		s.scripts = fsys
		return nil
	}}
}

// WithTargetMetadata gives Check the schema the database must match, built
// in Go or loaded elsewhere. Check compares a copy; md is not changed.
func WithTargetMetadata(md *MetaData) Option {
	return Option{func(s *settings) error {
		if md == nil {
			return errors.New("retort: WithTargetMetadata(nil)")
		}
		return s.setTarget(&targetSchema{md: md})
	}}
}

// WithTargetModelsFile gives Check a models.py file (SQLAlchemy models,
// read on the embedded interpreter, no Python needed) as the schema the
// database must match. The file is read at each Check.
func WithTargetModelsFile(path string) Option {
	return Option{func(s *settings) error {
		if strings.TrimSpace(path) == "" {
			return errors.New("retort: WithTargetModelsFile: empty path")
		}
		return s.setTarget(&targetSchema{modelsPath: path})
	}}
}

// WithTargetSchemaSQL gives Check desired-state SQL as the schema the
// database must match: name is a .sql file in fsys, or a directory whose
// *.sql files are read in name order. Check loads them into a scratch
// database and reflects it: on SQLite a private in-memory database (the
// "sqlite" driver must be registered), on PostgreSQL a temporary schema
// in a transaction that is rolled back. MySQL and MariaDB need a scratch
// server (the config file's dev_url), so there Check returns an error.
func WithTargetSchemaSQL(fsys fs.FS, name string) Option {
	return Option{func(s *settings) error {
		if fsys == nil {
			return errors.New("retort: WithTargetSchemaSQL: nil file system")
		}
		if !fs.ValidPath(name) {
			return fmt.Errorf("retort: WithTargetSchemaSQL: %q is not a valid path in the file system", name)
		}
		return s.setTarget(&targetSchema{sqlFS: fsys, sqlPath: name})
	}}
}

func (s *settings) setTarget(t *targetSchema) error {
	if s.target != nil {
		return errors.New("retort: more than one target schema given (WithTargetMetadata, WithTargetModelsFile, WithTargetSchemaSQL)")
	}
	s.target = t
	return nil
}
