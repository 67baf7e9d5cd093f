package cli

import (
	"bytes"
	"fmt"
	"io"
)

// offline runs body, the work of a command given --sql, so that stdout
// carries the SQL script and nothing else: the script is kept in memory and
// written only when the whole run succeeds, and a failure is reported on
// stderr (see report). A run that fails half-way through therefore leaves
// no truncated script (a "BEGIN;" without its "COMMIT;") behind in a file
// the user redirected stdout to. Without --sql, body runs as it is.
func (inv *invocation) offline(sql bool, body func() error) error {
	if !sql {
		return body()
	}
	inv.sqlMode = true
	var script bytes.Buffer
	inv.sqlOut = &script
	defer func() { inv.sqlOut = nil }()
	if err := body(); err != nil {
		return err
	}
	if _, err := inv.stdout.Write(script.Bytes()); err != nil {
		return fmt.Errorf("writing the SQL script to standard output: %w", err)
	}
	return nil
}

// commandOutput is where a command's own output goes: stdout, the
// buffer of an offline run, or stderr while stdout is kept for a JSON
// document (a script's print() must not break it).
func (inv *invocation) commandOutput() io.Writer {
	if inv.sqlOut != nil {
		return inv.sqlOut
	}
	if inv.jsonMode {
		return inv.stderr
	}
	return inv.stdout
}
