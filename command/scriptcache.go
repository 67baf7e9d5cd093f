package command

import (
	"os"
	"path/filepath"

	"github.com/retort-dev/retort/pyscript"
)

// OpenScriptCache opens the on-disk cache of compiled .py scripts the
// command line uses: under $RETORT_CACHE_DIR, else the user's cache
// directory (os.UserCacheDir()/retort). RETORT_NO_CACHE=1 turns it off. It
// returns nil when off or when no directory can be named; scripts are then
// compiled on every run. getenv nil means os.Getenv.
func OpenScriptCache(getenv func(string) string) *pyscript.Cache {
	if getenv == nil {
		getenv = os.Getenv
	}
	if v := getenv("RETORT_NO_CACHE"); v != "" && v != "0" {
		return nil
	}
	root := getenv("RETORT_CACHE_DIR")
	if root == "" {
		dir, err := os.UserCacheDir()
		if err != nil {
			return nil
		}
		root = filepath.Join(dir, "retort")
	}
	c, err := pyscript.OpenCache(filepath.Join(root, "pyscript"))
	if err != nil {
		return nil
	}
	return c
}
