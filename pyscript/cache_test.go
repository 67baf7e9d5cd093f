package pyscript

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/retort-dev/retort/ops"
)

// cacheScripts are scripts whose runs a cached program must reproduce:
// the annotated template, a shimmed construct with shifted columns and a
// runtime error positioned through them, __name__, and a print.
var cacheScripts = map[string]string{
	"versions/1975ea83b712_add_users.py": annotatedTemplate,
	"versions/a1_batch.py": script(`with op.batch_alter_table("t", recreate="x") as b:
    pass`),
	"versions/a2_name.py":  script(`op.execute("name=%s" % __name__)`),
	"versions/a3_print.py": script(`print("hello", 1 + 2)` + "\n" + `op.execute(f"SELECT {1 + 1}")`),
	"versions/a4_try.py": script(`try:
    op.execute("SELECT 1")
except Exception as e:
    pass
x = 3 if __name__ else 4
op.execute("x=%d" % x)`),
}

// outcome runs a compiled script's upgrade and describes all a user sees:
// the operations, the printed lines and the error with its position.
func outcome(t *testing.T) func(s *Script, err error) string {
	t.Helper()
	return func(s *Script, err error) string { return describeRun(s, err) }
}

func describeRun(s *Script, err error) string {
	if err != nil {
		return "compile: " + err.Error()
	}
	var printed []string
	sink := &recordingSink{}
	err = s.Upgrade(context.Background(), sink, Env{Print: func(msg string) { printed = append(printed, msg) }})
	var b strings.Builder
	b.WriteString(opsText(sink.ops))
	fmt.Fprintf(&b, "printed %q\n", printed)
	if err != nil {
		fmt.Fprintf(&b, "error %s\n", err)
		if pe, ok := err.(*Error); ok {
			fmt.Fprintf(&b, "at %s:%d:%d\n", pe.Path, pe.Line, pe.Col)
		}
	}
	return b.String()
}

// opsText spells out operations, pointers followed.
func opsText(list []ops.Op) string {
	var b strings.Builder
	for _, op := range list {
		j, err := json.Marshal(op)
		if err != nil {
			j = []byte(err.Error())
		}
		fmt.Fprintf(&b, "op %T %s\n", op, j)
	}
	return b.String()
}

// reopen is another process's view of c's directory: a new Cache that
// reads the packs c flushed.
func reopen(c *Cache) *Cache { return &Cache{dir: c.dir, identity: c.identity} }

// stored counts the entries on disk in c's directory.
func stored(c *Cache) int {
	r := reopen(c)
	r.loaded.Do(r.load)
	return len(r.index)
}

func packFiles(t testing.TB, c *Cache) []string {
	t.Helper()
	names, err := filepath.Glob(filepath.Join(c.Dir(), "*.pack"))
	if err != nil {
		t.Fatal(err)
	}
	return names
}

func openTestCache(t testing.TB) *Cache {
	t.Helper()
	c, err := OpenCache(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func TestCacheRunsWhatCompileRuns(t *testing.T) {
	c := openTestCache(t)
	want := map[string]string{}
	for path, src := range cacheScripts {
		want[path] = outcome(t)(Compile(path, []byte(src)))
		if miss := outcome(t)(c.Compile(path, []byte(src))); miss != want[path] {
			t.Errorf("%s:\nfresh:\n%s\ncompiled into the cache:\n%s", path, want[path], miss)
		}
	}
	c.Flush()
	if got := stored(c); got != len(cacheScripts) {
		t.Errorf("%d entries stored, want one a script (%d)", got, len(cacheScripts))
	}
	// The next run decodes what this one stored.
	next := reopen(c)
	for path, src := range cacheScripts {
		if hit := outcome(t)(next.Compile(path, []byte(src))); hit != want[path] {
			t.Errorf("%s:\nfresh:\n%s\nfrom the cache:\n%s", path, want[path], hit)
		}
	}
	if next.Flush(); len(packFiles(t, c)) != 1 {
		t.Errorf("a run of hits wrote a pack: %v", packFiles(t, c))
	}
	// The batch script's error keeps the user's column through the cache.
	if got := outcome(t)(reopen(c).Compile("versions/a1_batch.py", []byte(cacheScripts["versions/a1_batch.py"]))); !strings.Contains(got, "at versions/a1_batch.py:8:30") {
		t.Errorf("cached batch script:\n%s\nwant its error at 8:30", got)
	}
}

// writePack stores entries as one pack of c's directory.
func writePack(t *testing.T, c *Cache, entries ...[]byte) {
	t.Helper()
	if err := os.MkdirAll(c.Dir(), 0o700); err != nil {
		t.Fatal(err)
	}
	w := reopen(c)
	w.loaded.Do(func() { w.index, w.used = map[[32]byte][]byte{}, map[[32]byte]bool{} })
	w.pending = entries
	w.Flush()
	if len(w.pending) != 0 {
		t.Fatal("pack not written")
	}
}

// TestCacheHitRunsTheEntry shows that a hit runs the stored program (an
// entry forged for another script's text runs that text), so the tests
// above compared a decoded program, not a fresh compile.
func TestCacheHitRunsTheEntry(t *testing.T) {
	c := openTestCache(t)
	path, real, other := "versions/a1.py", script(`op.execute("real")`), script(`op.execute("forged")`)
	forged, names, err := compile(path, []byte(other))
	if err != nil {
		t.Fatal(err)
	}
	data, err := encodeEntry(c.key(path, []byte(real)), forged, names)
	if err != nil {
		t.Fatal(err)
	}
	writePack(t, c, data)
	if got := outcome(t)(c.Compile(path, []byte(real))); !strings.Contains(got, "forged") {
		t.Errorf("hit ran:\n%s\nwant the stored program", got)
	}
}

func TestCacheKeyIsTheExactBytesAndPath(t *testing.T) {
	c := openTestCache(t)
	a := script(`op.execute("SELECT 1")`)
	b := script(`op.execute("SELECT 2")`)
	if got := outcome(t)(c.Compile("v/a.py", []byte(a))); !strings.Contains(got, "SELECT 1") {
		t.Fatalf("a: %s", got)
	}
	// One byte changed: a new entry, the new text runs.
	if got := outcome(t)(c.Compile("v/a.py", []byte(b))); !strings.Contains(got, "SELECT 2") {
		t.Errorf("edited a ran:\n%s", got)
	}
	// The same bytes at another path: errors name that path.
	bad := script(`op.execute(1 // 0)`)
	for _, path := range []string{"v/x.py", "v/y.py", "v/x.py"} {
		if got := outcome(t)(c.Compile(path, []byte(bad))); !strings.Contains(got, "at "+path+":8:") {
			t.Errorf("%s ran:\n%s\nwant its error at %s:8", path, got, path)
		}
	}
	c.Flush()
	if got := stored(c); got != 4 {
		t.Errorf("%d entries, want 4 (a, edited a, x, y)", got)
	}
}

func TestCacheIgnoresAndRewritesDamagedEntries(t *testing.T) {
	path, src := "v/a.py", []byte(script(`op.execute("SELECT 1")`))
	want := outcome(t)(Compile(path, src))
	damages := map[string]func([]byte) []byte{
		"empty":       func([]byte) []byte { return nil },
		"truncated":   func(b []byte) []byte { return b[:len(b)/2] },
		"flipped":     func(b []byte) []byte { b = append([]byte(nil), b...); b[len(b)/2] ^= 0xff; return b },
		"garbage":     func([]byte) []byte { return []byte("not a pack at all, but long enough to look at its end...") },
		"old magic":   func(b []byte) []byte { b = append([]byte(nil), b...); b[4] = '0'; return b },
		"entry magic": func(b []byte) []byte { b = append([]byte(nil), b...); b[len(packMagic)+2] ^= 1; return b },
		"long length": func(b []byte) []byte { b = append([]byte(nil), b...); b[len(packMagic)] = 0xff; return b },
	}
	for name, damage := range damages {
		t.Run(name, func(t *testing.T) {
			c := openTestCache(t)
			if _, err := c.Compile(path, src); err != nil {
				t.Fatal(err)
			}
			c.Flush()
			packs := packFiles(t, c)
			if len(packs) != 1 {
				t.Fatalf("packs %v, want one", packs)
			}
			good, err := os.ReadFile(packs[0])
			if err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(packs[0], damage(good), 0o600); err != nil {
				t.Fatal(err)
			}
			next := reopen(c)
			if got := outcome(t)(next.Compile(path, src)); got != want {
				t.Errorf("with a damaged pack:\n%s\nwant:\n%s", got, want)
			}
			next.Flush()
			if got := outcome(t)(reopen(c).Compile(path, src)); got != want || stored(c) != 1 {
				t.Errorf("after the damaged run: %d entries stored, and the next run gave\n%s", stored(c), got)
			}
		})
	}
}

func TestCacheMergesPacks(t *testing.T) {
	c := openTestCache(t)
	for i := range maxPacks + 1 {
		run := reopen(c)
		if _, err := run.Compile(fmt.Sprintf("v/s%d.py", i), []byte(script(fmt.Sprintf(`op.execute("SELECT %d")`, i)))); err != nil {
			t.Fatal(err)
		}
		run.Flush()
	}
	if packs := packFiles(t, c); len(packs) != 1 {
		t.Errorf("%d packs after %d runs, want them merged into one", len(packs), maxPacks+1)
	}
	if got := stored(c); got != maxPacks+1 {
		t.Errorf("%d entries stored, want %d", got, maxPacks+1)
	}
}

func TestCacheOfAnotherBuildIsNotRead(t *testing.T) {
	root := t.TempDir()
	c, err := OpenCache(root)
	if err != nil {
		t.Fatal(err)
	}
	other := &Cache{dir: filepath.Join(root, strings.Repeat("0", 32)), identity: [32]byte{1}}
	path := "v/a.py"
	if _, err := other.Compile(path, []byte(script(`op.execute("other build")`))); err != nil {
		t.Fatal(err)
	}
	if c.key(path, []byte("x")) == other.key(path, []byte("x")) {
		t.Error("two builds share a key")
	}
	other.Flush()
	if stored(c) != 0 {
		t.Error("another build's entry is in this build's directory")
	}
}

func TestCacheThatCannotWriteStillCompiles(t *testing.T) {
	root := filepath.Join(t.TempDir(), "file")
	if err := os.WriteFile(root, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	c, err := OpenCache(root) // a file where the directory should be
	if err != nil {
		t.Fatal(err)
	}
	src := []byte(script(`op.execute("SELECT 1")`))
	if got := outcome(t)(c.Compile("v/a.py", src)); !strings.Contains(got, "SELECT 1") {
		t.Errorf("got:\n%s", got)
	}
	var nilCache *Cache
	if got := outcome(t)(nilCache.Compile("v/a.py", src)); !strings.Contains(got, "SELECT 1") {
		t.Errorf("nil cache: got:\n%s", got)
	}
}

func TestCacheDoesNotKeepFailures(t *testing.T) {
	c := openTestCache(t)
	_, err := c.Compile("v/bad.py", []byte("def upgrade(:\n"))
	if err == nil || !strings.HasPrefix(err.Error(), "v/bad.py:1:") {
		t.Fatalf("err = %v, want a syntax error at v/bad.py:1", err)
	}
	c.Flush()
	if n := stored(c); n != 0 {
		t.Errorf("%d entries after a failed compile", n)
	}
}

// TestCacheSharedByConcurrentCompiles is two processes' worth of workers
// compiling the same scripts into one directory (run it with -race).
func TestCacheSharedByConcurrentCompiles(t *testing.T) {
	root := t.TempDir()
	var wg sync.WaitGroup
	errs := make(chan error, 64)
	for w := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			c, err := OpenCache(root) // each worker its own Cache, as processes would
			if err != nil {
				errs <- err
				return
			}
			for i := range 20 {
				path := fmt.Sprintf("v/s%d.py", (i+w)%10)
				src := script(fmt.Sprintf(`op.execute("SELECT %d")`, (i+w)%10))
				s, err := c.Compile(path, []byte(src))
				if err != nil {
					errs <- err
					return
				}
				sink := &recordingSink{}
				if err := s.Upgrade(context.Background(), sink, Env{}); err != nil {
					errs <- err
					return
				}
				if got, want := opsText(sink.ops), fmt.Sprintf("SELECT %d", (i+w)%10); !strings.Contains(got, want) {
					errs <- fmt.Errorf("%s ran %s, want %s", path, got, want)
					return
				}
			}
			c.Flush()
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	c, _ := OpenCache(root)
	if n := stored(c); n != 10 {
		t.Errorf("%d entries, want 10", n)
	}
	if tmp, _ := filepath.Glob(filepath.Join(c.Dir(), ".tmp-*")); len(tmp) != 0 {
		t.Errorf("temporary files left: %v", tmp)
	}
}

func TestCacheKeepsTheLatestBuilds(t *testing.T) {
	root := t.TempDir()
	old := time.Now().Add(-48 * time.Hour)
	for i := range keptBuilds + 3 {
		dir := filepath.Join(root, fmt.Sprintf("%032x", i+1))
		if err := os.Mkdir(dir, 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.Chtimes(dir, old, old.Add(time.Duration(i)*time.Minute)); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.Mkdir(filepath.Join(root, "not-a-build"), 0o755); err != nil {
		t.Fatal(err)
	}
	c, err := OpenCache(root)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.Compile("v/a.py", []byte(script(`op.execute("SELECT 1")`))); err != nil {
		t.Fatal(err)
	}
	c.Flush()
	left, _ := os.ReadDir(root)
	var names []string
	for _, e := range left {
		names = append(names, e.Name())
	}
	if len(names) != keptBuilds+1 {
		t.Errorf("left %d directories %v, want the %d latest builds and not-a-build", len(names), names, keptBuilds)
	}
	for _, want := range []string{filepath.Base(c.Dir()), "not-a-build", fmt.Sprintf("%032x", keptBuilds+3)} {
		if _, err := os.Stat(filepath.Join(root, want)); err != nil {
			t.Errorf("%s was removed", want)
		}
	}
	if _, err := os.Stat(filepath.Join(root, fmt.Sprintf("%032x", 1))); err == nil {
		t.Errorf("the oldest build was kept")
	}
}

// TestScriptFieldsAreCached trips when Script gains a field: an entry
// (encodeEntry, decodeEntry) must then store it, or a cached script would
// silently lack it.
func TestScriptFieldsAreCached(t *testing.T) {
	var fields []string
	st := reflect.TypeOf(Script{})
	for i := range st.NumField() {
		fields = append(fields, st.Field(i).Name)
	}
	if got, want := strings.Join(fields, " "), "path prog shifts predeclared"; got != want {
		t.Errorf("Script has fields %s; cache.go stores %s: store the new ones in cache entries, then update this test", got, want)
	}
}

// BenchmarkCompile and BenchmarkCacheCompileHit are the compile step of a
// run without and with a warm cache, on the annotated template: what each
// of an offline upgrade's scripts costs before it runs.
func BenchmarkCompile(b *testing.B) {
	src := []byte(annotatedTemplate)
	for b.Loop() {
		if _, err := Compile("versions/1975ea83b712_add_users.py", src); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkCacheCompileHit(b *testing.B) {
	c, err := OpenCache(b.TempDir())
	if err != nil {
		b.Fatal(err)
	}
	src := []byte(annotatedTemplate)
	if _, err := c.Compile("versions/1975ea83b712_add_users.py", src); err != nil {
		b.Fatal(err)
	}
	c.Flush()
	c = reopen(c)
	if stored(c) != 1 {
		b.Fatal("no entry written")
	}
	for b.Loop() {
		if _, err := c.Compile("versions/1975ea83b712_add_users.py", src); err != nil {
			b.Fatal(err)
		}
	}
}
