package pyscript

import (
	"context"
	"fmt"

	"go.starlark.net/starlark"

	"github.com/retort-dev/retort/schema"
)

// LoadMetaData runs a models.py-style file (SQLAlchemy Core metadata built
// with sa.MetaData and sa.Table, in the same Python dialect as migration
// scripts) and returns the metadata bound to the global called name, or to
// target_metadata or metadata when name is "". The file runs sandboxed
// like a script; op directives are not available in it.
func LoadMetaData(ctx context.Context, path string, src []byte, name string) (*schema.MetaData, error) {
	f, shifts, err := parsePython(path, src)
	if err != nil {
		return nil, err
	}
	rewriteComparisons(f)
	prog, err := starlark.FileProgram(f, isPredeclared)
	if err != nil {
		return nil, unshift(positionedError(path, err), shifts)
	}
	s := &Script{path: path, prog: prog, shifts: shifts}
	var globals starlark.StringDict
	err = s.exec(ctx, nil, Env{}, func(thread *starlark.Thread) error {
		var err error
		globals, err = prog.Init(thread, predeclared)
		return err
	})
	if err != nil {
		return nil, err
	}
	names := []string{name}
	if name == "" {
		names = []string{"target_metadata", "metadata"}
	}
	for _, n := range names {
		v, ok := globals[n]
		if !ok {
			continue
		}
		m, ok := v.(*metaValue)
		if !ok {
			return nil, &Error{Path: path, Msg: fmt.Sprintf("%s is a %s, not sa.MetaData()", n, v.Type())}
		}
		return m.m, nil
	}
	return nil, &Error{Path: path, Msg: fmt.Sprintf("no global named %s holds the metadata", names[0])}
}
