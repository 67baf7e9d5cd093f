package smallfile

import (
	"os"
	"path/filepath"
	"syscall"
)

// readPrefix opens, reads and closes with one system call each (and one
// read more to see the end of the file).
func readPrefix(path string, buf []byte) (int, bool, error) {
	return readAt(atCWD, path, path, buf)
}

// atCWD is AT_FDCWD: a name relative to the working directory.
const atCWD = -100

func openDir(path string) (*Dir, error) {
	for {
		fd, err := syscall.Open(path, syscall.O_RDONLY|syscall.O_CLOEXEC|syscall.O_DIRECTORY, 0)
		if err == syscall.EINTR {
			continue
		}
		if err != nil {
			return nil, &os.PathError{Op: "open", Path: path, Err: err}
		}
		return &Dir{path: path, fd: fd}, nil
	}
}

func (d *Dir) readPrefix(name string, buf []byte) (int, bool, error) {
	return readAt(d.fd, name, filepath.Join(d.path, name), buf)
}

func (d *Dir) close() error { return syscall.Close(d.fd) }

// readAt is readPrefix of name relative to the directory dirfd; path names
// the file in errors.
func readAt(dirfd int, name, path string, buf []byte) (int, bool, error) {
	var fd int
	var err error
	for {
		fd, err = syscall.Openat(dirfd, name, syscall.O_RDONLY|syscall.O_CLOEXEC, 0)
		if err != syscall.EINTR {
			break
		}
	}
	if err != nil {
		return 0, false, &os.PathError{Op: "open", Path: path, Err: err}
	}
	defer syscall.Close(fd)
	n := 0
	for n < len(buf) {
		m, err := syscall.Read(fd, buf[n:])
		if err == syscall.EINTR {
			continue
		}
		if err != nil {
			return 0, false, &os.PathError{Op: "read", Path: path, Err: err}
		}
		if m == 0 {
			return n, true, nil
		}
		n += m
	}
	// buf is full: the file is whole only if nothing follows.
	var one [1]byte
	for {
		m, err := syscall.Read(fd, one[:])
		if err == syscall.EINTR {
			continue
		}
		if err != nil {
			return 0, false, &os.PathError{Op: "read", Path: path, Err: err}
		}
		return n, m == 0, nil
	}
}
