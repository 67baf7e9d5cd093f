package migration

import (
	"errors"
	"strings"

	"github.com/retort-dev/retort/internal/lazyre"
)

// StepError is returned when a step fails online. It names the step, its
// script and the statement that failed, and says what the version table
// holds now, so that the user can repair a non-transactional database with
// "stamp".
type StepError struct {
	Kind     string // KindUpgrade, KindDowngrade or KindStamp
	Revision string // the revision the step applies or reverts
	FromIDs  []string
	ToIDs    []string
	Path     string // the script file, when known
	// Statement is the SQL that failed; empty when the step failed
	// before or outside a statement.
	Statement string
	// Applied is the version table's content after the failure: the heads
	// of the last committed state.
	Applied []string
	// RolledBack reports that the failed step left no trace (transactional
	// DDL). When false (MySQL), statements of the step that ran before the
	// failing one stay applied.
	RolledBack bool
	Err        error
}

func (e *StepError) Error() string {
	var b strings.Builder
	b.WriteString(e.Kind + " " + strings.Join(e.FromIDs, ", ") + " -> " + strings.Join(e.ToIDs, ", "))
	if e.Path != "" {
		b.WriteString(" (" + e.Path + ")")
	}
	b.WriteString(" failed: ")
	b.WriteString(redact(e.Err.Error()))
	if e.Statement != "" {
		b.WriteString("; statement: " + e.Statement)
	}
	if e.RolledBack {
		b.WriteString("; rolled back, the version table is at " + describeHeads(e.Applied))
	} else {
		b.WriteString("; DDL is not transactional on this database: statements of " + e.Revision +
			" before the failing one stay applied; the version table is at " + describeHeads(e.Applied) +
			" (fix the schema, then \"stamp\" if needed)")
	}
	return b.String()
}

func (e *StepError) Unwrap() error { return e.Err }

func describeHeads(heads []string) string {
	if len(heads) == 0 {
		return "base (no rows)"
	}
	return strings.Join(heads, ", ")
}

// ConnectError is returned when the database cannot be reached or opened on
// first use: an unreachable server, bad credentials, a missing SQLite
// directory. Its message never shows a password.
type ConnectError struct {
	Dialect string
	Err     error
}

func (e *ConnectError) Error() string {
	msg := "can't connect to the " + e.Dialect + " database: " + redact(connectCause(e.Err))
	if e.Dialect == "sqlite" && strings.Contains(e.Err.Error(), "unable to open database file") {
		msg += " (does the database file's directory exist, and is it writable?)"
	}
	return msg
}

func (e *ConnectError) Unwrap() error { return e.Err }

// connectCause says the one thing that went wrong in a failed connection.
// pgx tries a server several ways (TLS first, then plain text, for
// sslmode=prefer; every address of a host name) and joins the errors of
// all attempts, so that a wrong password reads "tls error: server refused
// TLS connection; ... password authentication failed". The answer the
// server gave (an error with an SQLSTATE) is the real cause; without one,
// the last attempt's error is. The joined attempts name user, database and
// address themselves, so pgx's "failed to connect to ..." heading goes.
func connectCause(err error) string {
	for e := err; e != nil; e = errors.Unwrap(e) {
		joined, ok := e.(interface{ Unwrap() []error })
		if !ok {
			continue
		}
		attempts := joined.Unwrap()
		if len(attempts) == 0 {
			break
		}
		pick := attempts[len(attempts)-1]
		for _, a := range attempts {
			var server interface{ SQLState() string }
			if errors.As(a, &server) {
				pick = a
			}
		}
		return connectCause(pick)
	}
	return oneLine(err.Error())
}

// oneLine joins the non-empty lines of a multi-line message with "; ".
func oneLine(s string) string {
	var parts []string
	for _, line := range strings.Split(s, "\n") {
		if line = strings.TrimSpace(line); line != "" {
			parts = append(parts, line)
		}
	}
	return strings.Join(parts, "; ")
}

// LockError is returned when the migration lock cannot be taken, e.g. when
// another run holds it longer than Options.LockTimeout.
type LockError struct {
	Lock string
	Err  error
}

func (e *LockError) Error() string {
	return "can't take the migration lock " + e.Lock + ": " + redact(e.Err.Error())
}

func (e *LockError) Unwrap() error { return e.Err }

// ErrLockTimeout is wrapped by LockError when another run held the lock
// for longer than Options.LockTimeout.
var ErrLockTimeout = errors.New("timed out waiting for another migration run to finish")

// statementError carries the SQL of a failed statement up through the step
// function (which may wrap it) to the StepError. Its message is the
// database's alone: StepError prints the statement once.
type statementError struct {
	SQL string
	Err error
}

func (e *statementError) Error() string { return e.Err.Error() }
func (e *statementError) Unwrap() error { return e.Err }

// passwordInURL matches the password of scheme://user:password@ and of
// go-sql-driver DSNs (user:password@tcp(...)).
var passwordInURL = lazyre.New(`((?:[a-z][a-z0-9+.-]*://)?[^\s:/@()'"]+):[^\s@/'"]+@`)

// redact hides passwords in driver messages that echo a URL or DSN.
func redact(s string) string {
	return passwordInURL().ReplaceAllString(s, "${1}:***@")
}
