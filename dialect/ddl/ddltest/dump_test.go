package ddltest

import (
	"flag"
	"testing"
)

var dump = flag.String("dump", "", "write the cases as JSON to this file (used by testdata/oracle.sh)")

func TestDumpCases(t *testing.T) {
	if *dump == "" {
		t.Skip("only with -dump FILE")
	}
	if err := DumpCases(*dump); err != nil {
		t.Fatal(err)
	}
}

func TestCaseNamesUnique(t *testing.T) {
	seen := map[string]bool{}
	for _, c := range Cases() {
		if seen[c.Name] {
			t.Errorf("duplicate case %s", c.Name)
		}
		seen[c.Name] = true
		if c.Py == "" || len(c.Ops) == 0 {
			t.Errorf("case %s lacks a script or ops", c.Name)
		}
	}
}
