package script

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"

	"github.com/retort-dev/retort/internal/lazyre"
	"github.com/retort-dev/retort/internal/smallfile"
	"github.com/retort-dev/retort/revision"
)

// Options configure a script directory. The command layer fills them from
// the [alembic] section of the ini file.
type Options struct {
	Dir                string   // script_location, already resolved to a path
	VersionLocations   []string // version_locations, resolved; empty = Dir/versions
	Recursive          bool     // recursive_version_locations: also load scripts in subdirectories
	FileTemplate       string   // file_template after ConfigParser interpolation; "" = "%(rev)s_%(slug)s"
	TruncateSlugLength int      // truncate_slug_length; 0 = 40
	Timezone           string   // timezone; "" = local time, naive dates (Alembic's datetime.now())
	SourceKind         string   // "py" or "sql": the template new revisions use; "" = derived from Dir
	// MainOptions are the main-section values templates may read through
	// config.get_main_option (the multidb template reads "databases").
	MainOptions map[string]string
	// Extra are revisions defined in code rather than read from a file
	// (Go migrations, Kind KindGo). They join the graph after the files'
	// scripts; their Path is a label for messages, never opened.
	Extra []*Script
	// FS, when set, holds the script directory (an embed.FS compiled into
	// the program, os.DirFS, fstest.MapFS): Dir and VersionLocations are
	// then slash-separated paths inside it ("" is its root), Script.Path is
	// the path inside it, and the directory is read-only (Generate fails).
	FS fs.FS
	// KeepSources keeps the text of every file the header scan read whole
	// (files up to headerReadSize), and ReadFile returns it instead of
	// reading the file again. For one command that opens the directory and
	// then reads every script (the command line's upgrade, verify): a
	// directory kept open while files change would return the old text.
	KeepSources bool
}

// Kinds of script.
const (
	KindPy  = "py"
	KindSQL = "sql"
	// KindGo is a revision defined in Go code (Options.Extra); it has no
	// file, and the program that defined it runs it.
	KindGo = "go"
)

// Script is one revision file.
type Script struct {
	Revision   *revision.Revision
	Path       string // absolute path of the file
	Kind       string // KindPy or KindSQL
	Doc        string // first paragraph of the docstring: what `history` prints
	LongDoc    string // the whole docstring, stripped: what `history -v` and `show` print
	Message    string // first line of the docstring: the -m message
	CreateDate string // the "Create Date:" value of the docstring, "" when absent

	header *Header
	// src is the whole file when Options.KeepSources is set and the header
	// scan read all of it, so ReadFile needn't open it again; else nil.
	src []byte
}

// Directory is a loaded script directory: its scripts and the revision
// graph they form. Reading it from several goroutines is safe; Generate
// replaces Map and must not run concurrently with other calls.
type Directory struct {
	Map *revision.Map

	dir              string
	opts             Options
	versionLocations []string // absolute, in configured order
	explicitVersions bool     // version_locations was configured
	scripts          []*Script
	byID             map[string]*Script
	fsys             fs.FS // Options.FS; nil = the operating system's
}

// Open scans the version locations, reads every script header and builds
// the revision graph. Errors name the file (and line) at fault.
func Open(opts Options) (*Directory, error) {
	if opts.FS != nil {
		return openFS(opts)
	}
	abs, err := filepath.Abs(opts.Dir)
	if err != nil {
		return nil, fmt.Errorf("script directory %s: %w", opts.Dir, err)
	}
	if _, err := os.Stat(abs); err != nil {
		return nil, fmt.Errorf("Path doesn't exist: %s.  Please use the 'init' command to create a new scripts folder.", pyRepr(abs))
	}
	switch opts.SourceKind {
	case "", KindPy, KindSQL:
	default:
		return nil, fmt.Errorf("source kind %q: expected %q or %q", opts.SourceKind, KindPy, KindSQL)
	}
	d := &Directory{dir: abs, opts: opts, byID: map[string]*Script{}}
	if len(opts.VersionLocations) > 0 {
		d.explicitVersions = true
		for _, loc := range opts.VersionLocations {
			a, err := filepath.Abs(loc)
			if err != nil {
				return nil, fmt.Errorf("version location %s: %w", loc, err)
			}
			d.versionLocations = append(d.versionLocations, a)
		}
	} else {
		d.versionLocations = []string{filepath.Join(abs, "versions")}
	}
	if err := d.load(); err != nil {
		return nil, err
	}
	return d, nil
}

// Dir is the absolute path of the script directory (its path inside
// Options.FS when opened on one).
func (d *Directory) Dir() string { return d.dir }

// VersionLocations are the absolute version directories, in configured order.
func (d *Directory) VersionLocations() []string { return append([]string(nil), d.versionLocations...) }

// Script returns the script of a revision id (exact id, not a prefix), or nil.
func (d *Directory) Script(id string) *Script { return d.byID[id] }

// Scripts returns every script in load order: version locations in
// configured order, files sorted by name within each.
func (d *Directory) Scripts() []*Script { return append([]*Script(nil), d.scripts...) }

// ScriptOf returns the script behind a revision of d.Map, or nil.
func (d *Directory) ScriptOf(r *revision.Revision) *Script {
	if r == nil {
		return nil
	}
	return d.byID[r.ID]
}

// revisionFile reports whether a file name is a revision script: .py or
// .sql, not hidden, not a dunder file such as __init__.py, not an editor
// lock file (".#name.py").
func revisionFile(name string) (kind string, ok bool) {
	if strings.HasPrefix(name, ".") || strings.HasPrefix(name, "__") {
		return "", false
	}
	switch filepath.Ext(name) {
	case ".py":
		return KindPy, true
	case ".sql":
		return KindSQL, true
	}
	return "", false
}

// listFiles returns the revision files of all version locations.
func (d *Directory) listFiles() ([]string, error) {
	if d.fsys != nil {
		return d.listFilesFS()
	}
	var files []string
	seen := map[string]bool{}
	for i, loc := range d.versionLocations {
		info, err := os.Stat(loc)
		if err != nil || !info.IsDir() {
			if d.explicitVersions {
				continue // Alembic skips configured locations that do not exist yet
			}
			if i == 0 {
				return nil, fmt.Errorf("versions directory %s does not exist; create it or set version_locations", loc)
			}
		}
		var walk func(dir string) error
		walk = func(dir string) error {
			entries, err := os.ReadDir(dir)
			if err != nil {
				return fmt.Errorf("reading version location: %w", err)
			}
			realDir, err := filepath.EvalSymlinks(dir)
			if err != nil {
				realDir = dir
			}
			for _, e := range entries { // os.ReadDir sorts by name
				full := joinClean(dir, e.Name())
				if e.IsDir() {
					if d.opts.Recursive && !strings.HasPrefix(e.Name(), ".") && !strings.HasPrefix(e.Name(), "__") {
						if err := walk(full); err != nil {
							return err
						}
					}
					continue
				}
				if _, ok := revisionFile(e.Name()); !ok {
					continue
				}
				// Identify files by their real path so a directory listed
				// twice (or reached through a symlink) loads once. Resolving
				// the directory once, not every file, keeps this cheap.
				real := joinClean(realDir, e.Name())
				if e.Type()&os.ModeSymlink != 0 {
					if r, err := filepath.EvalSymlinks(full); err == nil {
						real = r
					}
				}
				if seen[real] {
					continue // the same file reached through two locations
				}
				seen[real] = true
				files = append(files, full)
			}
			return nil
		}
		if err := walk(loc); err != nil {
			return nil, err
		}
	}
	return files, nil
}

// joinClean is filepath.Join of a clean directory path and a name from
// its listing, without Join's cleaning pass: on a directory of thousands
// of scripts that pass was half the cost of listing it.
func joinClean(dir, name string) string {
	if strings.HasSuffix(dir, string(filepath.Separator)) {
		return dir + name
	}
	return dir + string(filepath.Separator) + name
}

// line is a header line of the script, 0 for one defined in code.
func (s *Script) line(of func(*Header) int) int {
	if s.header == nil {
		return 0
	}
	return of(s.header)
}

// maxReportedErrors caps how many broken scripts one error lists.
const maxReportedErrors = 10

func (d *Directory) load() error {
	files, err := d.listFiles()
	if err != nil {
		return err
	}
	scripts := make([]*Script, len(files))
	errs := make([]error, len(files))
	// Headers are independent: read them on all cores.
	var wg sync.WaitGroup
	next := make(chan int, len(files))
	for i := range files {
		next <- i
	}
	close(next)
	for w := 0; w < runtime.GOMAXPROCS(0); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			buf := make([]byte, headerReadSize) // reused: headers copy what they keep
			src := source{fsys: d.fsys}
			if d.fsys == nil {
				src.dirs = map[string]*smallfile.Dir{}
				defer src.closeDirs()
			}
			for i := range next {
				scripts[i], errs[i] = readScript(src, files[i], buf, d.opts.KeepSources)
			}
		}()
	}
	wg.Wait()
	// Report every unreadable file, up to a screenful.
	var failed []error
	for _, err := range errs {
		if err != nil {
			failed = append(failed, err)
		}
	}
	if len(failed) > maxReportedErrors {
		more := fmt.Errorf("... and %d more unreadable scripts", len(failed)-maxReportedErrors)
		failed = append(failed[:maxReportedErrors], more)
	}
	if err := errors.Join(failed...); err != nil {
		return err
	}
	for _, s := range d.opts.Extra {
		if s == nil || s.Revision == nil {
			return errors.New("script: an Extra script without a revision")
		}
		scripts = append(scripts, s)
	}
	return d.setScripts(scripts)
}

// setScripts indexes scripts and builds the graph.
func (d *Directory) setScripts(scripts []*Script) error {
	byID := make(map[string]*Script, len(scripts))
	revs := make([]*revision.Revision, len(scripts))
	for i, s := range scripts {
		if prev, dup := byID[s.Revision.ID]; dup {
			return &HeaderError{Path: s.Path, Line: s.line(func(h *Header) int { return h.RevisionLine }),
				Msg: fmt.Sprintf("revision %s is already declared in %s", s.Revision.ID, prev.Path)}
		}
		byID[s.Revision.ID] = s
		revs[i] = s.Revision
	}
	m, err := revision.New(revs)
	if err != nil {
		return graphError(err, byID)
	}
	d.Map, d.scripts, d.byID = m, scripts, byID
	return nil
}

// graphError prefixes an error of revision.New with the file and line of
// the script at fault.
func graphError(err error, byID map[string]*Script) error {
	var missing *revision.MissingRevisionError
	var label *revision.DuplicateLabelError
	var cycle *revision.CycleError
	var revErr *revision.RevisionError
	switch {
	case errors.As(err, &missing):
		if s := byID[missing.From]; s != nil {
			line := s.line(func(h *Header) int { return h.DownRevisionLine })
			if missing.IsDependency {
				line = s.line(func(h *Header) int { return h.DependsOnLine })
			}
			withoutPath := *missing
			withoutPath.Path = "" // the prefix names the file already
			return &GraphError{Path: s.Path, Line: line, Err: err, msg: withoutPath.Error()}
		}
	case errors.As(err, &label):
		if s := byID[label.Revision]; s != nil {
			return &GraphError{Path: s.Path, Line: s.line(func(h *Header) int { return h.BranchLabelsLine }), Err: err}
		}
	case errors.As(err, &cycle) && len(cycle.Revisions) > 0:
		if s := byID[cycle.Revisions[0]]; s != nil {
			return &GraphError{Path: s.Path, Line: s.line(func(h *Header) int { return h.DownRevisionLine }), Err: err}
		}
	case errors.As(err, &revErr):
		for _, s := range byID {
			if strings.Contains(revErr.Message, "'"+s.Revision.ID+"'") {
				return &GraphError{Path: s.Path, Line: s.line(func(h *Header) int { return h.RevisionLine }), Err: err}
			}
		}
	}
	return err
}

// GraphError is an error of the revision graph (a missing parent or
// dependency, a cycle, a branch label used twice) located at the script
// that causes it. Err is the typed error of package revision.
type GraphError struct {
	Path string
	Line int
	Err  error
	msg  string // Err's text, when it needs rewording
}

func (e *GraphError) Error() string {
	msg := e.msg
	if msg == "" {
		msg = e.Err.Error()
	}
	if e.Line > 0 {
		return fmt.Sprintf("%s:%d: %s", e.Path, e.Line, msg)
	}
	return fmt.Sprintf("%s: %s", e.Path, msg)
}

func (e *GraphError) Unwrap() error { return e.Err }

// headerReadSize is how much of a file is read first; revision headers sit
// at the top, so most files need no second read.
const headerReadSize = 8 << 10

// readScript reads the header of one revision file, and keeps the file's
// text when keep is set and the file fit in buf.
// buf is scratch space of headerReadSize bytes (nil = allocate).
func readScript(src source, path string, buf []byte, keep bool) (*Script, error) {
	if buf == nil {
		buf = make([]byte, headerReadSize)
	}
	kind, _ := revisionFile(filepath.Base(path))
	n, complete, err := src.prefix(path, buf)
	if err != nil {
		return nil, fmt.Errorf("reading revision script: %w", &os.PathError{Op: "read", Path: path, Err: unwrapPath(err)})
	}
	text := buf[:n]
	h, err := parseHeader(kind, path, text)
	if !complete && (err != nil || !h.hasAll()) {
		// The header runs past the first block: read the whole file.
		whole, rerr := src.whole(path)
		if rerr != nil {
			return nil, fmt.Errorf("reading revision script: %w", &os.PathError{Op: "read", Path: path, Err: unwrapPath(rerr)})
		}
		h, err = parseHeader(kind, path, whole)
	}
	if err != nil {
		return nil, err
	}
	s, err := newScript(path, kind, h)
	if err != nil {
		return nil, err
	}
	if keep && complete {
		// A copy of what was read already saves opening each file twice;
		// only files of one block are kept, so memory stays bounded.
		s.src = bytes.Clone(text)
	}
	return s, nil
}

// unwrapPath is the cause of a *PathError, so that messages name the path
// once.
func unwrapPath(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// hasAll reports whether the whole header was seen: all four assignments
// of a .py script, the end of the comment block of a .sql script.
func (h *Header) hasAll() bool {
	if h.sql {
		return h.sqlComplete
	}
	return h.RevisionLine != 0 && h.DownRevisionLine != 0 && h.BranchLabelsLine != 0 && h.DependsOnLine != 0
}

func parseHeader(kind, path string, src []byte) (*Header, error) {
	if kind == KindSQL {
		return scanSQLHeader(path, src)
	}
	return ScanHeader(path, src)
}

var legacyRevFile = lazyre.New(`^([a-f0-9]+)\.py$`)

func newScript(path, kind string, h *Header) (*Script, error) {
	id := h.Revision
	if id == "" && !h.sql {
		// Scripts from Alembic 0.1 carried the id only in the file name.
		m := legacyRevFile().FindStringSubmatch(filepath.Base(path))
		if m == nil {
			return nil, &HeaderError{Path: path, Msg: fmt.Sprintf("Could not determine revision id from filename %s. Be sure the 'revision' variable is declared inside the script.", filepath.Base(path))}
		}
		id = m[1]
	}
	if !h.hasDownRevision {
		return nil, &HeaderError{Path: path, Msg: "no down_revision assignment (use down_revision = None for a first revision)"}
	}
	doc := h.LongDoc
	s := &Script{
		Revision: &revision.Revision{
			ID:            id,
			DownRevisions: h.DownRevisions,
			DependsOn:     h.DependsOn,
			BranchLabels:  h.BranchLabels,
			Path:          path,
		},
		Path:    path,
		Kind:    kind,
		LongDoc: doc,
		Doc:     strings.SplitN(doc, "\n\n", 2)[0],
		header:  h,
	}
	if h.sql {
		s.Doc = sqlDoc(h)
	}
	s.Message = strings.SplitN(s.Doc, "\n", 2)[0]
	for _, line := range strings.Split(doc, "\n") {
		if v, ok := strings.CutPrefix(strings.TrimSpace(line), "Create Date:"); ok {
			s.CreateDate = strings.TrimSpace(v)
			break
		}
	}
	s.Revision.Doc = s.Doc
	s.Revision.CreateDate = s.CreateDate
	return s, nil
}

// pyRepr quotes a string as Python's repr does, for messages Alembic
// formats with %r.
func pyRepr(s string) string {
	q := "'"
	if strings.Contains(s, "'") && !strings.Contains(s, `"`) {
		q = `"`
	}
	r := strings.ReplaceAll(s, `\`, `\\`)
	r = strings.ReplaceAll(r, "\n", `\n`)
	r = strings.ReplaceAll(r, "\t", `\t`)
	if q == "'" {
		r = strings.ReplaceAll(r, "'", `\'`)
	}
	return q + r + q
}
