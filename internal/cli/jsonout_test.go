package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strings"
	"testing"
)

// documentedJSON reads the README's "JSON output" section: each command's
// top-level fields and the fields of a revision object.
func documentedJSON(t *testing.T) (docs map[string][]string, revision []string) {
	t.Helper()
	src, err := os.ReadFile(filepath.Join("..", "..", "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	_, section, ok := strings.Cut(string(src), "\n## JSON output\n")
	if !ok {
		t.Fatal("README has no JSON output section")
	}
	section, _, _ = strings.Cut(section, "\n## ")
	name := regexp.MustCompile("(?:^|; )`([a-z_]+)`")
	docs = map[string][]string{}
	for _, line := range strings.Split(section, "\n") {
		cells := strings.Split(strings.Trim(line, "| "), " | ")
		if !strings.HasPrefix(line, "| `") || len(cells) < 2 {
			continue
		}
		first := strings.Trim(cells[0], "`")
		if len(cells) == 3 { // the revision table: field | type | meaning
			revision = append(revision, first)
			continue
		}
		// One row may document several commands: `upgrade`, `downgrade`.
		for _, command := range strings.Split(first, "`, `") {
			for _, m := range name.FindAllStringSubmatch(cells[1], -1) {
				docs[command] = append(docs[command], m[1])
			}
		}
	}
	if len(docs) != 12 || len(revision) < 10 {
		t.Fatalf("README tables not understood: %v %v", docs, revision)
	}
	return docs, revision
}

// branchedProject writes a project with a branch point, two labelled
// branches, a merge and a depends_on, on a SQLite file.
func branchedProject(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	script := func(id, doc, down, labels, deps string) string {
		return "\"\"\"" + doc + "\n\nRevision ID: " + id + "\nCreate Date: 2026-12-01 10:00:00.000000\n\n\"\"\"\n" +
			"revision = '" + id + "'\ndown_revision = " + down + "\nbranch_labels = " + labels + "\ndepends_on = " + deps + "\n\n\n" +
			"def upgrade():\n    pass\n\n\ndef downgrade():\n    pass\n"
	}
	files := map[string]string{
		"alembic.ini":                  "[alembic]\nscript_location = %(here)s/migrations\nsqlalchemy.url = sqlite:///%(here)s/app.db\n",
		"migrations/versions/a1.py":    script("a1a1", "create account", "None", "None", "None"),
		"migrations/versions/b2.py":    script("b2b2", "create invoice", "'a1a1'", "('billing',)", "None"),
		"migrations/versions/c3.py":    script("c3c3", "create shipment", "'a1a1'", "None", "None"),
		"migrations/versions/d4.py":    script("d4d4", "merge", "('b2b2', 'c3c3')", "None", "None"),
		"migrations/versions/e5.py":    script("e5e5", "create audit", "None", "('audit',)", "'c3c3'"),
		"migrations/script.py.mako":    "",
		"migrations/versions/.keep.md": "",
	}
	for name, content := range files {
		path := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return filepath.Join(dir, "alembic.ini")
}

// runJSON runs retort in-process and decodes its stdout as one document.
func runJSON(t *testing.T, wantCode int, args ...string) map[string]any {
	t.Helper()
	var stdout, stderr bytes.Buffer
	if code := run(context.Background(), args, &stdout, &stderr, func(string) string { return "" }); code != wantCode {
		t.Fatalf("retort %s: exit status %d, want %d\n%s%s", strings.Join(args, " "), code, wantCode, stdout.String(), stderr.String())
	}
	dec := json.NewDecoder(&stdout)
	var doc map[string]any
	if err := dec.Decode(&doc); err != nil {
		t.Fatalf("retort %s: stdout is not JSON: %v\n%s", strings.Join(args, " "), err, stdout.String())
	}
	if dec.More() {
		t.Fatalf("retort %s: more than one document on stdout", strings.Join(args, " "))
	}
	return doc
}

func keys(m map[string]any) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

func sorted(s []string) []string {
	out := slices.Clone(s)
	sort.Strings(out)
	return out
}

// checkDocument asserts that doc has exactly the documented top-level
// fields, and that every revision in it has exactly the documented
// revision fields ("current" only when withCurrent).
func checkDocument(t *testing.T, command string, doc map[string]any, docs map[string][]string, revFields []string, withCurrent bool) {
	t.Helper()
	if got, want := keys(doc), sorted(docs[command]); !slices.Equal(got, want) {
		t.Errorf("%s: fields %v, documented %v", command, got, want)
	}
	var wantRev []string
	for _, f := range revFields {
		if f != "current" || withCurrent {
			wantRev = append(wantRev, f)
		}
	}
	for field, v := range doc {
		list, ok := v.([]any)
		if !ok {
			continue
		}
		for _, item := range list {
			if r, ok := item.(map[string]any); ok {
				if got := keys(r); !slices.Equal(got, sorted(wantRev)) {
					t.Errorf("%s: %s item fields %v, documented %v", command, field, got, sorted(wantRev))
				}
			}
		}
	}
}

// ids lists the "id" of each revision object in a document's list.
func ids(v any) []string {
	var out []string
	list, _ := v.([]any)
	for _, item := range list {
		if r, ok := item.(map[string]any); ok {
			out = append(out, r["id"].(string))
		}
	}
	return out
}

func strs(v any) []string {
	out := []string{}
	list, _ := v.([]any)
	for _, item := range list {
		out = append(out, item.(string))
	}
	return out
}

func TestJSON_DocumentedFields(t *testing.T) {
	docs, revFields := documentedJSON(t)
	ini := branchedProject(t)
	c := []string{"-q", "-c", ini}

	heads := runJSON(t, exitOK, append(c, "heads", "--format", "json")...)
	checkDocument(t, "heads", heads, docs, revFields, false)
	if got := ids(heads["heads"]); !slices.Equal(got, []string{"d4d4", "e5e5"}) {
		t.Errorf("heads = %v, want [d4d4 e5e5]", got)
	}

	branches := runJSON(t, exitOK, append(c, "branches", "--format", "json")...)
	checkDocument(t, "branches", branches, docs, revFields, false)
	points := branches["branch_points"].([]any)
	if len(points) != 1 {
		t.Fatalf("branch_points = %v, want a1a1 alone", points)
	}
	a1 := points[0].(map[string]any)
	if a1["id"] != "a1a1" || !slices.Equal(strs(a1["children"]), []string{"b2b2", "c3c3"}) || a1["branch_point"] != true ||
		a1["message"] != "create account" || a1["create_date"] != "2026-12-01 10:00:00.000000" || !strings.HasSuffix(a1["path"].(string), "a1.py") {
		t.Errorf("branch point a1a1 = %v", a1)
	}

	show := runJSON(t, exitOK, append(c, "show", "billing@head", "--format", "json")...)
	checkDocument(t, "show", show, docs, revFields, false)
	if got := ids(show["revisions"]); !slices.Equal(got, []string{"d4d4"}) {
		t.Errorf("show billing@head = %v, want [d4d4]", got)
	}
	d4 := show["revisions"].([]any)[0].(map[string]any)
	if !slices.Equal(strs(d4["down_revisions"]), []string{"b2b2", "c3c3"}) || d4["merge_point"] != true || d4["head"] != true ||
		!slices.Equal(strs(d4["branch_labels"]), []string{"billing"}) {
		t.Errorf("show d4d4 = %v", d4)
	}

	// Not read: no "current" anywhere, and the top-level one is null.
	history := runJSON(t, exitOK, append(c, "history", "--format", "json")...)
	checkDocument(t, "history", history, docs, revFields, false)
	if history["current"] != nil {
		t.Errorf("history current = %v, want null (not read)", history["current"])
	}
	if got := len(ids(history["revisions"])); got != 5 {
		t.Errorf("history lists %d revisions, want 5", got)
	}

	runJSONOK := func(args ...string) {
		t.Helper()
		var out bytes.Buffer
		if code := run(context.Background(), append(c, args...), &out, &out, func(string) string { return "" }); code != exitOK {
			t.Fatalf("retort %v: %d\n%s", args, code, out.String())
		}
	}
	runJSONOK("upgrade", "c3c3")

	history = runJSON(t, exitOK, append(c, "history", "-i", "--format", "json")...)
	checkDocument(t, "history", history, docs, revFields, true)
	if got := strs(history["current"]); !slices.Equal(got, []string{"c3c3"}) {
		t.Errorf("history -i current = %v, want [c3c3]", got)
	}

	current := runJSON(t, exitOK, append(c, "current", "--format", "json")...)
	checkDocument(t, "current", current, docs, revFields, true)
	if got := ids(current["current"]); !slices.Equal(got, []string{"c3c3"}) {
		t.Errorf("current = %v, want [c3c3]", got)
	}
	if current["at_heads"] != false || !slices.Equal(strs(current["heads"]), []string{"d4d4", "e5e5"}) ||
		!strings.HasPrefix(current["url"].(string), "sqlite:///") {
		t.Errorf("current document = %v", current)
	}

	g := runJSON(t, exitOK, append(c, "graph", "--format", "json")...)
	checkDocument(t, "graph", g, docs, revFields, true)
	if got := strs(g["current"]); !slices.Equal(got, []string{"c3c3"}) {
		t.Errorf("graph current = %v, want [c3c3]", got)
	}
	if got := ids(g["revisions"]); !slices.Equal(got, []string{"d4d4", "b2b2", "c3c3", "a1a1", "e5e5"}) {
		t.Errorf("graph order = %v", got)
	}
	g = runJSON(t, exitOK, append(c, "graph", "--no-db", "--format", "json")...)
	checkDocument(t, "graph", g, docs, revFields, false)
	if g["current"] != nil {
		t.Errorf("graph --no-db current = %v, want null", g["current"])
	}
}

// A JSON run's failure leaves stdout empty, so that it never holds half a
// document or a FAILED line.
func TestJSON_FailureOnStderr(t *testing.T) {
	ini := branchedProject(t)
	var stdout, stderr bytes.Buffer
	code := run(context.Background(), []string{"-c", ini, "show", "zzzz", "--format", "json"}, &stdout, &stderr, func(string) string { return "" })
	if code != exitFailed || stdout.Len() != 0 || stderr.String() != "FAILED: Can't locate revision identified by 'zzzz'\n" {
		t.Errorf("status %d, stdout %q, stderr %q", code, stdout.String(), stderr.String())
	}
	stdout.Reset()
	stderr.Reset()
	code = run(context.Background(), []string{"-c", ini, "heads", "--format", "yaml"}, &stdout, &stderr, func(string) string { return "" })
	if want := "retort: error: argument --format: invalid choice: 'yaml' (choose from 'text', 'json')\n"; code != exitUsage || stdout.Len() != 0 || !strings.HasSuffix(stderr.String(), want) {
		t.Errorf("status %d, stdout %q, stderr %q, want %q", code, stdout.String(), stderr.String(), want)
	}
}

// The summary of upgrade, downgrade and stamp, and the documents of log
// and verify, have the README's fields; "error" appears only on failure.
func TestJSON_RunDocumentsDocumented(t *testing.T) {
	docs, _ := documentedJSON(t)
	ini := branchedProject(t)
	c := []string{"-q", "-c", ini}
	without := func(fields []string, drop string) []string {
		return slices.DeleteFunc(slices.Clone(fields), func(f string) bool { return f == drop })
	}
	check := func(command string, doc map[string]any, want []string) {
		t.Helper()
		if got := keys(doc); !slices.Equal(got, sorted(want)) {
			t.Errorf("%s: fields %v, want %v", command, got, sorted(want))
		}
	}

	up := runJSON(t, exitOK, append(c, "upgrade", "b2b2", "--format", "json")...)
	check("upgrade", up, without(docs["upgrade"], "error"))
	steps, _ := up["steps"].([]any)
	if len(steps) != 2 || !slices.Equal(strs(up["current"]), []string{"b2b2"}) {
		t.Fatalf("upgrade b2b2 = %v", up)
	}
	wantStep := []string{"direction", "duration_ms", "from", "message", "path", "revision", "statements", "to"}
	for _, s := range steps {
		if got := keys(s.(map[string]any)); !slices.Equal(got, wantStep) {
			t.Errorf("step fields %v, want %v", got, wantStep)
		}
	}
	if first := steps[0].(map[string]any); first["revision"] != "a1a1" || first["direction"] != "upgrade" || first["message"] != "create account" {
		t.Errorf("first step = %v", first)
	}

	st := runJSON(t, exitOK, append(c, "stamp", "c3c3", "--format", "json")...)
	check("stamp", st, without(docs["stamp"], "error"))
	if got := strs(st["current"]); !slices.Equal(got, []string{"b2b2", "c3c3"}) {
		t.Errorf("stamp current = %v, want [b2b2 c3c3]", got)
	}

	down := runJSON(t, exitFailed, append(c, "downgrade", "zzzz", "--format", "json")...)
	check("downgrade", down, docs["downgrade"])
	if e := down["error"].(map[string]any); e["message"] != "Can't locate revision identified by 'zzzz'" || e["revision"] != "" {
		t.Errorf("downgrade zzzz error = %v", e)
	}

	log := runJSON(t, exitOK, append(c, "log", "--format", "json")...)
	check("log", log, docs["log"])
	rows, _ := log["history"].([]any)
	wantRow := []string{"checksum", "direction", "duration_ms", "heads_after", "heads_before", "host", "id", "retort_version", "revision", "script_path", "started_at", "user"}
	if len(rows) != 3 {
		t.Fatalf("log rows = %v, want 3 (two upgrades, one stamp)", rows)
	}
	for _, r := range rows {
		if got := keys(r.(map[string]any)); !slices.Equal(got, wantRow) {
			t.Errorf("log row fields %v, want %v", got, wantRow)
		}
	}
	if newest := rows[0].(map[string]any); newest["revision"] != "c3c3" || newest["direction"] != "stamp" {
		t.Errorf("newest log row = %v", newest)
	}

	v := runJSON(t, exitOK, append(c, "verify", "--format", "json")...)
	check("verify", v, docs["verify"])
	if v["ok"] != true || v["history"] != true || v["checked"] != float64(3) {
		t.Errorf("verify = %v", v)
	}
}
