package script

import (
	"io"
	"os"
)

// handle is an open file.
type handle = *os.File

// readPrefix reads up to len(buf) bytes from the start of a file and
// reports whether that was the whole file.
func readPrefix(path string, buf []byte) (n int, complete bool, f handle, err error) {
	f, err = os.Open(path)
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
