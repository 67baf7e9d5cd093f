package script

import (
	"slices"
	"testing"
)

// TestGenerateMergeSplice is Alembic 1.18.5's merge --splice: revisions
// that are not heads may be merged, making a new branch point.
func TestGenerateMergeSplice(t *testing.T) {
	_, d := branchedProject(t)
	s, err := d.Generate(GenerateOptions{Parents: []string{"a1a1", "c3c3"}, Splice: true, RevID: "d4d4d4d4d4d4", Message: "join", Now: fixedNow})
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{"a1a1a1a1a1a1", "c3c3c3c3c3c3"}; !slices.Equal(s.Revision.DownRevisions, want) {
		t.Errorf("down = %v, want %v", s.Revision.DownRevisions, want)
	}
	// b2b2 stays a head beside the new merge point.
	if got := ids(d.Map.Heads()); !slices.Equal(got, []string{"b2b2b2b2b2b2", "d4d4d4d4d4d4"}) && !slices.Equal(got, []string{"d4d4d4d4d4d4", "b2b2b2b2b2b2"}) {
		t.Errorf("heads = %v", got)
	}
}
