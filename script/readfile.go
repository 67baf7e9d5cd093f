package script

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/retort-dev/retort/internal/smallfile"
)

// source reads the directory's files: from an fs.FS, or (fsys nil) from
// the operating system.
type source struct {
	fsys fs.FS
	// dirs, when not nil, holds the open directories of one reader of
	// the operating system's files, which then opens each file by its
	// name in its directory (see closeDirs).
	dirs map[string]*smallfile.Dir
}

// prefix reads up to len(buf) bytes from the start of a file and reports
// whether that was the whole file.
func (src source) prefix(path string, buf []byte) (n int, complete bool, err error) {
	if src.fsys == nil {
		if src.dirs != nil {
			dir, name := filepath.Split(path)
			d, ok := src.dirs[dir]
			if !ok {
				d, _ = smallfile.OpenDir(dir) // nil on failure: open by path
				src.dirs[dir] = d
			}
			if d != nil {
				return d.ReadPrefix(name, buf)
			}
		}
		return smallfile.ReadPrefix(path, buf)
	}
	f, err := src.fsys.Open(path)
	if err != nil {
		return 0, false, err
	}
	defer f.Close()
	n, err = io.ReadFull(f, buf)
	if errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) {
		return n, true, nil
	}
	if err != nil {
		return 0, false, err
	}
	return n, false, nil
}

// closeDirs closes the directories prefix opened.
func (src source) closeDirs() {
	for _, d := range src.dirs {
		if d != nil {
			d.Close()
		}
	}
}

// whole reads a whole file.
func (src source) whole(path string) ([]byte, error) {
	if src.fsys == nil {
		return os.ReadFile(path)
	}
	return fs.ReadFile(src.fsys, path)
}

// ReadFile returns the whole text of a script: from the Options.FS when the
// directory was opened on one, else from the operating system. With
// Options.KeepSources, a file read whole when the directory was opened is
// not read again: ReadFile returns those bytes, the text its header came
// from. The caller must not modify the slice.
func (d *Directory) ReadFile(s *Script) ([]byte, error) {
	if s.Kind == KindGo {
		return nil, fmt.Errorf("revision %s is defined in Go code and has no file", s.Revision.ID)
	}
	if s.src != nil {
		return s.src, nil
	}
	return source{fsys: d.fsys}.whole(s.Path)
}

// FS is the file system the directory reads, or nil for the operating
// system's.
func (d *Directory) FS() fs.FS { return d.fsys }
