package script

import (
	"bytes"
	"strings"

	"github.com/retort-dev/retort/sqlfile"
)

// scanSQLHeader reads the header comment of a .sql script (package
// sqlfile owns the format) into the Header shape .py scripts produce.
func scanSQLHeader(path string, src []byte) (*Header, error) {
	sh, err := sqlfile.ParseHeader(path, src)
	if err != nil {
		return nil, err
	}
	// The header block ends at the first "-- retort:" directive; until that
	// is in view, a long header may continue past the bytes read so far.
	complete := bytes.Contains(src, []byte("-- retort:"))
	h := &Header{
		Revision:        sh.Revision,
		DownRevisions:   sh.DownRevisions,
		BranchLabels:    sh.BranchLabels,
		DependsOn:       sh.DependsOn,
		LongDoc:         sh.Doc,
		sqlMessage:      sh.Message,
		hasDownRevision: true, // an empty "Revises:" is a base revision
		sql:             true,
		sqlComplete:     complete,
	}
	return h, nil
}

// sqlDoc returns the first paragraph of a .sql header: sqlfile's Message,
// which, unlike a docstring's first paragraph, stops before the
// "Revision ID:" fields.
func sqlDoc(h *Header) string {
	return strings.TrimSpace(h.sqlMessage)
}
