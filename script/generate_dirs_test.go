package script

import (
	"os"
	"path/filepath"
	"slices"
	"testing"
)

// TestGenerateFileTemplateDirectories is Alembic 1.18's file_template
// with directories: the new file goes into subdirectories of the version
// location, created with a "Creating directory" line, and a directory
// opened with recursive_version_locations finds it again.
func TestGenerateFileTemplateDirectories(t *testing.T) {
	dir, _ := branchedProject(t)
	const tmpl = "%(year)d/%(month).2d/%(day).2d_%(rev)s_%(slug)s"
	d, err := Open(Options{Dir: dir, FileTemplate: tmpl, Recursive: true})
	if err != nil {
		t.Fatal(err)
	}
	var lines []string
	progress := func(l string) { lines = append(lines, l) }
	s, err := d.Generate(GenerateOptions{Head: "c3c3", RevID: "d4d4d4d4d4d4", Message: "test message", Now: fixedNow, Progress: progress})
	if err != nil {
		t.Fatal(err)
	}
	sub := filepath.Join(dir, "versions", "2026", "11")
	want := filepath.Join(sub, "22_d4d4d4d4d4d4_test_message.py")
	if s.Path != want {
		t.Errorf("path = %s, want %s", s.Path, want)
	}
	wantLines := []string{"Creating directory " + sub + " ...  done", "Generating " + want + " ...  done"}
	if !slices.Equal(lines, wantLines) {
		t.Errorf("progress = %q\nwant       %q", lines, wantLines)
	}

	// A second revision the same month: the directory exists, no line.
	lines = nil
	s2, err := d.Generate(GenerateOptions{Head: "d4d4", RevID: "e5e5e5e5e5e5", Message: "again", Now: fixedNow, Progress: progress})
	if err != nil {
		t.Fatal(err)
	}
	if len(lines) != 1 || filepath.Dir(s2.Path) != sub {
		t.Errorf("second revision: path %s, progress %q", s2.Path, lines)
	}

	again, err := Open(Options{Dir: dir, FileTemplate: tmpl, Recursive: true})
	if err != nil {
		t.Fatal(err)
	}
	for _, id := range []string{"d4d4d4d4d4d4", "e5e5e5e5e5e5"} {
		r, err := again.Map.Get(id)
		if err != nil || r == nil {
			t.Errorf("reopened with recursive_version_locations: %s not found (%v)", id, err)
		}
	}
	if _, err := os.Stat(want); err != nil {
		t.Error(err)
	}
}

// TestGenerateFileTemplateDirectoriesSeveralLocations: with several
// version locations the new revision goes to its head's location; when
// that head lives in a directory the template made, the template's
// directories start from the location again instead of nesting below it.
func TestGenerateFileTemplateDirectoriesSeveralLocations(t *testing.T) {
	dir, _ := branchedProject(t)
	more := filepath.Join(dir, "more")
	d, err := Open(Options{Dir: dir, VersionLocations: []string{filepath.Join(dir, "versions"), more},
		FileTemplate: "%(year)d/%(month).2d/%(rev)s", Recursive: true})
	if err != nil {
		t.Fatal(err)
	}
	s, err := d.Generate(GenerateOptions{Head: "base", RevID: "d4d4d4d4d4d4", BranchLabels: []string{"more"}, VersionPath: more, Now: fixedNow})
	if err != nil {
		t.Fatal(err)
	}
	if want := filepath.Join(more, "2026", "11", "d4d4d4d4d4d4.py"); s.Path != want {
		t.Fatalf("path = %s, want %s", s.Path, want)
	}
	s, err = d.Generate(GenerateOptions{Head: "more@head", RevID: "e5e5e5e5e5e5", Now: fixedNow})
	if err != nil {
		t.Fatal(err)
	}
	if want := filepath.Join(more, "2026", "11", "e5e5e5e5e5e5.py"); s.Path != want {
		t.Errorf("path = %s, want %s", s.Path, want)
	}
}
