package migration

import "testing"

// TestRowChunksKeepsOrder fills rowChunks across several chunk boundaries
// and checks that every row comes back once, in order.
func TestRowChunksKeepsOrder(t *testing.T) {
	for _, n := range []int{0, 1, 63, 64, 65, 1000} {
		var c rowChunks
		for i := range n {
			c.add().ID = int64(i + 1)
		}
		got := c.rows()
		if len(got) != n {
			t.Fatalf("n=%d: got %d rows", n, len(got))
		}
		if n == 0 && got != nil {
			t.Errorf("n=0: got %v, want nil", got)
		}
		for i, r := range got {
			if r.ID != int64(i+1) {
				t.Fatalf("n=%d: row %d has ID %d, want %d", n, i, r.ID, i+1)
			}
		}
	}
}
