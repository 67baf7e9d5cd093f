package migration

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"hash/fnv"
	"math"
	"strconv"
)

// lockIdentity names what the lock protects: the version table, so that
// projects with different version tables in one database do not wait for
// each other.
func (c *Context) lockIdentity() string {
	return "retort:" + c.opts.VersionTableSchema + "." + c.opts.VersionTable
}

// advisoryKey is the pg_advisory_lock key: a 64-bit FNV-1a hash of the
// lock identity. Advisory locks are per database, so the database name is
// not part of it.
func (c *Context) advisoryKey() int64 {
	h := fnv.New64a()
	h.Write([]byte(c.lockIdentity()))
	return int64(h.Sum64())
}

// lock takes the migration lock on the session's connection. PostgreSQL and
// MySQL hold a session lock until close; SQLite's lock is the write
// transaction itself (BEGIN IMMEDIATE), with a busy timeout so that waiting
// runs queue instead of failing.
func (s *session) lock(ctx context.Context) error {
	c := s.c
	timeout := c.opts.LockTimeout
	switch c.d.Name() {
	case "postgresql":
		key := c.advisoryKey()
		name := "pg_advisory_lock(" + strconv.FormatInt(key, 10) + ")"
		lctx, cancel := context.WithTimeout(ctx, timeout)
		defer cancel()
		if _, err := s.conn.ExecContext(lctx, "SELECT pg_advisory_lock($1)", key); err != nil {
			if ctx.Err() == nil && errors.Is(lctx.Err(), context.DeadlineExceeded) {
				err = fmt.Errorf("%w (waited %s)", ErrLockTimeout, timeout)
			}
			return &LockError{Lock: name, Err: err}
		}
		s.unlock = func() error {
			_, err := s.conn.ExecContext(context.Background(), "SELECT pg_advisory_unlock($1)", key)
			return err
		}
		c.emit(Locked{Name: name})
	case "mysql", "mariadb":
		// GET_LOCK names are server-wide: include the database. They are
		// limited to 64 characters, hence the hash.
		var database sql.NullString
		if err := s.conn.QueryRowContext(ctx, "SELECT DATABASE()").Scan(&database); err != nil {
			return &LockError{Lock: "GET_LOCK", Err: err}
		}
		h := fnv.New64a()
		h.Write([]byte(database.String + "/" + c.lockIdentity()))
		lockName := fmt.Sprintf("retort:%016x", h.Sum64())
		name := "GET_LOCK('" + lockName + "')"
		seconds := int64(math.Ceil(timeout.Seconds()))
		var got sql.NullInt64
		if err := s.conn.QueryRowContext(ctx, "SELECT GET_LOCK(?, ?)", lockName, seconds).Scan(&got); err != nil {
			return &LockError{Lock: name, Err: err}
		}
		switch {
		case !got.Valid:
			return &LockError{Lock: name, Err: errors.New("the server reported an error")}
		case got.Int64 != 1:
			return &LockError{Lock: name, Err: fmt.Errorf("%w (waited %s)", ErrLockTimeout, timeout)}
		}
		s.unlock = func() error {
			_, err := s.conn.ExecContext(context.Background(), "SELECT RELEASE_LOCK(?)", lockName)
			return err
		}
		c.emit(Locked{Name: name})
	case "sqlite":
		ms := timeout.Milliseconds()
		if _, err := s.conn.ExecContext(ctx, "PRAGMA busy_timeout = "+strconv.FormatInt(ms, 10)); err != nil {
			return &LockError{Lock: "BEGIN IMMEDIATE", Err: err}
		}
		s.lockPerTx = true
		c.emit(Locked{Name: "BEGIN IMMEDIATE"})
	default:
		return &LockError{Lock: "(none)", Err: fmt.Errorf("no migration lock is known for dialect %q; set lock = false", c.d.Name())}
	}
	return nil
}
