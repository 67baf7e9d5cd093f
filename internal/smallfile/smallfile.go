// Package smallfile reads small files with as few system calls as Linux
// allows (elsewhere, through package os). Reading a directory of thousands
// of migration scripts is dominated by the per-file cost of opening:
// os.Open also asks for the file's type and tries to register it with the
// network poller, which for a file of a few hundred bytes costs more than
// the read; and opening by a name in an open directory spares the kernel
// resolving the directory's path again.
package smallfile

import (
	"errors"
	"io"
	"os"
)

// ReadPrefix reads up to len(buf) bytes from the start of the file at path
// and reports whether that was the whole file. The error is an
// *os.PathError.
func ReadPrefix(path string, buf []byte) (n int, complete bool, err error) {
	return readPrefix(path, buf)
}

// ReadFile returns the whole file at path; buf, when large enough, holds
// the result (which then aliases it), else a larger buffer is allocated.
func ReadFile(path string, buf []byte) ([]byte, error) {
	if len(buf) == 0 {
		buf = make([]byte, 8<<10)
	}
	n, complete, err := readPrefix(path, buf)
	if err != nil {
		return nil, err
	}
	if complete {
		return buf[:n], nil
	}
	// Larger than buf: the ordinary way.
	return os.ReadFile(path)
}

// Dir reads files of one directory by their names in it: the kernel then
// resolves one name a file, not the directory's whole path again.
type Dir struct {
	path string
	fd   int // -1 without a directory handle (the portable way)
}

// OpenDir opens the directory at path for reading its files.
func OpenDir(path string) (*Dir, error) { return openDir(path) }

// ReadPrefix is the package's ReadPrefix of the file name in d.
func (d *Dir) ReadPrefix(name string, buf []byte) (n int, complete bool, err error) {
	return d.readPrefix(name, buf)
}

// Close releases the directory.
func (d *Dir) Close() error { return d.close() }

// portablePrefix is ReadPrefix through package os.
func portablePrefix(path string, buf []byte) (int, bool, error) {
	f, err := os.Open(path)
	if err != nil {
		return 0, false, err
	}
	defer f.Close()
	n, err := io.ReadFull(f, buf)
	if errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) {
		return n, true, nil
	}
	if err != nil {
		return 0, false, &os.PathError{Op: "read", Path: path, Err: err}
	}
	// buf is full: the file is whole only if nothing follows.
	var one [1]byte
	if m, _ := f.Read(one[:]); m == 0 {
		return n, true, nil
	}
	return n, false, nil
}
