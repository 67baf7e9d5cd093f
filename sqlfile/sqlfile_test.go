package sqlfile

import (
	"errors"
	"reflect"
	"strings"
	"testing"
)

const fullScript = `-- Add the account table
--
-- Revision ID: 5a5a17843e58
-- Revises: 1975ea83b712
-- Create Date: 2026-11-22 04:00:00.123456

-- retort:upgrade
CREATE TABLE account (
    id INTEGER PRIMARY KEY,
    name VARCHAR(50) NOT NULL
);
INSERT INTO account (id, name) VALUES (1, 'root; admin');

-- retort:downgrade
DROP TABLE account;
`

func TestParse(t *testing.T) {
	f, err := Parse("versions/5a5a17843e58_add.sql", []byte(fullScript), "sqlite")
	if err != nil {
		t.Fatal(err)
	}
	wantHeader := &Header{
		Message:       "Add the account table",
		Revision:      "5a5a17843e58",
		DownRevisions: []string{"1975ea83b712"},
		CreateDate:    "2026-11-22 04:00:00.123456",
		Doc:           "Add the account table\n\nRevision ID: 5a5a17843e58\nRevises: 1975ea83b712\nCreate Date: 2026-11-22 04:00:00.123456",
	}
	if !reflect.DeepEqual(f.Header, wantHeader) {
		t.Errorf("Header =\n %+v\nwant\n %+v", f.Header, wantHeader)
	}
	wantUp := Section{Line: 7, Statements: []Statement{
		s(8, "CREATE TABLE account (\n    id INTEGER PRIMARY KEY,\n    name VARCHAR(50) NOT NULL\n)"),
		s(12, "INSERT INTO account (id, name) VALUES (1, 'root; admin')"),
	}}
	if !reflect.DeepEqual(f.Upgrade, wantUp) {
		t.Errorf("Upgrade =\n %+v\nwant\n %+v", f.Upgrade, wantUp)
	}
	wantDown := Section{Line: 14, Statements: []Statement{s(15, "DROP TABLE account")}}
	if !reflect.DeepEqual(f.Downgrade, wantDown) {
		t.Errorf("Downgrade =\n %+v\nwant\n %+v", f.Downgrade, wantDown)
	}
}

func TestParse_Sections(t *testing.T) {
	const head = "-- m\n-- Revision ID: a1\n-- Revises:\n"
	tests := []struct {
		name     string
		dialect  string
		body     string
		wantUp   Section
		wantDown Section
	}{
		{"no-transaction in upgrade only", "postgresql",
			"-- retort:upgrade\n-- retort:no-transaction\nCREATE INDEX CONCURRENTLY ix ON t (x);\n-- retort:downgrade\nDROP INDEX ix;\n",
			Section{Line: 4, NoTransaction: true, Statements: []Statement{s(6, "CREATE INDEX CONCURRENTLY ix ON t (x)")}},
			Section{Line: 7, Statements: []Statement{s(8, "DROP INDEX ix")}}},
		{"directive after statements", "postgresql",
			"-- retort:upgrade\nSELECT 1;\n--retort:no-transaction\n",
			Section{Line: 4, NoTransaction: true, Statements: []Statement{s(5, "SELECT 1")}}, Section{}},
		{"lint-ignore is left to the lint", "postgresql",
			"-- retort:upgrade\n-- retort:lint-ignore drop-table\nDROP TABLE t;\n",
			Section{Line: 4, Statements: []Statement{s(6, "DROP TABLE t")}}, Section{}},
		{"downgrade first", "",
			"-- retort:downgrade\nDROP TABLE t;\n-- retort:upgrade\nCREATE TABLE t (x int);\n",
			Section{Line: 6, Statements: []Statement{s(7, "CREATE TABLE t (x int)")}},
			Section{Line: 4, Statements: []Statement{s(5, "DROP TABLE t")}}},
		{"statement without semicolon before next section", "",
			"-- retort:upgrade\nCREATE TABLE t (x int)\n-- retort:downgrade\nDROP TABLE t\n",
			Section{Line: 4, Statements: []Statement{s(5, "CREATE TABLE t (x int)")}},
			Section{Line: 6, Statements: []Statement{s(7, "DROP TABLE t")}}},
		{"remark after a directive", "",
			"-- retort:upgrade   (runs first)\nSELECT 1;\n-- retort: downgrade\nSELECT 2;\n",
			Section{Line: 4, Statements: []Statement{s(5, "SELECT 1")}}, Section{Line: 6, Statements: []Statement{s(7, "SELECT 2")}}},
		{"empty downgrade", "",
			"-- retort:upgrade\nSELECT 1;\n-- retort:downgrade\n-- nothing to undo\n",
			Section{Line: 4, Statements: []Statement{s(5, "SELECT 1")}}, Section{Line: 6}},
		{"directive in a string is not a directive", "",
			"-- retort:upgrade\nINSERT INTO notes VALUES ('\n-- retort:downgrade\n');\n",
			Section{Line: 4, Statements: []Statement{s(5, "INSERT INTO notes VALUES ('\n-- retort:downgrade\n')")}}, Section{}},
		{"DELIMITER resets at a section", "mysql",
			"-- retort:upgrade\nDELIMITER //\nCREATE PROCEDURE p() BEGIN SELECT 1; END//\n-- retort:downgrade\nDROP PROCEDURE p;\n",
			Section{Line: 4, Statements: []Statement{s(6, "CREATE PROCEDURE p() BEGIN SELECT 1; END")}},
			Section{Line: 7, Statements: []Statement{s(8, "DROP PROCEDURE p")}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f, err := Parse("x.sql", []byte(head+tt.body), tt.dialect)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(f.Upgrade, tt.wantUp) {
				t.Errorf("Upgrade =\n %+v\nwant\n %+v", f.Upgrade, tt.wantUp)
			}
			if !reflect.DeepEqual(f.Downgrade, tt.wantDown) {
				t.Errorf("Downgrade =\n %+v\nwant\n %+v", f.Downgrade, tt.wantDown)
			}
		})
	}
}

func TestParse_Errors(t *testing.T) {
	const head = "-- m\n-- Revision ID: a1\n"
	tests := []struct {
		name, src, want string
	}{
		{"no upgrade section", head + "\n-- retort:downgrade\nSELECT 1;\n", "v/x.sql:1: no '-- retort:upgrade' section"},
		{"SQL before the first section", head + "CREATE TABLE t (x int);\n-- retort:upgrade\n", "v/x.sql:3: SQL before the '-- retort:upgrade' line"},
		{"duplicate section", head + "-- retort:upgrade\n-- retort:downgrade\n-- retort:upgrade\n", "v/x.sql:5: second '-- retort:upgrade' section (first at line 3)"},
		{"no-transaction outside a section", head + "-- retort:no-transaction\n-- retort:upgrade\n", "v/x.sql:3: '-- retort:no-transaction' must be inside an upgrade or downgrade section"},
		{"lint-ignore outside a section", head + "-- retort:lint-ignore drop-table\n-- retort:upgrade\n", "v/x.sql:3: '-- retort:lint-ignore' must be inside an upgrade or downgrade section"},
		{"unknown directive", head + "-- retort:upgrade\n-- retort:notransaction\n", "v/x.sql:4: unknown directive 'retort:notransaction'"},
		{"unterminated string names the file", head + "-- retort:upgrade\nSELECT 'x;\n", "v/x.sql:4: unterminated string"},
		{"directive inside a trigger body", head + "-- retort:upgrade\nCREATE TRIGGER t AFTER INSERT ON a BEGIN\nDELETE FROM b;\n-- retort:downgrade\nEND;\n", "v/x.sql:6: directive retort:downgrade inside an unfinished statement (BEGIN or CASE at line 4 has no END)"},
		{"missing revision", "-- just a note\n-- retort:upgrade\n", "v/x.sql:1: missing '-- Revision ID:' line"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse("v/x.sql", []byte(tt.src), "sqlite")
			var se *SyntaxError
			if !errors.As(err, &se) {
				t.Fatalf("Parse error = %v, want a *SyntaxError", err)
			}
			if !strings.HasPrefix(err.Error(), tt.want) {
				t.Errorf("error = %q, want prefix %q", err, tt.want)
			}
		})
	}
	if _, err := Parse("x.sql", []byte(fullScript), "oracle"); err == nil || !strings.Contains(err.Error(), "x.sql: sqlfile: unknown dialect") {
		t.Errorf("unknown dialect error = %v", err)
	}
}

func TestParseHeader(t *testing.T) {
	tests := []struct {
		name string
		src  string
		want Header
	}{
		{"base revision with None",
			"-- Initial\n--\n-- Revision ID: 1975ea83b712\n-- Revises: None\n-- Create Date: 2026-01-01 00:00:00\n",
			Header{Message: "Initial", Revision: "1975ea83b712", CreateDate: "2026-01-01 00:00:00",
				Doc: "Initial\n\nRevision ID: 1975ea83b712\nRevises: None\nCreate Date: 2026-01-01 00:00:00"}},
		{"merge with comma list",
			"-- merge heads\n--\n-- Revision ID: m1\n-- Revises: a1, b2\n",
			Header{Message: "merge heads", Revision: "m1", DownRevisions: []string{"a1", "b2"},
				Doc: "merge heads\n\nRevision ID: m1\nRevises: a1, b2"}},
		{"python tuple syntax, labels and depends",
			"-- x\n-- Revision ID: c3\n-- Revises: ('a1', 'b2')\n-- Branch Labels: ('feature',)\n-- Depends On: d4 e5\n",
			Header{Message: "x", Revision: "c3", DownRevisions: []string{"a1", "b2"}, BranchLabels: []string{"feature"}, DependsOn: []string{"d4", "e5"},
				Doc: "x\nRevision ID: c3\nRevises: ('a1', 'b2')\nBranch Labels: ('feature',)\nDepends On: d4 e5"}},
		{"multi-line message",
			"\n-- Add a column\n-- to users\n--\n-- More detail.\n--\n-- Revision ID: r1\n-- Revises:\n\n-- retort:upgrade\nSELECT 1;\n-- Revision ID: ignored\n",
			Header{Message: "Add a column\nto users", Revision: "r1",
				Doc: "Add a column\nto users\n\nMore detail.\n\nRevision ID: r1\nRevises:"}},
		{"field names are case-insensitive, no message",
			"--revision id: r2\n--  REVISES: r1\n",
			Header{Revision: "r2", DownRevisions: []string{"r1"}, Doc: "revision id: r2\n REVISES: r1"}},
		{"colon in message is not a field",
			"-- Fix: widen column\n-- Revision ID: r3\n",
			Header{Message: "Fix: widen column", Revision: "r3", Doc: "Fix: widen column\nRevision ID: r3"}},
		{"header stops at SQL",
			"-- m\n-- Revision ID: r4\nSELECT 1;\n-- Revises: zz\n",
			Header{Message: "m", Revision: "r4", Doc: "m\nRevision ID: r4"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ParseHeader("x.sql", []byte(tt.src))
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(*got, tt.want) {
				t.Errorf("ParseHeader =\n %+v\nwant\n %+v", *got, tt.want)
			}
		})
	}
}

func TestParseHeader_Errors(t *testing.T) {
	tests := []struct{ name, src, want string }{
		{"empty file", "", "x.sql:1: missing '-- Revision ID:' line"},
		{"no revision", "-- m\n-- Revises: a\n", "x.sql:1: missing '-- Revision ID:' line"},
		{"two revision ids", "-- m\n-- Revision ID: a, b\n", "x.sql:2: '-- Revision ID:' must name exactly one revision"},
		{"duplicate field", "-- m\n-- Revision ID: a\n-- Revises: b\n-- Revises: c\n", "x.sql:4: duplicate '-- Revises:' line (first at line 3)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ParseHeader("x.sql", []byte(tt.src))
			if err == nil || !strings.HasPrefix(err.Error(), tt.want) {
				t.Errorf("error = %v, want prefix %q", err, tt.want)
			}
		})
	}
}
