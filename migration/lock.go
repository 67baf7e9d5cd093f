package migration

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"hash/fnv"
	"strconv"
	"strings"
	"time"
)

// LockNoticeDelay is how long a run waits for the migration lock before it
// reports LockWaiting: long enough that an uncontended or briefly
// contended lock says nothing, short enough that a user does not wonder
// whether retort hangs.
const LockNoticeDelay = time.Second

// LockWaiting is reported once when a run has waited LockNoticeDelay for
// the migration lock, which another run holds.
type LockWaiting struct {
	// Name describes the lock as Locked.Name does.
	Name string
	// Holder says who holds the lock as far as the database can tell
	// ("PostgreSQL pid 4242 (application_name 'deploy', user app, client
	// 10.0.0.7)", "MariaDB connection 17 (user app, host 10.0.0.7:50312)");
	// "" when it cannot.
	Holder string
}

func (LockWaiting) isEvent() {}

// LogMessage is one line saying what the run waits for, and for whom.
func (e LockWaiting) LogMessage() string {
	msg := "Waiting for the migration lock " + e.Name + ": another run holds it"
	if e.Holder != "" {
		msg += " (" + e.Holder + ")"
	}
	return msg
}

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
	switch c.d.Name() {
	case "postgresql":
		key := c.advisoryKey()
		name := "pg_advisory_lock(" + strconv.FormatInt(key, 10) + ")"
		try := func(ctx context.Context) (bool, error) {
			var got bool
			err := s.conn.QueryRowContext(ctx, "SELECT pg_try_advisory_lock($1)", key).Scan(&got)
			return got, err
		}
		if err := s.acquire(ctx, name, try, func(ctx context.Context) string { return s.pgHolder(ctx, key) }); err != nil {
			return err
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
		try := func(ctx context.Context) (bool, error) {
			var got sql.NullInt64
			if err := s.conn.QueryRowContext(ctx, "SELECT GET_LOCK(?, 0)", lockName).Scan(&got); err != nil {
				return false, err
			}
			if !got.Valid {
				return false, errors.New("the server reported an error")
			}
			return got.Int64 == 1, nil
		}
		if err := s.acquire(ctx, name, try, func(ctx context.Context) string { return s.mysqlHolder(ctx, lockName) }); err != nil {
			return err
		}
		s.unlock = func() error {
			_, err := s.conn.ExecContext(context.Background(), "SELECT RELEASE_LOCK(?)", lockName)
			return err
		}
		c.emit(Locked{Name: name})
	case "sqlite":
		ms := c.opts.LockTimeout.Milliseconds()
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

// Polling intervals while another run holds the lock: short at first, so
// that a lock released quickly is taken quickly, then longer.
const (
	lockPollFast = 50 * time.Millisecond
	lockPollSlow = 250 * time.Millisecond
)

// acquire takes the lock with try, which must not block (pg_try_advisory_lock,
// GET_LOCK with no wait), polling until it succeeds, Options.LockTimeout
// passes or ctx is cancelled. Polling rather than a blocking request means
// that a cancelled wait (Ctrl-C) leaves nothing behind on the server: no
// request queued there that could still be granted to a connection being
// thrown away. After LockNoticeDelay it reports LockWaiting once, naming
// the holder as holder finds it.
func (s *session) acquire(ctx context.Context, name string, try func(context.Context) (bool, error), holder func(context.Context) string) error {
	timeout := s.c.opts.LockTimeout
	start := time.Now()
	deadline := start.Add(timeout)
	noticed := false
	for {
		got, err := try(ctx)
		switch {
		case err != nil && ctx.Err() != nil:
			return &LockError{Lock: name, Err: interrupted(ctx)}
		case err != nil:
			return &LockError{Lock: name, Err: err}
		case got:
			return nil
		}
		waited := time.Since(start)
		if !noticed && waited >= LockNoticeDelay {
			noticed = true
			s.c.emit(LockWaiting{Name: name, Holder: holder(ctx)})
		}
		left := time.Until(deadline)
		if left <= 0 {
			return &LockError{Lock: name, Err: fmt.Errorf("%w (waited %s)", ErrLockTimeout, timeout)}
		}
		pause := lockPollFast
		if waited >= LockNoticeDelay {
			pause = lockPollSlow
		}
		t := time.NewTimer(min(pause, left))
		select {
		case <-ctx.Done():
			t.Stop()
			return &LockError{Lock: name, Err: interrupted(ctx)}
		case <-t.C:
		}
	}
}

// interrupted is the error of a wait that ctx cut off.
func interrupted(ctx context.Context) error {
	return fmt.Errorf("interrupted while waiting for another migration run to finish: %w", ctx.Err())
}

// holderTimeout bounds the queries that find who holds the lock: they only
// decorate a message.
const holderTimeout = 2 * time.Second

// pgHolder finds the backend that holds the advisory lock key in this
// database. pg_locks shows a bigint key as classid (high 32 bits) and
// objid (low 32 bits) with objsubid 1.
func (s *session) pgHolder(ctx context.Context, key int64) string {
	ctx, cancel := context.WithTimeout(ctx, holderTimeout)
	defer cancel()
	var (
		pid               int64
		app, user, client string
	)
	err := s.conn.QueryRowContext(ctx, `SELECT l.pid, COALESCE(a.application_name, ''), COALESCE(a.usename::text, ''), COALESCE(host(a.client_addr), '')
FROM pg_locks l LEFT JOIN pg_stat_activity a ON a.pid = l.pid
WHERE l.locktype = 'advisory' AND l.granted AND l.objsubid = 1
  AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())
  AND l.classid::bigint = $1 AND l.objid::bigint = $2
LIMIT 1`, int64(uint64(key)>>32), int64(uint64(key)&0xffffffff)).Scan(&pid, &app, &user, &client)
	if err != nil {
		return ""
	}
	var details []string
	if app != "" {
		details = append(details, "application_name '"+app+"'")
	}
	if user != "" {
		details = append(details, "user "+user)
	}
	if client != "" {
		details = append(details, "client "+client)
	}
	return describeHolder("PostgreSQL pid "+strconv.FormatInt(pid, 10), details)
}

// mysqlHolder finds the connection that holds the user lock name.
func (s *session) mysqlHolder(ctx context.Context, name string) string {
	ctx, cancel := context.WithTimeout(ctx, holderTimeout)
	defer cancel()
	var id sql.NullInt64
	if err := s.conn.QueryRowContext(ctx, "SELECT IS_USED_LOCK(?)", name).Scan(&id); err != nil || !id.Valid {
		return ""
	}
	var details []string
	var user, host sql.NullString
	// PROCESSLIST shows other users' connections only with the PROCESS
	// privilege; without it the connection id is all there is.
	if err := s.conn.QueryRowContext(ctx, "SELECT USER, HOST FROM information_schema.PROCESSLIST WHERE ID = ?", id.Int64).Scan(&user, &host); err == nil {
		if user.String != "" {
			details = append(details, "user "+user.String)
		}
		if host.String != "" {
			details = append(details, "host "+host.String)
		}
	}
	server := "MySQL"
	var version string
	if err := s.conn.QueryRowContext(ctx, "SELECT VERSION()").Scan(&version); err == nil && strings.Contains(version, "MariaDB") {
		server = "MariaDB"
	}
	return describeHolder(server+" connection "+strconv.FormatInt(id.Int64, 10), details)
}

func describeHolder(who string, details []string) string {
	if len(details) == 0 {
		return who
	}
	return who + " (" + strings.Join(details, ", ") + ")"
}
