package cli

import (
	"bufio"
	"bytes"
	"context"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// oracleDir holds the projects and goldens that testdata/oracle/record.sh
// recorded by running the real Alembic 1.8.1.
const oracleDir = "../../testdata/oracle"

// oracleCase is one line of cases.txt.
type oracleCase struct {
	project, name, order string
	args                 []string
}

func readOracleCases(t *testing.T) []oracleCase {
	t.Helper()
	f, err := os.Open(filepath.Join(oracleDir, "cases.txt"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var cases []oracleCase
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		fields := strings.Fields(line)
		if len(fields) < 4 {
			t.Fatalf("cases.txt: short line %q", line)
		}
		cases = append(cases, oracleCase{project: fields[0], name: fields[1], order: fields[2], args: fields[3:]})
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return cases
}

// TestOracle runs retort on the projects Alembic was recorded on and
// compares stdout and the exit status with Alembic's.
//
// Where Alembic's order depends on Python's hash seed (the order of heads,
// of branch labels and children inside one line, of independent branches
// in history; see ALEMBIC-NOTES.md), cases.txt marks the case "any" and the
// comparison is order-insensitive there: outputs are compared as a sorted
// multiset of lines, and the comma lists inside a line as sorted lists. retort's
// own order is deterministic: the revision graph's input order, which is the
// scripts' file order (revision.New), and sorted branch labels.
func TestOracle(t *testing.T) {
	for _, c := range readOracleCases(t) {
		t.Run(c.project+"/"+c.name, func(t *testing.T) {
			projectDir, err := filepath.Abs(filepath.Join(oracleDir, "projects", c.project))
			if err != nil {
				t.Fatal(err)
			}
			golden := filepath.Join(oracleDir, "golden", c.project, c.name)
			wantOut, err := os.ReadFile(golden + ".out")
			if err != nil {
				t.Fatal(err)
			}
			wantCodeText, err := os.ReadFile(golden + ".exit")
			if err != nil {
				t.Fatal(err)
			}
			wantCode, err := strconv.Atoi(strings.TrimSpace(string(wantCodeText)))
			if err != nil {
				t.Fatal(err)
			}
			want := strings.ReplaceAll(string(wantOut), "$PROJECT", projectDir)

			var stdout, stderr bytes.Buffer
			args := append([]string{"-c", filepath.Join(projectDir, "alembic.ini")}, c.args...)
			code := run(context.Background(), args, &stdout, &stderr, func(string) string { return "" })
			got := stdout.String()

			if code != wantCode {
				t.Errorf("exit status %d, want %d (stderr: %s)", code, wantCode, stderr.String())
			}
			if c.name == "list_templates" {
				got, want = commonTemplates(got, want)
			}
			if c.order == "any" {
				if c.args[0] == "history" && !slices.Contains(c.args, "-v") {
					for _, v := range ancestorsFirst(got) {
						t.Errorf("history lists %s", v)
					}
				}
				got, want = normalizeOrder(got), normalizeOrder(want)
			}
			if got != want {
				t.Errorf("retort %s\n--- got\n%s\n--- want (Alembic)\n%s", strings.Join(c.args, " "), got, want)
			}
		})
	}
}

// historyLine is "parents [(dependencies)] -> id [...]" of a history listing.
var historyLine = regexp.MustCompile(`^(.*?)(?: \([^)]*\))? -> (\w+)`)

// ancestorsFirst returns what an order-insensitive comparison of history
// cannot see: revisions listed before their descendants (Alembic always
// lists a revision before its ancestors).
func ancestorsFirst(history string) []string {
	position := map[string]int{}
	parents := map[string][]string{}
	for i, line := range strings.Split(history, "\n") {
		m := historyLine.FindStringSubmatch(line)
		if m == nil {
			continue // the continuation of a multi-line docstring
		}
		position[m[2]] = i
		if m[1] != "<base>" {
			parents[m[2]] = strings.Split(m[1], ", ")
		}
	}
	var violations []string
	for id, ps := range parents {
		for _, parent := range ps {
			if at, ok := position[parent]; ok && at < position[id] {
				violations = append(violations, parent+" before its descendant "+id)
			}
		}
	}
	slices.Sort(violations)
	return violations
}

func TestAncestorsFirst(t *testing.T) {
	good := "b -> c (head), x\na -> b, y\n<base> -> a, z\n"
	if v := ancestorsFirst(good); len(v) != 0 {
		t.Errorf("ancestorsFirst(good) = %v, want none", v)
	}
	bad := "<base> -> a, z\nb, d -> c (head) (mergepoint), x\na -> b, y\na -> d, w\n"
	want := []string{"a before its descendant b", "a before its descendant d"}
	if v := ancestorsFirst(bad); !slices.Equal(v, want) {
		t.Errorf("ancestorsFirst(bad) = %v, want %v", v, want)
	}
}

// templateLine is one "name - synopsis" line of list_templates.
var templateLine = regexp.MustCompile(`^(\w+) - `)

// commonTemplates keeps, in both outputs, only the template lines of
// templates both programs ship: Alembic has "async", retort has "sql", and
// the rest of the text must match.
func commonTemplates(got, want string) (string, string) {
	names := func(s string) map[string]bool {
		out := map[string]bool{}
		for _, line := range strings.Split(s, "\n") {
			if m := templateLine.FindStringSubmatch(line); m != nil {
				out[m[1]] = true
			}
		}
		return out
	}
	gotNames, wantNames := names(got), names(want)
	keep := func(s string) string {
		var lines []string
		for _, line := range strings.Split(s, "\n") {
			if m := templateLine.FindStringSubmatch(line); m != nil && !(gotNames[m[1]] && wantNames[m[1]]) {
				continue
			}
			lines = append(lines, line)
		}
		return strings.Join(lines, "\n")
	}
	return keep(got), keep(want)
}

// commaList matches the lists whose order follows Python set order: branch
// labels in parentheses and the "Branch names:" / "Branches into:" lines.
var commaList = regexp.MustCompile(`\(([^()]*, [^()]*)\)|(Branch names: |Branches into: )(.*)`)

// normalizeOrder sorts the comma lists inside each line, then the lines:
// what remains compared is the multiset of lines, blank ones included.
func normalizeOrder(s string) string {
	sortList := func(list string) string {
		items := strings.Split(list, ", ")
		slices.Sort(items)
		return strings.Join(items, ", ")
	}
	s = commaList.ReplaceAllStringFunc(s, func(m string) string {
		sub := commaList.FindStringSubmatch(m)
		if sub[1] != "" {
			return "(" + sortList(sub[1]) + ")"
		}
		return sub[2] + sortList(sub[3])
	})
	lines := strings.Split(s, "\n")
	slices.Sort(lines)
	return strings.Join(lines, "\n")
}
