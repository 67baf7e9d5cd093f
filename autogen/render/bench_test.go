package render

import (
	"testing"

	"github.com/retort-dev/retort/ops"
)

// BenchmarkRenderPython renders 100 reflected PostgreSQL tables of 26
// columns each, with their indexes, as upgrade and downgrade.
func BenchmarkRenderPython(b *testing.B) {
	var up []ops.Op
	for range 100 {
		up = append(up, pythonCases["create_table_reflected_pg"]()...)
	}
	down, err := ops.ReverseAll(up)
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := RenderPython(up, down, Options{}); err != nil {
			b.Fatal(err)
		}
	}
}
