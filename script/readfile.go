package script

import (
	"fmt"
	"io"
	"io/fs"
	"os"
)

// handle is an open file: an *os.File, or a file of the Options.FS.
type handle = fs.File

// opener opens a script file by the path the directory lists it under.
type opener func(path string) (fs.File, error)

// osOpen opens a file of the operating system.
func osOpen(path string) (fs.File, error) { return os.Open(path) }

// readPrefix reads up to len(buf) bytes from the start of a file and
// reports whether that was the whole file.
func readPrefix(open opener, path string, buf []byte) (n int, complete bool, f handle, err error) {
	f, err = open(path)
	if err != nil {
		return 0, false, nil, err
	}
	n, err = io.ReadFull(f, buf)
	if err == io.EOF || err == io.ErrUnexpectedEOF {
		return n, true, f, nil
	}
	if err != nil {
		f.Close()
		return 0, false, nil, err
	}
	return n, false, f, nil
}

// readRest reads the remainder of a file opened by readPrefix.
func readRest(f handle) ([]byte, error) { return io.ReadAll(f) }

func closeFile(f handle) { f.Close() }

// open is the directory's way of opening one of its files.
func (d *Directory) open() opener {
	if d.fsys != nil {
		return d.fsys.Open
	}
	return osOpen
}

// ReadFile returns the whole text of a script: from the Options.FS when the
// directory was opened on one, else from the operating system.
func (d *Directory) ReadFile(s *Script) ([]byte, error) {
	if s.Kind == KindGo {
		return nil, fmt.Errorf("revision %s is defined in Go code and has no file", s.Revision.ID)
	}
	if d.fsys != nil {
		return fs.ReadFile(d.fsys, s.Path)
	}
	return os.ReadFile(s.Path)
}

// FS is the file system the directory reads, or nil for the operating
// system's.
func (d *Directory) FS() fs.FS { return d.fsys }
