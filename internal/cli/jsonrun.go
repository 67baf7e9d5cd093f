package cli

import (
	"errors"
	"time"

	"github.com/retort-dev/retort/command"
	"github.com/retort-dev/retort/migration"
)

// The JSON summary of upgrade, downgrade and stamp: the steps that
// applied, the version table after the run, and what failed.

type runDocJSON struct {
	Steps []stepJSON `json:"steps"`
	// Current is the version table after the run; null when it could not
	// be read after a failure.
	Current []string `json:"current"`
	// Error is present only when the run failed.
	Error *runErrorJSON `json:"error,omitempty"`
}

type stepJSON struct {
	// Revision is the revision applied or reverted; for a stamp, the
	// stamped ids joined by ", " (as log shows them).
	Revision string `json:"revision"`
	// Direction is "upgrade", "downgrade" or "stamp".
	Direction string   `json:"direction"`
	From      []string `json:"from"`
	To        []string `json:"to"`
	Path      string   `json:"path"`
	Message   string   `json:"message"`
	// Statements counts the statements the step executed, the version
	// table's update included (the audit trail's row is not counted).
	Statements int     `json:"statements"`
	DurationMS float64 `json:"duration_ms"`
}

type runErrorJSON struct {
	// Revision, Path and Statement are "" when the failure is not one
	// step's (an unknown revision, a lock that could not be taken).
	Revision  string `json:"revision"`
	Path      string `json:"path"`
	Statement string `json:"statement"`
	Message   string `json:"message"`
}

// millis is d in milliseconds, to the microsecond.
func millis(d time.Duration) float64 {
	return float64(d.Microseconds()) / 1000
}

// runSummary writes the document of a run that ended with err, and
// returns err so that the failure is still reported (on stderr) with its
// usual status.
func (inv *invocation) runSummary(res *command.RunResult, err error) error {
	doc := runDocJSON{Steps: []stepJSON{}}
	if res != nil {
		doc.Current = res.Current
		for _, s := range res.Steps {
			dir := s.Direction
			if dir == migration.KindStamp {
				dir = migration.DirectionStamp
			}
			doc.Steps = append(doc.Steps, stepJSON{
				Revision: s.Revision, Direction: dir, From: nonNil(s.FromIDs), To: nonNil(s.ToIDs),
				Path: s.Path, Message: s.Message, Statements: len(s.Statements), DurationMS: millis(s.Duration),
			})
		}
	}
	if err != nil {
		e := &runErrorJSON{Message: inv.mask(err.Error())}
		var step *migration.StepError
		if errors.As(err, &step) {
			e.Revision, e.Path, e.Statement = step.Revision, step.Path, inv.mask(step.Statement)
			if step.Err != nil {
				e.Message = inv.mask(step.Err.Error())
			}
		}
		doc.Error = e
	}
	if werr := inv.writeJSON(doc); werr != nil {
		return werr
	}
	return err
}

// migrateFormat checks the --format of a command that runs steps: json
// is refused with --sql, whose stdout is the SQL script.
func (inv *invocation) migrateFormat(format string, sql bool) error {
	if err := inv.checkFormat(format, formatText, formatJSON); err != nil {
		return err
	}
	if format == formatJSON && sql {
		inv.jsonMode = false
		return &usageError{msg: "argument --format: json is not allowed with --sql (stdout is the SQL script)"}
	}
	return nil
}

// The documents of log and verify.

type logJSON struct {
	// History is the audit trail, newest first; null when the database
	// has no history table yet.
	History []historyRowJSON `json:"history"`
}

type historyRowJSON struct {
	ID        int64    `json:"id"`
	Revision  string   `json:"revision"`
	Direction string   `json:"direction"`
	Before    []string `json:"heads_before"`
	After     []string `json:"heads_after"`
	Path      string   `json:"script_path"`
	Checksum  string   `json:"checksum"`
	// StartedAt is RFC 3339 in UTC.
	StartedAt  string  `json:"started_at"`
	DurationMS float64 `json:"duration_ms"`
	User       string  `json:"user"`
	Host       string  `json:"host"`
	Version    string  `json:"retort_version"`
}

func logDocument(rows []migration.HistoryRow) logJSON {
	doc := logJSON{History: make([]historyRowJSON, 0, len(rows))}
	for _, r := range rows {
		doc.History = append(doc.History, historyRowJSON{
			ID: r.ID, Revision: r.Revision, Direction: r.Direction,
			Before: nonNil(r.HeadsBefore), After: nonNil(r.HeadsAfter),
			Path: r.ScriptPath, Checksum: r.Checksum, StartedAt: r.StartedAt.UTC().Format(time.RFC3339Nano),
			DurationMS: millis(r.Duration), User: r.User, Host: r.Host, Version: r.Version,
		})
	}
	return doc
}

type verifyJSON struct {
	// History is false when the database has no history table yet
	// (nothing could be checked).
	History    bool              `json:"history"`
	OK         bool              `json:"ok"`
	Checked    int               `json:"checked"`
	Changed    []scriptCheckJSON `json:"changed"`
	Missing    []scriptCheckJSON `json:"missing"`
	Unrecorded []string          `json:"unrecorded"`
}

type scriptCheckJSON struct {
	Revision string `json:"revision"`
	Path     string `json:"path"`
	Recorded string `json:"recorded"`
	// Current is "" when the script is gone.
	Current string `json:"current"`
}

func checksJSON(checks []command.ScriptCheck) []scriptCheckJSON {
	out := make([]scriptCheckJSON, 0, len(checks))
	for _, c := range checks {
		out = append(out, scriptCheckJSON{Revision: c.Revision, Path: c.Path, Recorded: c.Recorded, Current: c.Current})
	}
	return out
}

// verifyDocument is verify's document; res nil means no history table.
func verifyDocument(res *command.VerifyResult) verifyJSON {
	if res == nil {
		return verifyJSON{OK: true, Changed: []scriptCheckJSON{}, Missing: []scriptCheckJSON{}, Unrecorded: []string{}}
	}
	return verifyJSON{History: true, OK: res.OK(), Checked: res.Checked,
		Changed: checksJSON(res.Changed), Missing: checksJSON(res.Missing), Unrecorded: nonNil(res.Unrecorded)}
}
