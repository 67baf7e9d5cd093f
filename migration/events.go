package migration

import (
	"strings"

	"github.com/retort-dev/retort/revision"
)

// Event is something a run reports while it works. The command line turns
// the events that implement LogEvent into Alembic's INFO lines; the rest are
// for library users and tests.
type Event interface {
	isEvent()
}

// LogEvent is an Event that Alembic logs as
// "INFO  [alembic.runtime.migration] " + LogMessage().
type LogEvent interface {
	Event
	LogMessage() string
}

// Step kinds, as Alembic names them in "Running <kind> ..." lines.
const (
	KindUpgrade   = "upgrade"
	KindDowngrade = "downgrade"
	KindStamp     = "stamp_revision"
)

// Notice is something the user should know about how a run works, which
// Alembic would not say ("running 1a2b3c under Python: ..."); the command
// line prints it on stderr.
type Notice struct {
	Message string
}

// ContextImpl is reported when a Context is created ("Context impl PostgresqlImpl.").
type ContextImpl struct {
	Impl string
}

// StaticSQL is reported when a Context is created in offline mode ("Generating static SQL").
type StaticSQL struct{}

// TransactionalDDL is reported when a Context is created
// ("Will assume transactional DDL." or "Will assume non-transactional DDL.").
type TransactionalDDL struct {
	Transactional bool
}

// StepStarted is reported before a step (or a stamp change) runs.
type StepStarted struct {
	// Kind is KindUpgrade, KindDowngrade or KindStamp.
	Kind string
	// Step is the revision step; its Revision is nil for stamps.
	Step revision.Step
	// FromIDs and ToIDs are the revisions the step moves from and to,
	// without dependencies (Alembic's from/to_revisions_no_deps).
	FromIDs []string
	ToIDs   []string
	// Message is the revision's message; empty for stamps.
	Message string
	// Path is the script file, when known.
	Path string
}

// Statement is reported for every statement executed (online) or written
// (offline): the steps' statements and the version-table updates.
type Statement struct {
	SQL string
}

// VersionUpdated is reported after a step's version-table change.
type VersionUpdated struct {
	Change revision.VersionChange
	Heads  []string // heads after the change
}

// Committed is reported when an online transaction commits.
type Committed struct {
	Heads []string // heads now durable in the version table
}

// Locked is reported when an online run holds the migration lock.
type Locked struct {
	// Name describes the lock: "pg_advisory_lock(<key>)",
	// "GET_LOCK('<name>')" or "BEGIN IMMEDIATE".
	Name string
}

func (Notice) isEvent()           {}
func (ContextImpl) isEvent()      {}
func (StaticSQL) isEvent()        {}
func (TransactionalDDL) isEvent() {}
func (StepStarted) isEvent()      {}
func (Statement) isEvent()        {}
func (VersionUpdated) isEvent()   {}
func (Committed) isEvent()        {}
func (Locked) isEvent()           {}

// LogMessage is "Context impl <Impl>.".
func (e ContextImpl) LogMessage() string { return "Context impl " + e.Impl + "." }

// LogMessage is "Generating static SQL".
func (StaticSQL) LogMessage() string { return "Generating static SQL" }

// LogMessage is "Will assume transactional DDL." or its non-transactional twin.
func (e TransactionalDDL) LogMessage() string {
	if e.Transactional {
		return "Will assume transactional DDL."
	}
	return "Will assume non-transactional DDL."
}

// LogMessage is Alembic's "Running upgrade a, b -> c, message" line (without
// the log prefix). The from side is empty at base, which gives the double
// space of "Running upgrade  -> x".
func (e StepStarted) LogMessage() string {
	if e.Message == "" {
		return "Running " + e.ShortLog()
	}
	return "Running " + e.ShortLog() + ", " + e.Message
}

// ShortLog is "upgrade a, b -> c": the text of the "-- Running" comment
// Alembic writes into offline SQL.
func (e StepStarted) ShortLog() string {
	return e.Kind + " " + strings.Join(e.FromIDs, ", ") + " -> " + strings.Join(e.ToIDs, ", ")
}

var (
	_ LogEvent = ContextImpl{}
	_ LogEvent = StaticSQL{}
	_ LogEvent = TransactionalDDL{}
	_ LogEvent = StepStarted{}
)
