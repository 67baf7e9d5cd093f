package command

import (
	"bytes"
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"sync"

	"github.com/retort-dev/retort/internal/lazyre"
	"github.com/retort-dev/retort/target"
)

// Alembic names the constraints and indexes a script leaves unnamed by the
// naming convention of env.py's target_metadata. When that metadata is the
// project's SQLAlchemy models, only the project's Python knows it; running
// it costs as much as importing the models, so retort asks only when the
// project can have a convention at all (some file of it says
// naming_convention) and a script names something.

// targetMetadataNone is env.py's `target_metadata = None`, as alembic init writes it.
var (
	targetMetadataNone   = lazyre.New(`(?m)^target_metadata\s*=\s*None\s*(#.*)?$`)
	targetMetadataAssign = lazyre.New(`(?m)^target_metadata\s*=`)
)

// maxConventionScan bounds the files read looking for naming_convention.
const maxConventionScan = 5000

// conventionLoader returns the loader of a SQLAlchemy target's naming
// convention (env.py's target_metadata, or importPath), or nil when env.py
// sets target_metadata = None. The loader first looks whether any file of
// the project mentions naming_convention (no convention, no Python): that
// walk, like the Python run, happens only when a script names something.
func (p *Project) conventionLoader(importPath string) func() (map[string]string, error) {
	location, err := p.Config.ScriptLocation()
	if err != nil {
		return nil
	}
	if importPath == "" {
		src, err := os.ReadFile(filepath.Join(location, "env.py"))
		if err != nil {
			return nil // no env.py: Alembic has no target_metadata either
		}
		if targetMetadataNone().Match(src) && len(targetMetadataAssign().FindAll(src, -1)) == 1 {
			return nil
		}
	}
	var once sync.Once
	var conv map[string]string
	var loadErr error
	return func() (map[string]string, error) {
		once.Do(func() {
			if !mentionsNamingConvention(p.Config.Here, location) {
				return
			}
			proj := p.takeEnvPyRun(importPath)
			if proj == nil {
				python, err := target.FindPython(p.Config.Here, p.Config.String("python", ""), p.Config.Getenv)
				if err != nil {
					loadErr = err
					return
				}
				if proj, err = p.startPython(context.Background(), python, location, importPath); err != nil {
					loadErr = err
					return
				}
			}
			defer proj.Close()
			if md := proj.MetaData(); md != nil {
				conv = md.NamingConvention
			}
		})
		return conv, loadErr
	}
}

// takeEnvPyRun is the helper run that already evaluated env.py for its
// URL, when there is one (its models are loaded).
func (p *Project) takeEnvPyRun(importPath string) *target.SQLAProject {
	if importPath != "" || p.envURL == nil || p.envURL.loaded == nil {
		return nil
	}
	proj := p.envURL.loaded
	p.envURL.loaded = nil
	return proj
}

// mentionsNamingConvention reports whether a .py file under root (the
// config's directory; virtual environments and the scripts' own directory
// aside) says naming_convention.
func mentionsNamingConvention(root, scriptLocation string) bool {
	needle := []byte("naming_convention")
	seen, found := 0, false
	versions := filepath.Join(scriptLocation, "versions")
	filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return nil // an unreadable entry says nothing
		}
		if seen >= maxConventionScan {
			return filepath.SkipAll
		}
		if d.IsDir() {
			switch d.Name() {
			case ".git", ".venv", "venv", "node_modules", "__pycache__", "site-packages", ".tox", ".mypy_cache":
				return filepath.SkipDir
			}
			if path == versions {
				return filepath.SkipDir
			}
			return nil
		}
		if filepath.Ext(path) != ".py" {
			return nil
		}
		seen++
		if src, err := os.ReadFile(path); err == nil && bytes.Contains(src, needle) {
			found = true
			return filepath.SkipAll
		}
		return nil
	})
	return found || seen >= maxConventionScan
}
