// Package tail keeps the end of a child process's output, for the error
// message when it fails (the project's Python, for target and pybridge).
package tail

import (
	"io"
	"strings"
	"sync"
)

// Buffer keeps the last Max bytes written to it and passes everything on
// to Pass, when set. It is safe for concurrent writers.
type Buffer struct {
	Max  int
	Pass io.Writer

	mu  sync.Mutex
	buf []byte
}

// Write keeps the end of p and passes p on.
func (b *Buffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.buf = append(b.buf, p...)
	if over := len(b.buf) - b.Max; over > 0 {
		b.buf = append(b.buf[:0], b.buf[over:]...)
	}
	if b.Pass != nil {
		b.Pass.Write(p) // the copy shown to the user; the kept end matters more
	}
	return len(p), nil
}

// String is what is kept.
func (b *Buffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return string(b.buf)
}

// LastLines is the last n lines of s.
func LastLines(s string, n int) string {
	lines := strings.Split(strings.TrimRight(s, "\n"), "\n")
	if len(lines) > n {
		lines = lines[len(lines)-n:]
	}
	return strings.Join(lines, "\n")
}
