// Package ddltest holds retort's table of op-compilation cases shared by
// the dialect tests: each case is a short Alembic script (what a migration
// would say) next to the same ops as Go values. The dialect packages compare
// their compiled offline text with what the real Alembic 1.8.1 printed for
// the script, recorded in their testdata/oracle*.json by testdata/oracle.sh.
package ddltest

import (
	"context"
	"encoding/json"
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/retort-dev/retort/dialect"
	"github.com/retort-dev/retort/ops"
	"github.com/retort-dev/retort/schema"
)

// Case is one script and its ops.
type Case struct {
	Name string
	// Py is the body of an Alembic migration (op, sa, postgresql, mysql in scope).
	Py  string
	Ops []ops.Op
}

// Offline renders statements the way retort's offline mode prints them:
// each statement, ";" and a blank line.
func Offline(stmts []dialect.Stmt) string {
	var b strings.Builder
	for _, s := range stmts {
		b.WriteString(s.Offline())
		b.WriteString(";\n\n")
	}
	return b.String()
}

// Compile compiles every op of a case in offline mode (no connection).
func Compile(d dialect.Dialect, c Case) (string, error) {
	var out []dialect.Stmt
	for _, op := range c.Ops {
		stmts, err := d.Compile(context.Background(), nil, op)
		if err != nil {
			return "", err
		}
		out = append(out, stmts...)
	}
	return Offline(out), nil
}

// DumpCases writes the cases as JSON for testdata/oracle.py.
func DumpCases(path string) error {
	type entry struct {
		Name string `json:"name"`
		Py   string `json:"py"`
	}
	var list []entry
	for _, c := range Cases() {
		list = append(list, entry{c.Name, c.Py})
	}
	data, err := json.MarshalIndent(list, "", " ")
	if err != nil {
		return err
	}
	return os.WriteFile(path, data, 0o644)
}

// LoadOracle reads a recorded oracle file: case name to Alembic's output,
// or "ERROR: message" when Alembic refused the script.
func LoadOracle(t *testing.T, path string) map[string]string {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("read oracle: %v", err)
	}
	out := map[string]string{}
	if err := json.Unmarshal(data, &out); err != nil {
		t.Fatalf("parse %s: %v", path, err)
	}
	return out
}

var columnContext = regexp.MustCompile(`^\(in table '[^']*', column '[^']*'\): `)

// errorText is the part of Alembic's error that retort's message must
// contain, or "" when SQLAlchemy's text names its own internals (a type
// compiler object) and only the refusal itself is comparable.
func errorText(exp string) string {
	msg := columnContext.ReplaceAllString(strings.TrimPrefix(exp, "ERROR: "), "")
	if strings.Contains(msg, "Compiler <") {
		return ""
	}
	return strings.TrimSuffix(msg, ".")
}

// Run compares d's offline output for every case with the oracle file.
// Cases listed in skip are expected to differ for the reason given.
func Run(t *testing.T, d dialect.Dialect, oraclePath string, skip map[string]string) {
	want := LoadOracle(t, oraclePath)
	n := 0
	for _, c := range Cases() {
		c := c
		t.Run(c.Name, func(t *testing.T) {
			if why, ok := skip[c.Name]; ok {
				t.Skip(why)
			}
			exp, ok := want[c.Name]
			if !ok {
				t.Fatalf("case %s is missing from %s; rerun testdata/oracle.sh", c.Name, oraclePath)
			}
			got, err := Compile(d, c)
			if strings.HasPrefix(exp, "ERROR: ") {
				if err == nil {
					t.Fatalf("Alembic refuses this (%s) but retort compiled:\n%s", exp, got)
				}
				msg := errorText(exp)
				if msg != "" && !strings.Contains(err.Error(), msg) {
					t.Errorf("error\n got: %v\nwant text: %s", err, msg)
				}
				return
			}
			if err != nil {
				t.Fatalf("compile: %v\nAlembic printed:\n%s", err, exp)
			}
			if got != exp {
				t.Errorf("offline SQL differs\n--- got\n%s--- Alembic\n%s", got, exp)
			}
		})
		n++
	}
	if n < 60 {
		t.Errorf("only %d cases", n)
	}
}

// Malformed returns ops with missing or contradictory parts. Every dialect
// must refuse each with an error, never a panic.
func Malformed() []ops.Op {
	var nilFK *schema.ForeignKey
	return []ops.Op{
		nil,
		&ops.CreateTable{},
		&ops.CreateTable{Table: &schema.Table{Name: "t", Columns: []*schema.Column{nil}}},
		&ops.CreateTable{Table: &schema.Table{Name: "t", Columns: []*schema.Column{{Name: "a"}}}},
		&ops.CreateTable{Table: &schema.Table{Name: "t", Columns: []*schema.Column{{Name: "a", Type: &schema.Type{Kind: "Integer"}, ForeignKeys: []*schema.ForeignKeyRef{nil}}}}},
		&ops.CreateTable{Table: &schema.Table{Name: "t", Columns: []*schema.Column{{Name: "a", Type: &schema.Type{Kind: "Integer"}}}, Constraints: []schema.Constraint{nilFK}}},
		&ops.CreateTable{Table: &schema.Table{Name: "t", Columns: []*schema.Column{{Name: "a", Type: &schema.Type{Kind: "NoSuchType"}}}}},
		&ops.AddColumn{Table: "t"},
		&ops.AddColumn{Table: "t", Column: &schema.Column{Name: "a", Type: &schema.Type{Kind: "ARRAY"}}},
		&ops.CreateIndex{},
		&ops.CreateIndex{Index: &schema.Index{Name: "ix", Table: "t"}},
		&ops.CreateIndex{Index: &schema.Index{Name: "ix", Elements: []schema.IndexElement{{Column: "a"}}}},
		&ops.CreatePrimaryKey{Table: "t"},
		&ops.CreatePrimaryKey{Table: "t", PrimaryKey: &schema.PrimaryKey{Name: "pk"}},
		&ops.CreateUniqueConstraint{Table: "t"},
		&ops.CreateForeignKey{Table: "t"},
		&ops.CreateForeignKey{Table: "t", ForeignKey: &schema.ForeignKey{Name: "fk", Columns: []string{"a", "b"}, RefTable: "o", RefColumns: []string{"id"}}},
		&ops.CreateCheckConstraint{Table: "t"},
		&ops.CreateCheckConstraint{Table: "t", Check: &schema.Check{Name: "ck"}},
		&ops.DropConstraint{Table: "t"},
		&ops.Execute{},
		&ops.Execute{DML: &ops.DML{Kind: "insert"}},
		&ops.Execute{DML: &ops.DML{Kind: "upsert", Table: &schema.Table{Name: "t"}}},
		&ops.Execute{DML: &ops.DML{Kind: "delete", Table: &schema.Table{Name: "t"}, Where: &schema.Expr{Kind: schema.ExprBinary, Text: "="}}},
		&ops.BulkInsert{},
		&ops.BulkInsert{Table: &schema.Table{Name: "t"}, Rows: []map[string]any{{"nope": 1}}},
		&ops.BulkInsert{Table: &schema.Table{Name: "t"}, Rows: []map[string]any{{}}},
		&ops.BatchAlterTable{Table: "t", Recreate: "sometimes"},
		&ops.BatchAlterTable{Table: "t", Ops: []ops.Op{nil}},
		&ops.BatchAlterTable{Table: "t", Recreate: "always"},
		&ops.AlterColumn{Table: "t", Column: "c", Type: &schema.Type{Kind: "NoSuchType"}},
	}
}

// RunMalformed checks that d refuses every Malformed op with an error.
func RunMalformed(t *testing.T, d dialect.Dialect) {
	for i, op := range Malformed() {
		func() {
			defer func() {
				if r := recover(); r != nil {
					t.Errorf("op %d (%T) panicked: %v", i, op, r)
				}
			}()
			if stmts, err := d.Compile(context.Background(), nil, op); err == nil {
				t.Errorf("op %d (%T) compiled to %v, want an error", i, op, stmts)
			}
		}()
	}
}
