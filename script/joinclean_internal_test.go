package script

import (
	"path/filepath"
	"testing"
)

func TestJoinCleanIsJoinOfListedNames(t *testing.T) {
	for _, dir := range []string{"/", "/a", "/a/b", filepath.Join("/tmp", "x y", "versions")} {
		for _, name := range []string{"a.py", "1_x.sql", ".hidden.py", "__init__.py"} {
			if got, want := joinClean(dir, name), filepath.Join(dir, name); got != want {
				t.Errorf("joinClean(%q, %q) = %q, want %q", dir, name, got, want)
			}
		}
	}
}
