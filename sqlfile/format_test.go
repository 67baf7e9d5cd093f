package sqlfile

import (
	"reflect"
	"testing"
)

func TestFormat(t *testing.T) {
	h := &Header{Message: "Add account", Revision: "5a5a17843e58", DownRevisions: []string{"1975ea83b712"}, CreateDate: "2026-11-22 04:00:00.123456"}
	got := string(Format(h, "CREATE TABLE account (id INT);", "DROP TABLE account;"))
	want := `-- Add account
--
-- Revision ID: 5a5a17843e58
-- Revises: 1975ea83b712
-- Create Date: 2026-11-22 04:00:00.123456

-- retort:upgrade
CREATE TABLE account (id INT);

-- retort:downgrade
DROP TABLE account;
`
	if got != want {
		t.Errorf("Format =\n%s\nwant\n%s", got, want)
	}
}

// Parse must read back exactly what Format writes.
func TestFormat_RoundTrip(t *testing.T) {
	tests := []struct {
		name        string
		h           Header
		up, down    string
		wantMessage string // the first paragraph of h.Message
		wantUp      []Statement
		wantDownNo  int
	}{
		{"skeleton of a base revision", Header{Message: "initial", Revision: "aaa111", CreateDate: "2026-01-01 00:00:00"}, "", "", "initial", nil, 0},
		{"merge with labels and dependencies", Header{Message: "merge heads", Revision: "m1", DownRevisions: []string{"a1", "b2"},
			BranchLabels: []string{"feature"}, DependsOn: []string{"d4"}, CreateDate: "2026-01-01"}, "SELECT 1;", "SELECT 2;", "merge heads", []Statement{s(10, "SELECT 1")}, 1},
		{"multi-line message", Header{Message: "Widen columns\nof users\n\nThe long story.", Revision: "r1"}, "", "", "Widen columns\nof users", nil, 0},
		{"empty message", Header{Revision: "r2", DownRevisions: []string{"r1"}}, "", "", "", nil, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src := Format(&tt.h, tt.up, tt.down)
			f, err := Parse("x.sql", src, "postgresql")
			if err != nil {
				t.Fatalf("Parse(Format()): %v\n%s", err, src)
			}
			got := *f.Header
			got.Doc = ""
			want := tt.h
			want.Message = tt.wantMessage
			if !reflect.DeepEqual(got, want) {
				t.Errorf("header round trip =\n %+v\nwant\n %+v\nfile:\n%s", got, want, src)
			}
			if !reflect.DeepEqual(f.Upgrade.Statements, tt.wantUp) || len(f.Downgrade.Statements) != tt.wantDownNo {
				t.Errorf("sections = %+v / %+v", f.Upgrade, f.Downgrade)
			}
			if f.Downgrade.Line == 0 {
				t.Error("downgrade section missing")
			}
		})
	}
}
