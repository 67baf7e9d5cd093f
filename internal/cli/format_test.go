package cli

import (
	"bytes"
	"testing"
)

func TestScriptView_Line(t *testing.T) {
	base := &scriptView{ID: "a1", Children: []string{"b2"}, LongDoc: "create account\n\nmore"}
	merge := &scriptView{ID: "m3", DownRevisions: []string{"b2", "c4"}, Children: nil, BranchLabels: []string{"billing", "search"}, LongDoc: "merge"}
	effective := &scriptView{ID: "d5", DownRevisions: []string{"c4"}, DependsOn: []string{"x9", "y8"}, Dependents: true}
	point := &scriptView{ID: "b2", DownRevisions: []string{"a1"}, Children: []string{"c4", "e6"}, Current: true}
	tests := []struct {
		name string
		v    *scriptView
		o    lineOptions
		want string
	}{
		{"history base", base, lineOptions{branches: true, doc: true, parents: true, treeIndicators: true}, "<base> -> a1, create account"},
		{"history merge head", merge, lineOptions{branches: true, doc: true, parents: true, treeIndicators: true}, "b2, c4 -> m3 (billing, search) (head) (mergepoint), merge"},
		{"heads without tree indicators", merge, lineOptions{branches: true}, "m3 (billing, search) (head)"},
		{"effective head with dependencies", effective, lineOptions{parents: true, doc: true}, "c4 (x9, y8) -> d5 (effective head), "},
		{"current branch point", point, lineOptions{treeIndicators: true}, "b2 (current) (branchpoint)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.v.line(tt.o); got != tt.want {
				t.Errorf("line() = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestScriptView_LogEntry(t *testing.T) {
	tests := []struct {
		name string
		v    *scriptView
		want string
	}{
		{
			name: "branch point with paragraphs",
			v:    &scriptView{ID: "b2", DownRevisions: []string{"a1"}, Children: []string{"c3", "d4"}, Path: "/p/b2.py", LongDoc: "add a column\n\nsecond\nthird"},
			want: "Rev: b2 (branchpoint)\nParent: a1\nBranches into: c3, d4\nPath: /p/b2.py\n\n    add a column\n    \n    second\n    third\n",
		},
		{
			name: "merge head with labels and dependencies, no docstring",
			v:    &scriptView{ID: "m", DownRevisions: []string{"x", "y"}, DependsOn: []string{"z"}, BranchLabels: []string{"a", "b"}, Dependents: true, Path: "/p/m.py"},
			want: "Rev: m (head) (mergepoint)\nMerges: x, y\nAlso depends on: z\nBranch names: a, b\nPath: /p/m.py\n\n\n",
		},
		{
			name: "current base",
			v:    &scriptView{ID: "a", Children: []string{"b"}, Current: true, Path: "/p/a.py", LongDoc: "first"},
			want: "Rev: a (current)\nParent: <base>\nPath: /p/a.py\n\n    first\n",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.v.logEntry(); got != tt.want {
				t.Errorf("logEntry() =\n%q\nwant\n%q", got, tt.want)
			}
		})
	}
}

func TestPrintBranches(t *testing.T) {
	point := &scriptView{ID: "27c6", DownRevisions: []string{"1975"}, Children: []string{"3cd7", "4a1f"}, LongDoc: "add"}
	children := map[string]*scriptView{
		"3cd7": {ID: "3cd7", DownRevisions: []string{"27c6"}, BranchLabels: []string{"billing"}, LongDoc: "billing start"},
		"4a1f": {ID: "4a1f", DownRevisions: []string{"27c6"}, LongDoc: "search start"},
	}
	byID := func(id string) *scriptView { return children[id] }
	tests := []struct {
		verbose bool
		want    string
	}{
		{false, "27c6 (branchpoint)\n     -> 3cd7 (billing) (head)\n     -> 4a1f (head)\n\n"},
		{true, "Rev: 27c6 (branchpoint)\nParent: 1975\nBranches into: 3cd7, 4a1f\nPath: \n\n    add\n\n     -> 3cd7 (billing) (head), billing start\n     -> 4a1f (head), search start\n\n"},
	}
	for _, tt := range tests {
		var b bytes.Buffer
		printBranches(&b, []*scriptView{point}, byID, tt.verbose)
		if b.String() != tt.want {
			t.Errorf("verbose=%v:\n%q\nwant\n%q", tt.verbose, b.String(), tt.want)
		}
	}
}
