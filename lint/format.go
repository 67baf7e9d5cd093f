package lint

import (
	"encoding/json"
	"fmt"
	"io"
)

// WriteText writes hazards as a table, one line each:
//
//	path:line  revision  rule  severity  message — fix
//
// then a count. No hazards is one line saying so.
func WriteText(w io.Writer, hazards []Hazard) error {
	if len(hazards) == 0 {
		_, err := fmt.Fprintln(w, "No hazards found.")
		return err
	}
	width := func(f func(Hazard) string) int {
		n := 0
		for _, h := range hazards {
			n = max(n, len(f(h)))
		}
		return n
	}
	where := func(h Hazard) string { return fmt.Sprintf("%s:%d", h.Path, h.Line) }
	wWhere, wRev, wRule := width(where), width(func(h Hazard) string { return h.Revision }), width(func(h Hazard) string { return h.Rule })
	errors := 0
	for _, h := range hazards {
		if h.Severity == SeverityError {
			errors++
		}
		if _, err := fmt.Fprintf(w, "%-*s  %-*s  %-*s  %-7s  %s — %s\n", wWhere, where(h), wRev, h.Revision, wRule, h.Rule, h.Severity, h.Message, h.Fix); err != nil {
			return err
		}
	}
	_, err := fmt.Fprintf(w, "%d hazard%s: %d error%s, %d warning%s\n", len(hazards), plural(len(hazards)), errors, plural(errors), len(hazards)-errors, plural(len(hazards)-errors))
	return err
}

func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}

// WriteJSON writes hazards as one JSON document: {"hazards": [...],
// "errors": N, "warnings": N}, each hazard with the fields path, line,
// revision, rule, severity, message and fix.
func WriteJSON(w io.Writer, hazards []Hazard) error {
	doc := struct {
		Hazards  []Hazard `json:"hazards"`
		Errors   int      `json:"errors"`
		Warnings int      `json:"warnings"`
	}{Hazards: hazards}
	if doc.Hazards == nil {
		doc.Hazards = []Hazard{}
	}
	for _, h := range hazards {
		if h.Severity == SeverityError {
			doc.Errors++
		} else {
			doc.Warnings++
		}
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(doc)
}
