package cli

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"testing"
)

// BenchmarkHeads10k is DESIGN.md's budget "load a 10,000-revision graph and
// print heads: < 150 ms": config, header scan of every script, graph
// validation and the text, in-process.
func BenchmarkHeads10k(b *testing.B) {
	dir := b.TempDir()
	versions := filepath.Join(dir, "migrations", "versions")
	if err := os.MkdirAll(versions, 0o755); err != nil {
		b.Fatal(err)
	}
	ini := filepath.Join(dir, "alembic.ini")
	if err := os.WriteFile(ini, []byte("[alembic]\nscript_location = %(here)s/migrations\n"), 0o644); err != nil {
		b.Fatal(err)
	}
	down := "None"
	for i := 1; i <= 10000; i++ {
		id := fmt.Sprintf("%012x", i)
		src := fmt.Sprintf("\"\"\"step %d\n\nRevision ID: %s\n\"\"\"\nfrom alembic import op\n\nrevision = '%s'\ndown_revision = %s\nbranch_labels = None\ndepends_on = None\n\n\ndef upgrade():\n    op.execute('SELECT 1')\n\n\ndef downgrade():\n    pass\n", i, id, id, down)
		if err := os.WriteFile(filepath.Join(versions, id+"_step.py"), []byte(src), 0o644); err != nil {
			b.Fatal(err)
		}
		down = "'" + id + "'"
	}
	args := []string{"-c", ini, "heads"}
	getenv := func(string) string { return "" }
	b.ResetTimer()
	for b.Loop() {
		if code := run(context.Background(), args, io.Discard, io.Discard, getenv); code != exitOK {
			b.Fatalf("exit status %d", code)
		}
	}
}
