package script

import (
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/retort-dev/retort/pyscript/mako"
	"github.com/retort-dev/retort/revision"
)

// GenerateOptions describe a new revision: the `revision` and `merge`
// commands.
type GenerateOptions struct {
	Message      string   // -m; "" renders as "empty message", as Alembic does without -m
	RevID        string   // --rev-id; "" = a new random id
	Head         string   // --head; "" = "head"
	Splice       bool     // --splice: allow Head to be a non-head revision
	BranchLabels []string // --branch-label
	DependsOn    []string // --depends-on: ids, prefixes or branch labels
	VersionPath  string   // --version-path: must be one of the version locations
	Parents      []string // merge: the revisions to merge (replaces Head)
	Now          time.Time
	// Extra template variables, e.g. imports, upgrades and downgrades from
	// autogenerate, or <engine>_upgrades for the multidb template.
	Extra map[string]any
	// Progress receives Alembic's status lines ("Generating /path ...  done",
	// "Creating directory /path ...  done") for the CLI to print.
	Progress func(line string)
}

// NewRevisionID returns a new revision id: the last 12 hex digits of a
// random UUID, as Alembic's rev_id().
func NewRevisionID() string {
	var b [16]byte
	_, _ = rand.Read(b[:])  // never fails: the runtime aborts instead of returning an error
	b[6] = b[6]&0x0f | 0x40 // UUID version 4
	b[8] = b[8]&0x3f | 0x80 // RFC 4122 variant
	return hex.EncodeToString(b[:])[20:]
}

const multipleHeadsMessage = "Multiple heads are present; please specify the head revision on which the new revision should be based, or perform a merge."

// Generate writes a new revision script from the directory's template and
// adds it to d.Map. It is Alembic's generate_revision, with two
// refusals Alembic lacks: a --rev-id or branch label that already exists
// (Alembic writes the file and breaks every later command). The file is
// written atomically: a failure leaves no partial script behind.
func (d *Directory) Generate(g GenerateOptions) (*Script, error) {
	if d.fsys != nil {
		return nil, errors.New("cannot write a revision into a script directory read from an fs.FS; open it from its path")
	}
	progress := g.Progress
	if progress == nil {
		progress = func(string) {}
	}
	revID := g.RevID
	if revID == "" {
		revID = NewRevisionID()
	}
	if bad := illegalIDChars(revID); bad != "" {
		return nil, fmt.Errorf("Character(s) '%s' not allowed in revision identifier '%s'", bad, revID)
	}
	if existing := d.byID[revID]; existing != nil {
		return nil, fmt.Errorf("Revision %s is already present in %s; choose another --rev-id", revID, existing.Path)
	}

	targets := g.Parents
	if len(targets) == 0 {
		head := g.Head
		if head == "" {
			head = "head"
		}
		targets = []string{head}
	}
	heads, err := d.Map.Resolve(targets...)
	if err != nil {
		var mh *revision.MultipleHeadsError
		if errors.As(err, &mh) {
			return nil, &revision.CommandError{Message: multipleHeadsMessage, Err: err}
		}
		return nil, &revision.CommandError{Message: revision.CommandMessage(err), Err: err}
	}
	seen := map[*revision.Revision]bool{}
	for _, h := range heads {
		if seen[h] {
			return nil, errors.New("Duplicate head revisions specified")
		}
		seen[h] = true
	}

	created, err := createDate(nowOr(g.Now), d.opts.Timezone)
	if err != nil {
		return nil, err
	}
	aware := d.opts.Timezone != "" // Alembic's date is tz-aware only with a timezone

	versionPath, err := d.chooseVersionPath(g.VersionPath, heads)
	if err != nil {
		return nil, err
	}

	if !g.Splice {
		for _, h := range heads {
			if h != nil && !d.Map.IsHead(h) {
				return nil, fmt.Errorf("Revision %s is not a head revision; please specify --splice to create a new branch from this revision", h.ID)
			}
		}
	}

	var dependsOn []string
	for _, dep := range g.DependsOn {
		r, err := d.Map.Get(dep)
		if err == nil && r == nil {
			err = &revision.ResolutionError{Message: fmt.Sprintf("No such revision or branch '%s'", dep), Argument: dep}
		}
		if err != nil {
			return nil, &revision.CommandError{Message: revision.CommandMessage(err), Err: err}
		}
		if slices.Contains(d.Map.BranchLabels(r), dep) {
			dependsOn = append(dependsOn, dep) // a label stays a label
		} else {
			dependsOn = append(dependsOn, r.ID)
		}
	}

	for _, label := range g.BranchLabels {
		if owner, ok := d.labelOwner(label); ok {
			return nil, fmt.Errorf("Branch name '%s' in revision %s already used by revision %s", label, revID, owner)
		}
	}

	kind := d.sourceKind()
	name, err := FileName(d.opts.FileTemplate, revID, g.Message, d.opts.TruncateSlugLength, created)
	if err != nil {
		return nil, err
	}
	if g.VersionPath == "" && filepath.Dir(filepath.FromSlash(name)) != "." {
		// The head's directory may itself be one the template made
		// (versions/2026/11): the template's directories start again
		// from the version location that holds it, not below it.
		versionPath = d.enclosingLocation(versionPath)
	}
	path, err := revisionPath(versionPath, name+"."+kind, d.opts.Recursive)
	if err != nil {
		return nil, err
	}
	if _, err := os.Stat(path); err == nil {
		return nil, fmt.Errorf("File %s already exists; refusing to overwrite it", path)
	}

	vars := d.templateVars(g, revID, heads, dependsOn, pythonDatetime(created, aware))
	templatePath := filepath.Join(d.dir, "script."+kind+".mako")
	tmpl, err := os.ReadFile(templatePath)
	if err != nil {
		return nil, fmt.Errorf("reading revision template: %w", err)
	}
	body, err := mako.Render(string(tmpl), vars)
	if err != nil {
		return nil, fmt.Errorf("rendering %s: %w", templatePath, err)
	}

	if d.explicitVersions {
		if err := ensureDir(versionPath, progress); err != nil {
			return nil, err
		}
	}
	// A file_template with directories (Alembic 1.18) writes below the
	// version location; Alembic creates the missing ones, with its
	// "Creating directory" line.
	if err := ensureDir(filepath.Dir(path), progress); err != nil {
		return nil, err
	}
	if err := writeAtomically(path, []byte(body), progress); err != nil {
		return nil, err
	}

	s, err := readScript(source{}, path, nil, false)
	if err == nil && s.Revision.ID != revID {
		err = fmt.Errorf("the rendered script %s declares revision %q instead of %q; check %s", path, s.Revision.ID, revID, templatePath)
	}
	if err == nil && len(g.BranchLabels) > 0 && len(s.Revision.BranchLabels) == 0 {
		err = fmt.Errorf("Version %s specified branch_labels %s, however the migration file %s does not have them; have you upgraded your script.%s.mako to include the 'branch_labels' section?",
			revID, strings.Join(g.BranchLabels, ", "), path, kind)
	}
	if err == nil {
		err = d.setScripts(append(slices.Clone(d.scripts), s))
	}
	if err != nil {
		_ = os.Remove(path) // never leave a script that breaks the graph
		if rerr := d.setScripts(d.scripts); rerr != nil {
			return nil, errors.Join(err, rerr)
		}
		return nil, err
	}
	return s, nil
}

// revisionPath places a rendered file name in its version location. A
// file_template with directories ("%(year)d/%(month).2d/%(rev)s_%(slug)s",
// Alembic 1.18) puts the file in subdirectories of it; only
// recursive_version_locations finds such files again, so without it
// retort refuses where Alembic would write a script that every later
// command ignores. A name that leaves the version location is refused
// too.
func revisionPath(versionPath, name string, recursive bool) (string, error) {
	rel := filepath.Clean(filepath.FromSlash(name))
	if filepath.IsAbs(rel) || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return "", fmt.Errorf("file_template gives %s, which is outside the version location %s", name, versionPath)
	}
	path := filepath.Join(versionPath, rel)
	if sub := filepath.Dir(rel); sub != "." && !recursive {
		return "", fmt.Errorf("file_template puts the new revision in the subdirectory %s of %s, where it would not be found again; set recursive_version_locations = true", sub, versionPath)
	}
	return path, nil
}

func nowOr(t time.Time) time.Time {
	if t.IsZero() {
		return time.Now()
	}
	return t
}

// illegalIDChars lists the characters Alembic refuses in revision ids,
// sorted and comma-separated like its message.
func illegalIDChars(id string) string {
	var bad []string
	for _, c := range []string{"+", "-", "@"} {
		if strings.Contains(id, c) {
			bad = append(bad, c)
		}
	}
	return strings.Join(bad, ", ")
}

// labelOwner finds the revision that declares a branch label, or a
// revision whose id equals it.
func (d *Directory) labelOwner(label string) (string, bool) {
	if _, ok := d.byID[label]; ok {
		return label, true
	}
	for _, s := range d.scripts {
		if slices.Contains(s.Revision.BranchLabels, label) {
			return s.Revision.ID, true
		}
	}
	return "", false
}

// chooseVersionPath picks the directory of the new file: --version-path,
// else the only version location, else the directory of the head it
// builds on.
func (d *Directory) chooseVersionPath(requested string, heads []*revision.Revision) (string, error) {
	path := requested
	if path == "" {
		if len(d.versionLocations) > 1 {
			for _, h := range heads {
				if h != nil {
					path = filepath.Dir(h.Path)
					break
				}
			}
			if path == "" {
				return "", errors.New("Multiple version locations present, please specify --version-path")
			}
		} else {
			path = d.versionLocations[0]
		}
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		return "", fmt.Errorf("version path %s: %w", path, err)
	}
	for _, loc := range d.versionLocations {
		if filepath.Clean(loc) == abs {
			return abs, nil
		}
		if d.opts.Recursive && strings.HasPrefix(abs, filepath.Clean(loc)+string(filepath.Separator)) {
			return abs, nil
		}
	}
	return "", fmt.Errorf("Path %s is not represented in current version locations", path)
}

// enclosingLocation is the version location that holds path: path itself,
// or the innermost location it lies below.
func (d *Directory) enclosingLocation(path string) string {
	best := ""
	for _, loc := range d.versionLocations {
		loc, err := filepath.Abs(loc)
		if err != nil {
			continue
		}
		if (loc == path || strings.HasPrefix(path, loc+string(filepath.Separator))) && len(loc) > len(best) {
			best = loc
		}
	}
	if best == "" {
		return path
	}
	return best
}

// SourceKind is the kind of script new revisions get: KindSQL when the
// directory's template is script.sql.mako alone, else KindPy.
func (d *Directory) SourceKind() string { return d.sourceKind() }

// sourceKind is the kind of script new revisions get.
func (d *Directory) sourceKind() string {
	if d.opts.SourceKind != "" {
		return d.opts.SourceKind
	}
	_, errPy := os.Stat(filepath.Join(d.dir, "script.py.mako"))
	_, errSQL := os.Stat(filepath.Join(d.dir, "script.sql.mako"))
	if errPy != nil && errSQL == nil {
		return KindSQL
	}
	return KindPy
}

// templateVars are the variables Alembic passes to script.py.mako, shaped
// like the Python values it passes: down_revision is None, a string, or a
// tuple for a merge; depends_on None, a string or a list.
func (d *Directory) templateVars(g GenerateOptions, revID string, heads []*revision.Revision, dependsOn []string, created string) map[string]any {
	vars := map[string]any{}
	for k, v := range g.Extra {
		vars[k] = v
	}
	var down any
	switch len(heads) {
	case 0:
		down = nil
	case 1:
		down = heads[0].ID
	default:
		ids := make([]string, len(heads))
		for i, h := range heads {
			ids[i] = h.ID
		}
		down = ids
	}
	var labels any
	if len(g.BranchLabels) > 0 {
		labels = slices.Clone(g.BranchLabels)
	}
	var deps any
	switch len(dependsOn) {
	case 0:
	case 1:
		deps = dependsOn[0]
	default:
		list := make(mako.List, len(dependsOn))
		for i, dep := range dependsOn {
			list[i] = dep
		}
		deps = list
	}
	message := g.Message
	if message == "" {
		message = "empty message"
	}
	vars["up_revision"] = revID
	vars["down_revision"] = down
	vars["branch_labels"] = labels
	vars["depends_on"] = deps
	vars["create_date"] = created
	vars["message"] = message
	vars["config"] = d.configNamespace()
	return vars
}

// configNamespace gives templates Alembic's config.get_main_option.
func (d *Directory) configNamespace() mako.Namespace {
	opts := d.opts.MainOptions
	return mako.Namespace{
		"get_main_option": mako.Func(func(args ...any) (any, error) {
			if len(args) < 1 || len(args) > 2 {
				return nil, fmt.Errorf("get_main_option() takes a name and an optional default")
			}
			name, ok := args[0].(string)
			if !ok {
				return nil, fmt.Errorf("get_main_option(): the name must be a string")
			}
			if v, ok := opts[name]; ok {
				return v, nil
			}
			if len(args) == 2 {
				return args[1], nil
			}
			return nil, nil
		}),
	}
}

func ensureDir(path string, progress func(string)) error {
	if _, err := os.Stat(path); err == nil {
		return nil
	}
	msg := "Creating directory " + path + " ..."
	if err := os.MkdirAll(path, 0o755); err != nil {
		progress(msg + "  FAILED")
		return fmt.Errorf("creating directory: %w", err)
	}
	progress(msg + "  done")
	return nil
}

// writeAtomically writes data to a temporary file beside path and renames
// it into place, so readers never see half a file.
func writeAtomically(path string, data []byte, progress func(string)) error {
	msg := "Generating " + path + " ..."
	fail := func(err error) error {
		progress(msg + "  FAILED")
		return fmt.Errorf("writing %s: %w", path, err)
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), ".retort-*.tmp")
	if err != nil {
		return fail(err)
	}
	defer os.Remove(tmp.Name()) // no-op after a successful rename
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return fail(err)
	}
	if err := tmp.Close(); err != nil {
		return fail(err)
	}
	if err := os.Chmod(tmp.Name(), 0o644); err != nil {
		return fail(err)
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return fail(err)
	}
	progress(msg + "  done")
	return nil
}
