//go:build !linux

package smallfile

import "path/filepath"

func readPrefix(path string, buf []byte) (int, bool, error) { return portablePrefix(path, buf) }

func openDir(path string) (*Dir, error) { return &Dir{path: path, fd: -1}, nil }

func (d *Dir) readPrefix(name string, buf []byte) (int, bool, error) {
	return portablePrefix(filepath.Join(d.path, name), buf)
}

func (d *Dir) close() error { return nil }
