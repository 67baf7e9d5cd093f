package script

import (
	"fmt"
	"io/fs"
	"path"
	"strings"
)

// openFS is Open for a directory held in opts.FS (an embed.FS, os.DirFS,
// fstest.MapFS): Dir and VersionLocations are slash-separated paths inside
// it, and nothing touches the operating system's file system.
func openFS(opts Options) (*Directory, error) {
	dir, err := fsPath(opts.Dir)
	if err != nil {
		return nil, err
	}
	if info, err := fs.Stat(opts.FS, dir); err != nil || !info.IsDir() {
		return nil, fmt.Errorf("script directory %s: not a directory of the file system given", pyRepr(dir))
	}
	d := &Directory{dir: dir, opts: opts, byID: map[string]*Script{}, fsys: opts.FS}
	if len(opts.VersionLocations) > 0 {
		d.explicitVersions = true
		for _, loc := range opts.VersionLocations {
			p, err := fsPath(loc)
			if err != nil {
				return nil, err
			}
			d.versionLocations = append(d.versionLocations, p)
		}
	} else {
		d.versionLocations = []string{path.Join(dir, "versions")}
	}
	if err := d.load(); err != nil {
		return nil, err
	}
	return d, nil
}

// fsPath cleans a path of an fs.FS; "" is its root.
func fsPath(p string) (string, error) {
	if p == "" {
		return ".", nil
	}
	p = path.Clean(strings.TrimPrefix(p, "./"))
	if !fs.ValidPath(p) {
		return "", fmt.Errorf("script path %q: not a valid fs.FS path (slash-separated, relative, no ..)", p)
	}
	return p, nil
}

// listFilesFS is listFiles for a directory in an fs.FS. An fs.FS has no
// symlinks to resolve, so a file is known by its path.
func (d *Directory) listFilesFS() ([]string, error) {
	var files []string
	seen := map[string]bool{}
	for i, loc := range d.versionLocations {
		info, err := fs.Stat(d.fsys, loc)
		if err != nil || !info.IsDir() {
			if d.explicitVersions {
				continue
			}
			if i == 0 {
				return nil, fmt.Errorf("versions directory %s does not exist; create it or set version_locations", loc)
			}
		}
		var walk func(dir string) error
		walk = func(dir string) error {
			entries, err := fs.ReadDir(d.fsys, dir)
			if err != nil {
				return fmt.Errorf("reading version location: %w", err)
			}
			for _, e := range entries { // fs.ReadDir sorts by name
				full := path.Join(dir, e.Name())
				if e.IsDir() {
					if d.opts.Recursive && !strings.HasPrefix(e.Name(), ".") && !strings.HasPrefix(e.Name(), "__") {
						if err := walk(full); err != nil {
							return err
						}
					}
					continue
				}
				if _, ok := revisionFile(e.Name()); !ok || seen[full] {
					continue
				}
				seen[full] = true
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
