package cli

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"testing"
)

// branchedProject10k writes a 10,000-revision project shaped like
// scripts/benchgen's branched ones: every 50 revisions a branch point, two
// branches of 20 and a merge.
func branchedProject10k(b *testing.B) string {
	dir := b.TempDir()
	versions := filepath.Join(dir, "migrations", "versions")
	if err := os.MkdirAll(versions, 0o755); err != nil {
		b.Fatal(err)
	}
	ini := filepath.Join(dir, "alembic.ini")
	if err := os.WriteFile(ini, []byte("[alembic]\nscript_location = %(here)s/migrations\n"), 0o644); err != nil {
		b.Fatal(err)
	}
	const n = 10000
	id := func(i int) string { return fmt.Sprintf("%012x", 0xbe0000000000+i) }
	parents := make([][]string, n)
	for i := 1; i < n; i++ {
		parents[i] = []string{id(i - 1)}
	}
	for base := 0; base+41 < n; base += 50 {
		parents[base+21] = []string{id(base)}
		parents[base+41] = []string{id(base + 20), id(base + 40)}
	}
	for i := range n {
		down := "None"
		switch len(parents[i]) {
		case 1:
			down = "'" + parents[i][0] + "'"
		case 2:
			down = fmt.Sprintf("('%s', '%s')", parents[i][0], parents[i][1])
		}
		src := fmt.Sprintf("\"\"\"create table t%d\n\nRevision ID: %s\n\"\"\"\nrevision = '%s'\ndown_revision = %s\nbranch_labels = None\ndepends_on = None\n\n\ndef upgrade():\n    pass\n\n\ndef downgrade():\n    pass\n", i, id(i), id(i), down)
		if err := os.WriteFile(filepath.Join(versions, id(i)+".py"), []byte(src), 0o644); err != nil {
			b.Fatal(err)
		}
	}
	return ini
}

// BenchmarkGraph10k is the issue's budget "graph on 10,000 revisions under
// 200 ms", in-process: config, header scan, graph validation and the
// picture; "heads" in the same run shows what loading alone costs.
func BenchmarkGraph10k(b *testing.B) {
	ini := branchedProject10k(b)
	getenv := func(string) string { return "" }
	for _, args := range [][]string{
		{"heads"},
		{"graph", "--no-db"},
		{"graph", "--no-db", "--format", "dot"},
		{"graph", "--no-db", "--format", "mermaid"},
		{"graph", "--no-db", "--format", "json"},
	} {
		name := args[0]
		if len(args) > 2 {
			name += "-" + args[3]
		}
		b.Run(name, func(b *testing.B) {
			for b.Loop() {
				if code := run(context.Background(), append([]string{"-c", ini}, args...), io.Discard, io.Discard, getenv); code != exitOK {
					b.Fatalf("exit status %d", code)
				}
			}
		})
	}
}
