package command

import (
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/retort-dev/retort/migration"
	"github.com/retort-dev/retort/revision"
)

// NoConfigError reports a config file that is missing or lacks its main
// section.
type NoConfigError struct {
	Path    string
	Section string
}

func (e *NoConfigError) Error() string {
	return fmt.Sprintf("No config file '%s' found, or file has no '[%s]' section", e.Path, e.Section)
}

// failure turns an error of package revision into Alembic's command wording
// ("Can't locate revision identified by 'x'", ...), keeping it unwrappable.
func failure(err error) error {
	var ce *revision.CommandError
	if err == nil || errors.As(err, &ce) {
		return err
	}
	return &revision.CommandError{Message: revision.CommandMessage(err), Err: err}
}

// stampFailure words the revision errors of a stamp as Alembic does.
func stampFailure(err error) error {
	if err == nil || IsDatabaseError(err) {
		return err
	}
	return failure(err)
}

// IsDatabaseError reports errors that come from the database rather than
// from the project or the arguments: a failed step, an unreachable or
// unopenable database, a lock that could not be taken. Alembic lets these
// escape as tracebacks with status 1; the command line keeps that status.
func IsDatabaseError(err error) bool {
	var step *migration.StepError
	var conn *migration.ConnectError
	var lock *migration.LockError
	return errors.As(err, &step) || errors.As(err, &conn) || errors.As(err, &lock)
}

// ConnectionError is a database that cannot be reached or opened, named by
// its URL (password masked). Its message is one line: drivers that report
// each connection attempt on a line of its own (pgx) are joined with "; ".
type ConnectionError struct {
	URL string
	Err error
}

func (e *ConnectionError) Error() string {
	var parts []string
	for _, line := range strings.Split(e.Err.Error(), "\n") {
		line = strings.TrimSpace(line)
		if line != "" && !slices.Contains(parts, line) {
			parts = append(parts, line)
		}
	}
	return e.URL + ": " + strings.Join(parts, "; ")
}

func (e *ConnectionError) Unwrap() error { return e.Err }
