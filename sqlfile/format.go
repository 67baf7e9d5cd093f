package sqlfile

import (
	"strings"
)

// Format renders a complete .sql script: the header block for h (message,
// Revision ID, Revises, Create Date, and Branch Labels / Depends On when
// set), then the upgrade and downgrade sections with the given bodies
// (SQL text, written as is; empty for a blank skeleton). It is the .sql
// counterpart of Alembic's script.py.mako, and Parse reads back what it
// writes.
func Format(h *Header, upgrade, downgrade string) []byte {
	var b strings.Builder
	message := strings.TrimSpace(h.Message)
	if message == "" {
		b.WriteString("--\n")
	}
	for _, line := range strings.Split(message, "\n") {
		if message == "" {
			break
		}
		writeComment(&b, line)
	}
	b.WriteString("--\n")
	writeComment(&b, "Revision ID: "+h.Revision)
	writeComment(&b, "Revises: "+strings.Join(h.DownRevisions, ", "))
	writeComment(&b, "Create Date: "+h.CreateDate)
	if len(h.BranchLabels) > 0 {
		writeComment(&b, "Branch Labels: "+strings.Join(h.BranchLabels, ", "))
	}
	if len(h.DependsOn) > 0 {
		writeComment(&b, "Depends On: "+strings.Join(h.DependsOn, ", "))
	}
	b.WriteString("\n-- retort:" + DirectiveUpgrade + "\n")
	writeBody(&b, upgrade)
	b.WriteString("\n-- retort:" + DirectiveDowngrade + "\n")
	writeBody(&b, downgrade)
	return []byte(b.String())
}

func writeComment(b *strings.Builder, text string) {
	text = strings.TrimRight(text, " \t\r")
	if text == "" {
		b.WriteString("--\n")
		return
	}
	b.WriteString("-- " + text + "\n")
}

func writeBody(b *strings.Builder, body string) {
	body = strings.Trim(body, "\n")
	if body == "" {
		b.WriteString("\n")
		return
	}
	b.WriteString(body + "\n")
}
