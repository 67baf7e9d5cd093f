package migration

import (
	"bufio"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"sync"
	"time"

	"github.com/retort-dev/retort/dialect"
)

// DefaultVersionTable is Alembic's version table name.
const DefaultVersionTable = "alembic_version"

// DefaultLockTimeout is how long a run waits for the migration lock when
// Options.LockTimeout is zero.
const DefaultLockTimeout = 10 * time.Minute

// Options configure a Context: the settings Alembic takes from env.py's
// context.configure, which retort reads from the config file.
type Options struct {
	// VersionTable is the version table's name; "" means "alembic_version".
	VersionTable string
	// VersionTableSchema is the schema holding the version table; "" means
	// the connection's default.
	VersionTableSchema string
	// TransactionPerMigration commits after each step instead of once at
	// the end of the run (transactional dialects only; MySQL always does).
	TransactionPerMigration bool
	// TransactionalDDL overrides what the dialect assumes of its DDL
	// (Alembic's transactional_ddl): false makes even SQLite and
	// PostgreSQL commit each step on its own and write no BEGIN/COMMIT
	// offline; true makes the offline script BEGIN/COMMIT on MySQL too,
	// whose DDL still commits itself online. nil is the dialect's answer.
	TransactionalDDL *bool
	// Lock serialises concurrent runs (see the package documentation).
	// The config file defaults it to true; false opts out.
	Lock bool
	// LockTimeout bounds the wait for the lock; 0 means DefaultLockTimeout.
	LockTimeout time.Duration
	// Tag is the --tag argument. Alembic only hands it to env.py; retort
	// keeps it for library users (Context.Tag).
	Tag string
	// Events receives progress events; nil discards them.
	Events func(Event)
	// Audit configures the audit trail; its zero value turns it off.
	Audit AuditOptions
}

// Context runs migrations against one database (online) or writes their SQL
// (offline). It is Alembic's MigrationContext. A Context may be used for
// several runs, one at a time.
type Context struct {
	d       dialect.Dialect
	db      *sql.DB
	out     io.Writer
	opts    Options
	version *versionTable
	history *historyTable // nil when the audit trail is off
	// announced makes the "Context impl" lines come once, online only after
	// the database answered, so a failed connection prints just its error.
	announced sync.Once
}

// New creates a Context. Online, db is the database and out is nil;
// offline (--sql), db is nil and out receives the SQL. It reports the
// ContextImpl, StaticSQL (offline) and TransactionalDDL events, as Alembic
// logs them when its context is configured: offline at once, online once
// the database has answered.
func New(d dialect.Dialect, db *sql.DB, out io.Writer, opts Options) (*Context, error) {
	if d == nil {
		return nil, errors.New("migration: no dialect given")
	}
	if (db == nil) == (out == nil) {
		return nil, errors.New("migration: give either a database (online) or an output writer (offline --sql), not both or neither")
	}
	if opts.VersionTable == "" {
		opts.VersionTable = DefaultVersionTable
	}
	if opts.LockTimeout <= 0 {
		opts.LockTimeout = DefaultLockTimeout
	}
	c := &Context{d: d, db: db, out: out, opts: opts}
	c.version = newVersionTable(d, opts.VersionTableSchema, opts.VersionTable)
	c.history = newHistoryTable(d, opts.Audit)
	if c.Offline() {
		c.announce()
	}
	return c, nil
}

func (c *Context) announce() {
	c.announced.Do(func() {
		c.emit(ContextImpl{Impl: c.d.ImplName()})
		if c.Offline() {
			c.emit(StaticSQL{})
		}
		c.emit(TransactionalDDL{Transactional: c.assumesTransactionalDDL()})
	})
}

// assumesTransactionalDDL is what the run says of DDL and writes offline:
// the TransactionalDDL option, else the dialect's answer.
func (c *Context) assumesTransactionalDDL() bool {
	if c.opts.TransactionalDDL != nil {
		return *c.opts.TransactionalDDL
	}
	return c.d.TransactionalDDL()
}

// transactionalDDL is whether a step's DDL rolls back online: the
// dialect's truth, unless the option turns it off.
func (c *Context) transactionalDDL() bool {
	return c.d.TransactionalDDL() && c.assumesTransactionalDDL()
}

// Offline reports whether the Context writes SQL instead of executing it.
func (c *Context) Offline() bool { return c.db == nil }

// Dialect returns the Context's dialect.
func (c *Context) Dialect() dialect.Dialect { return c.d }

// Tag returns Options.Tag.
func (c *Context) Tag() string { return c.opts.Tag }

func (c *Context) emit(e Event) {
	if c.opts.Events != nil {
		c.opts.Events(e)
	}
}

// Heads returns the rows of the version table, without taking the lock; a
// missing version table means no rows. Offline there is no database to ask.
func (c *Context) Heads(ctx context.Context) ([]string, error) {
	if c.Offline() {
		return nil, errors.New("can't read the version table in offline (--sql) mode")
	}
	conn, err := c.connect(ctx)
	if err != nil {
		return nil, err
	}
	defer conn.Close()
	ok, err := c.version.exists(ctx, conn)
	if err != nil {
		return nil, err
	}
	if !ok {
		return nil, nil
	}
	return c.version.read(ctx, conn)
}

// EnsureVersion creates the version table if it is missing (Alembic's
// ensure_version). Offline it writes what Alembic writes: the CREATE TABLE
// followed by a DROP TABLE, since an offline run that ends at base drops it.
func (c *Context) EnsureVersion(ctx context.Context) error {
	if c.Offline() {
		s := c.newOfflineSession()
		err := s.ensureVersionOffline(ctx)
		if ferr := s.w.Flush(); err == nil && ferr != nil {
			err = fmt.Errorf("writing SQL: %w", ferr)
		}
		return err
	}
	s, err := c.openSession(ctx)
	if err != nil {
		return err
	}
	return s.finish(func() error {
		_, err := s.readOrCreateVersion(ctx)
		return err
	})
}

// connect takes one connection from the pool; the first use of a database
// is where unreachable servers, bad credentials and unopenable files show.
func (c *Context) connect(ctx context.Context) (*sql.Conn, error) {
	conn, err := c.db.Conn(ctx)
	if err != nil {
		return nil, &ConnectError{Dialect: c.d.Name(), Err: err}
	}
	if err := conn.PingContext(ctx); err != nil {
		conn.Close()
		return nil, &ConnectError{Dialect: c.d.Name(), Err: err}
	}
	c.announce()
	return conn, nil
}

func (c *Context) newOfflineSession() *session {
	return &session{c: c, w: bufio.NewWriterSize(c.out, 64<<10)}
}
