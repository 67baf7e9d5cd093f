package smallfile

import (
	"bytes"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"testing"
)

func TestReadPrefixAgreesWithPackageOS(t *testing.T) {
	dir := t.TempDir()
	const bufSize = 16
	for _, size := range []int{0, 1, bufSize - 1, bufSize, bufSize + 1, 3 * bufSize} {
		data := bytes.Repeat([]byte("x"), size)
		path := filepath.Join(dir, "f")
		if err := os.WriteFile(path, data, 0o644); err != nil {
			t.Fatal(err)
		}
		buf := make([]byte, bufSize)
		n, complete, err := ReadPrefix(path, buf)
		if err != nil {
			t.Fatal(err)
		}
		wantN := min(size, bufSize)
		if n != wantN || complete != (size <= bufSize) || !bytes.Equal(buf[:n], data[:wantN]) {
			t.Errorf("size %d: n=%d complete=%v, want n=%d complete=%v", size, n, complete, wantN, size <= bufSize)
		}
		pn, pcomplete, err := portablePrefix(path, make([]byte, bufSize))
		if err != nil || pn != n || pcomplete != complete {
			t.Errorf("size %d: portable n=%d complete=%v err=%v, fast n=%d complete=%v", size, pn, pcomplete, err, n, complete)
		}
		whole, err := ReadFile(path, make([]byte, bufSize))
		if err != nil || !bytes.Equal(whole, data) {
			t.Errorf("size %d: ReadFile = %d bytes, %v", size, len(whole), err)
		}
	}
}

func TestErrorsNameThePath(t *testing.T) {
	missing := filepath.Join(t.TempDir(), "missing.py")
	_, _, err := ReadPrefix(missing, make([]byte, 8))
	var pe *fs.PathError
	if !errors.As(err, &pe) || pe.Path != missing || !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("err = %v, want a PathError for %s that is ErrNotExist", err, missing)
	}
	if _, _, err := ReadPrefix(t.TempDir(), make([]byte, 8)); err == nil {
		t.Error("reading a directory succeeded")
	}
}

func TestDirReadsByName(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "a.py"), []byte("revision = 'a'\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	d, err := OpenDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	buf := make([]byte, 64)
	n, complete, err := d.ReadPrefix("a.py", buf)
	if err != nil || !complete || string(buf[:n]) != "revision = 'a'\n" {
		t.Errorf("ReadPrefix(a.py) = %q, %v, %v", buf[:n], complete, err)
	}
	_, _, err = d.ReadPrefix("missing.py", buf)
	var pe *fs.PathError
	if !errors.As(err, &pe) || pe.Path != filepath.Join(dir, "missing.py") {
		t.Errorf("err = %v, want one naming %s", err, filepath.Join(dir, "missing.py"))
	}
	if _, err := OpenDir(filepath.Join(dir, "a.py")); err == nil {
		t.Error("OpenDir of a file succeeded")
	}
}
