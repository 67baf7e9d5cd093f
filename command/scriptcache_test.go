package command

import (
	"path/filepath"
	"strings"
	"testing"
)

func TestOpenScriptCache(t *testing.T) {
	root := t.TempDir()
	env := map[string]string{"RETORT_CACHE_DIR": root}
	getenv := func(k string) string { return env[k] }
	c := OpenScriptCache(getenv)
	if c == nil {
		t.Fatal("no cache with RETORT_CACHE_DIR set")
	}
	if !strings.HasPrefix(c.Dir(), filepath.Join(root, "pyscript")+string(filepath.Separator)) {
		t.Errorf("cache in %s, want under %s", c.Dir(), root)
	}
	for _, off := range []string{"1", "true", "yes"} {
		env["RETORT_NO_CACHE"] = off
		if OpenScriptCache(getenv) != nil {
			t.Errorf("RETORT_NO_CACHE=%s: a cache was opened", off)
		}
	}
	env["RETORT_NO_CACHE"] = "0"
	if OpenScriptCache(getenv) == nil {
		t.Error("RETORT_NO_CACHE=0: no cache")
	}
}
