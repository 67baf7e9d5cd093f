package pyscript

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestScriptsPrintWhatPythonPrints runs each testdata/pyrun/*.py
// script's upgrade() and compares what it prints with NAME.out, which
// CPython 3.11 printed for the same file (see record.sh there).
func TestScriptsPrintWhatPythonPrints(t *testing.T) {
	files, err := filepath.Glob("testdata/pyrun/*.py")
	if err != nil || len(files) == 0 {
		t.Fatalf("no cases: %v", err)
	}
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) {
			src, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			want, err := os.ReadFile(strings.TrimSuffix(f, ".py") + ".out")
			if err != nil {
				t.Fatal(err)
			}
			var printed []string
			if _, err := runUpgrade(t, string(src), Env{Print: func(m string) { printed = append(printed, m) }}); err != nil {
				t.Fatal(err)
			}
			if got := strings.Join(printed, "\n") + "\n"; got != string(want) {
				t.Errorf("got\n%s\nwant\n%s", got, want)
			}
		})
	}
}
