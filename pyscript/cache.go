package pyscript

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime/debug"
	"slices"
	"sort"
	"strconv"
	"sync"

	"go.starlark.net/starlark"
)

// Cache keeps compiled scripts on disk so that a run compiles only the
// scripts it has not seen: shimming, parsing and resolving is most of the
// cost of an offline upgrade of many small scripts. It is never needed for
// correctness: an entry is found by the SHA-256 of the script's exact bytes,
// its path (positions in errors name it) and the identity of the running
// program (its build information and executable file), each entry carries
// its own checksum, and anything that cannot be read, decoded or written is
// compiled afresh.
//
// Entries live in pack files, read all at once on first use: creating a
// file is what costs most on disk, so a run writes the entries it compiled
// as one new pack (Flush), through a temporary file renamed into place, so
// processes sharing the directory see whole packs or none. Once there are
// maxPacks packs, a flush merges them into one. Whoever can write the
// directory decides what scripts run, so it is created private to the
// user (0700). A Cache is safe for concurrent use.
type Cache struct {
	dir      string   // this build's packs
	identity [32]byte // of the running program

	loaded sync.Once
	mu     sync.Mutex
	// index holds the entries of the packs read and of this run's
	// compiles, by key; packs are the files read.
	index   map[[32]byte][]byte
	packs   []string
	size    int               // bytes in index
	used    map[[32]byte]bool // entries this run asked for
	pending [][]byte          // compiled this run, not yet written
}

// cacheFormat changes whenever the entry layout does; it is part of every
// key, so entries of another layout are never read.
const cacheFormat = "retort-pyscript-cache-1"

// cacheMagic opens every entry, packMagic every pack.
const (
	cacheMagic = "RPYC1\n"
	packMagic  = "RPYP1\n"
)

// maxPacks is how many packs a flush may leave before it merges them, and
// maxPackBytes how large a merged pack may grow: past it, only the entries
// the run used are kept (the others are mostly of scripts since edited).
const (
	maxPacks     = 8
	maxPackBytes = 64 << 20
)

// keptBuilds is how many builds' entry directories a cache directory keeps;
// older ones (other versions of retort, earlier development builds) are
// removed when a new build first writes.
const keptBuilds = 8

// OpenCache returns the cache of compiled scripts under root, with a
// directory for the running build. It fails when the program cannot be
// identified (its executable cannot be found or read); the caller then
// compiles without a cache. Nothing is created until an entry is written.
func OpenCache(root string) (*Cache, error) {
	if root == "" {
		return nil, errors.New("compile cache: no directory")
	}
	id, err := buildIdentity()
	if err != nil {
		return nil, fmt.Errorf("compile cache: %w", err)
	}
	return &Cache{dir: filepath.Join(root, hex.EncodeToString(id[:16])), identity: id}, nil
}

// buildIdentity names the running program: its module and dependency
// versions and VCS stamp, and its executable's path, size and modification
// time, so that any rebuild (a development build of changed code keeps its
// version) starts a new cache.
func buildIdentity() ([32]byte, error) {
	h := sha256.New()
	h.Write([]byte(cacheFormat + "\n"))
	if info, ok := debug.ReadBuildInfo(); ok {
		h.Write([]byte(info.String()))
	}
	exe, err := os.Executable()
	if err != nil {
		return [32]byte{}, fmt.Errorf("identify the program: %w", err)
	}
	st, err := os.Stat(exe)
	if err != nil {
		return [32]byte{}, fmt.Errorf("identify the program: %w", err)
	}
	fmt.Fprintf(h, "\n%s\n%d\n%d\n", exe, st.Size(), st.ModTime().UnixNano())
	return [32]byte(h.Sum(nil)), nil
}

// Dir is the directory holding this build's entries.
func (c *Cache) Dir() string { return c.dir }

// Compile is the package's Compile, reusing the compiled program of an
// earlier run when one is cached, and keeping it for Flush otherwise. A nil
// Cache just compiles. Scripts that fail to compile are not cached.
func (c *Cache) Compile(path string, src []byte) (*Script, error) {
	if c == nil {
		return Compile(path, src)
	}
	c.loaded.Do(c.load)
	key := c.key(path, src)
	c.mu.Lock()
	data := c.index[key]
	c.used[key] = true
	c.mu.Unlock()
	if data != nil {
		if s, err := decodeEntry(data, key, path); err == nil {
			return s, nil
		}
	}
	s, names, err := compile(path, src)
	if err != nil {
		return nil, err
	}
	if data, err := encodeEntry(key, s, names); err == nil {
		c.mu.Lock()
		if _, seen := c.index[key]; !seen {
			c.size += len(data)
		}
		c.index[key] = data
		c.pending = append(c.pending, data)
		c.mu.Unlock()
	}
	return s, nil
}

// Flush writes the entries compiled since the last flush as one pack, or,
// when there are maxPacks packs already, merges everything into one. It is
// best effort: a read-only or full disk only costs the next run its speed.
// A nil Cache has nothing to flush.
func (c *Cache) Flush() {
	if c == nil {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if len(c.pending) == 0 {
		return
	}
	entries, replaced := c.pending, []string(nil)
	if len(c.packs) >= maxPacks {
		entries, replaced = nil, c.packs
		for key, data := range c.index {
			if c.size <= maxPackBytes || c.used[key] {
				entries = append(entries, data)
			}
		}
	}
	pack := []byte(packMagic)
	for _, e := range entries {
		pack = binary.AppendUvarint(pack, uint64(len(e)))
		pack = append(pack, e...)
	}
	sum := sha256.Sum256(pack)
	name := filepath.Join(c.dir, "p-"+hex.EncodeToString(sum[:12])+".pack")
	if err := c.write(name, pack); err != nil {
		return
	}
	for _, old := range replaced {
		if old != name {
			os.Remove(old)
		}
	}
	if replaced != nil {
		c.packs = nil
	}
	c.packs = append(c.packs, name)
	c.pending = nil
}

// load reads every pack of this build into the index. A pack that cannot
// be read is skipped; a damaged entry is found when it is decoded.
func (c *Cache) load() {
	c.index, c.used = map[[32]byte][]byte{}, map[[32]byte]bool{}
	files, err := os.ReadDir(c.dir)
	if err != nil {
		return
	}
	for _, f := range files {
		if f.IsDir() || filepath.Ext(f.Name()) != ".pack" {
			continue
		}
		name := filepath.Join(c.dir, f.Name())
		data, err := os.ReadFile(name)
		if err != nil || !bytes.HasPrefix(data, []byte(packMagic)) {
			continue
		}
		c.packs = append(c.packs, name)
		r := &entryReader{b: data[len(packMagic):]}
		for len(r.b) > 0 && r.err == nil {
			e := r.bytes()
			if r.err != nil || len(e) < len(cacheMagic)+32 {
				break // a damaged pack: keep what came before
			}
			key := [32]byte(e[len(cacheMagic) : len(cacheMagic)+32])
			if _, seen := c.index[key]; !seen {
				c.size += len(e)
			}
			c.index[key] = e
		}
	}
}

// key is what an entry is found by: the program, the script's path and bytes.
func (c *Cache) key(path string, src []byte) [32]byte {
	h := sha256.New()
	h.Write(c.identity[:])
	var n [binary.MaxVarintLen64]byte
	h.Write(n[:binary.PutUvarint(n[:], uint64(len(path)))])
	h.Write([]byte(path))
	h.Write(src)
	return [32]byte(h.Sum(nil))
}

// write stores a pack atomically: a temporary file beside it, renamed.
func (c *Cache) write(name string, data []byte) error {
	tmp, err := os.CreateTemp(c.dir, ".tmp-*")
	if errors.Is(err, os.ErrNotExist) {
		if err := c.create(); err != nil {
			return err
		}
		tmp, err = os.CreateTemp(c.dir, ".tmp-*")
	}
	if err != nil {
		return err
	}
	_, werr := tmp.Write(data)
	cerr := tmp.Close()
	if err := errors.Join(werr, cerr); err != nil {
		os.Remove(tmp.Name())
		return err
	}
	if err := os.Rename(tmp.Name(), name); err != nil {
		os.Remove(tmp.Name())
		return err
	}
	return nil
}

// create makes this build's directory and removes the directories of all
// but the keptBuilds most recently written builds.
func (c *Cache) create() error {
	if err := os.MkdirAll(c.dir, 0o700); err != nil {
		return err
	}
	root := filepath.Dir(c.dir)
	entries, err := os.ReadDir(root)
	if err != nil {
		return nil
	}
	type build struct {
		path    string
		written int64
	}
	var builds []build
	for _, e := range entries {
		if !e.IsDir() || !isBuildDir(e.Name()) {
			continue
		}
		if info, err := e.Info(); err == nil {
			builds = append(builds, build{filepath.Join(root, e.Name()), info.ModTime().UnixNano()})
		}
	}
	sort.Slice(builds, func(i, j int) bool { return builds[i].written > builds[j].written })
	kept := 1 // this build's, just created
	for _, b := range builds {
		if b.path == c.dir {
			continue
		}
		if kept < keptBuilds {
			kept++
			continue
		}
		os.RemoveAll(b.path)
	}
	return nil
}

// isBuildDir reports whether a name is one of the cache's build
// directories (32 hex digits), so pruning never touches anything else.
func isBuildDir(name string) bool {
	if len(name) != 32 {
		return false
	}
	_, err := hex.DecodeString(name)
	return err == nil
}

// An entry is
//
//	cacheMagic
//	key          [32]byte
//	shifts       uvarint count, then per line: uvarint line, uvarint count, per shift: varint from, varint delta
//	names        uvarint count, then per name: uvarint length, bytes
//	program      uvarint length, bytes (starlark.Program.Write)
//	sum          [32]byte, SHA-256 of all of the above
//
// The sum guards the decoder against a truncated or damaged file.

func encodeEntry(key [32]byte, s *Script, names []string) ([]byte, error) {
	var prog bytes.Buffer
	if err := s.prog.Write(&prog); err != nil {
		return nil, err
	}
	b := append([]byte(cacheMagic), key[:]...)
	lines := make([]int, 0, len(s.shifts))
	for line := range s.shifts {
		lines = append(lines, line)
	}
	slices.Sort(lines)
	b = binary.AppendUvarint(b, uint64(len(lines)))
	for _, line := range lines {
		b = binary.AppendUvarint(b, uint64(line))
		b = binary.AppendUvarint(b, uint64(len(s.shifts[line])))
		for _, sh := range s.shifts[line] {
			b = binary.AppendVarint(b, int64(sh.from))
			b = binary.AppendVarint(b, int64(sh.delta))
		}
	}
	b = binary.AppendUvarint(b, uint64(len(names)))
	for _, name := range names {
		b = binary.AppendUvarint(b, uint64(len(name)))
		b = append(b, name...)
	}
	b = binary.AppendUvarint(b, uint64(prog.Len()))
	b = append(b, prog.Bytes()...)
	sum := sha256.Sum256(b)
	return append(b, sum[:]...), nil
}

// entryReader reads an entry's fields; the first failure sticks.
type entryReader struct {
	b   []byte
	err error
}

func (r *entryReader) uvarint() uint64 {
	if r.err != nil {
		return 0
	}
	v, n := binary.Uvarint(r.b)
	if n <= 0 {
		r.err = errors.New("bad number")
		return 0
	}
	r.b = r.b[n:]
	return v
}

func (r *entryReader) varint() int64 {
	if r.err != nil {
		return 0
	}
	v, n := binary.Varint(r.b)
	if n <= 0 {
		r.err = errors.New("bad number")
		return 0
	}
	r.b = r.b[n:]
	return v
}

func (r *entryReader) bytes() []byte {
	n := r.uvarint()
	if r.err != nil {
		return nil
	}
	if n > uint64(len(r.b)) {
		r.err = errors.New("truncated")
		return nil
	}
	v := r.b[:n]
	r.b = r.b[n:]
	return v
}

// count reads a length that must not exceed what is left to read.
func (r *entryReader) count() int {
	n := r.uvarint()
	if n > uint64(len(r.b)) {
		r.err = errors.New("bad count")
		return 0
	}
	return int(n)
}

func decodeEntry(data []byte, key [32]byte, path string) (*Script, error) {
	if len(data) < len(cacheMagic)+len(key)+sha256.Size || string(data[:len(cacheMagic)]) != cacheMagic {
		return nil, errors.New("not an entry")
	}
	body, sum := data[:len(data)-sha256.Size], data[len(data)-sha256.Size:]
	if got := sha256.Sum256(body); !bytes.Equal(got[:], sum) {
		return nil, errors.New("damaged entry")
	}
	if !bytes.Equal(body[len(cacheMagic):len(cacheMagic)+len(key)], key[:]) {
		return nil, errors.New("entry of another script")
	}
	r := &entryReader{b: body[len(cacheMagic)+len(key):]}
	shifts := lineShifts{}
	for range r.count() {
		line := int(r.uvarint())
		n := r.count()
		for range n {
			from, delta := r.varint(), r.varint()
			shifts[line] = append(shifts[line], colShift{from: int(from), delta: int(delta)})
		}
	}
	names := make([]string, r.count())
	for i := range names {
		names[i] = string(r.bytes())
	}
	code := r.bytes()
	if r.err == nil && len(r.b) != 0 {
		r.err = errors.New("trailing bytes")
	}
	if r.err != nil {
		return nil, fmt.Errorf("entry: %w", r.err)
	}
	for _, name := range names {
		if !isPredeclared(name) {
			return nil, fmt.Errorf("entry refers to %s, which this build does not predeclare", strconv.Quote(name))
		}
	}
	prog, err := starlark.CompiledProgram(bytes.NewReader(code))
	if err != nil {
		return nil, err
	}
	if prog.Filename() != path {
		return nil, errors.New("entry compiled for another path")
	}
	return &Script{path: path, prog: prog, shifts: shifts, predeclared: scriptEnv(path, names)}, nil
}
