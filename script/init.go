package script

import (
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/retort-dev/retort/pyscript/mako"
)

//go:embed templates
var templateFS embed.FS

// Template is a project template for `init`.
type Template struct {
	Name        string
	Description string // one line, as `list_templates` prints it
}

// projectTemplate says what init writes for one template.
type projectTemplate struct {
	Template
	files     []string // files copied from templates/<name>/ into the script directory, in this order
	section   string   // main section of the generated ini file
	title     string   // first line of the ini file
	databases []string // multidb: one [name] section each
}

var projectTemplates = []projectTemplate{
	{
		Template: Template{Name: "generic", Description: "Generic single-database configuration."},
		files:    []string{"script.py.mako", "README", "env.py"},
		section:  "alembic", title: "Single-database configuration",
	},
	{
		Template: Template{Name: "multidb", Description: "Rudimentary multi-database configuration."},
		files:    []string{"script.py.mako", "README", "env.py"},
		section:  "alembic", title: "Multi-database configuration",
		databases: []string{"engine1", "engine2"},
	},
	{
		Template: Template{Name: "async", Description: "Generic single-database configuration with an async dbapi."},
		files:    []string{"script.py.mako", "README", "env.py"},
		section:  "alembic", title: "Single-database configuration, async driver",
	},
	{
		Template: Template{Name: "sql", Description: "Plain-SQL migration scripts (retort only)."},
		files:    []string{"script.sql.mako", "README"},
		section:  "retort", title: "Plain-SQL migration project",
	},
}

// ListTemplates returns the templates init accepts, in a fixed order.
func ListTemplates() []Template {
	out := make([]Template, len(projectTemplates))
	for i, t := range projectTemplates {
		out[i] = t.Template
	}
	return out
}

// InitOptions describe `init`.
type InitOptions struct {
	Dir        string // the script directory to create, as given (written into script_location)
	Template   string // "" = "generic"
	ConfigPath string // the ini file to write unless it exists
	Package    bool   // --package: also write __init__.py into Dir and Dir/versions
	// Progress receives Alembic's status lines ("Creating directory ...",
	// "Generating ...", "File ... already exists, skipping", "Please edit
	// ...") for the CLI to print; nil discards them.
	Progress func(line string)
}

// ErrDirectoryNotEmpty is returned by Init for an existing, non-empty
// script directory.
var ErrDirectoryNotEmpty = errors.New("directory already exists and is not empty")

// ErrNoSuchTemplate is returned by Init for an unknown template name.
var ErrNoSuchTemplate = errors.New("no such template")

// kindError carries Alembic's exact message while matching a sentinel
// error with errors.Is.
type kindError struct {
	msg  string
	kind error
}

func (e *kindError) Error() string { return e.msg }
func (e *kindError) Unwrap() error { return e.kind }

// Init creates a script directory and its config file: `init DIR`.
func Init(dir, template, configPath string) error {
	return InitProject(InitOptions{Dir: dir, Template: template, ConfigPath: configPath})
}

// InitProject creates a script directory from a template: DIR with the
// template's files and versions/, and the config file at ConfigPath unless
// one exists (then it is left alone). A non-empty DIR is refused.
func InitProject(o InitOptions) error {
	progress := o.Progress
	if progress == nil {
		progress = func(string) {}
	}
	name := o.Template
	if name == "" {
		name = "generic"
	}
	if entries, err := os.ReadDir(o.Dir); err == nil && len(entries) > 0 {
		return &kindError{msg: fmt.Sprintf("Directory %s already exists and is not empty", o.Dir), kind: ErrDirectoryNotEmpty}
	}
	var tmpl *projectTemplate
	for i := range projectTemplates {
		if projectTemplates[i].Name == name {
			tmpl = &projectTemplates[i]
		}
	}
	if tmpl == nil {
		return &kindError{msg: fmt.Sprintf("No such template %s", pyRepr(name)), kind: ErrNoSuchTemplate}
	}
	absDir, err := filepath.Abs(o.Dir)
	if err != nil {
		return fmt.Errorf("script directory %s: %w", o.Dir, err)
	}
	configPath, err := filepath.Abs(o.ConfigPath)
	if err != nil {
		return fmt.Errorf("config file %s: %w", o.ConfigPath, err)
	}

	if _, err := os.Stat(absDir); err != nil {
		if err := ensureDir(absDir, progress); err != nil {
			return err
		}
	}
	versions := filepath.Join(absDir, "versions")
	if err := ensureDir(versions, progress); err != nil {
		return err
	}
	for _, f := range tmpl.files {
		data, err := fs.ReadFile(templateFS, "templates/"+tmpl.Name+"/"+f)
		if err != nil {
			return fmt.Errorf("template %s: %w", tmpl.Name, err)
		}
		if err := writeAtomically(filepath.Join(absDir, f), data, progress); err != nil {
			return err
		}
	}
	if _, err := os.Stat(configPath); err == nil {
		progress(fmt.Sprintf("File %s already exists, skipping", configPath))
	} else {
		ini, err := tmpl.renderConfig(o.Dir)
		if err != nil {
			return err
		}
		if err := writeAtomically(configPath, []byte(ini), progress); err != nil {
			return err
		}
	}
	if o.Package {
		for _, p := range []string{filepath.Join(absDir, "__init__.py"), filepath.Join(versions, "__init__.py")} {
			if err := os.WriteFile(p, nil, 0o644); err != nil {
				progress("Adding " + p + " ...  FAILED")
				return fmt.Errorf("writing %s: %w", p, err)
			}
			progress("Adding " + p + " ...  done")
		}
	}
	progress(fmt.Sprintf("Please edit configuration/connection/logging settings in %s before proceeding.", pyRepr(configPath)))
	return nil
}

// renderConfig renders the ini file for a new project.
func (t *projectTemplate) renderConfig(scriptLocation string) (string, error) {
	src, err := fs.ReadFile(templateFS, "templates/ini.mako")
	if err != nil {
		return "", fmt.Errorf("config template: %w", err)
	}
	dbFile := "app.db"
	if t.section == "retort" {
		dbFile = "retort.db"
	}
	out, err := mako.Render(string(src), map[string]any{
		"title":           t.title,
		"section":         t.section,
		"script_location": scriptLocation,
		"databases":       t.databases,
		"database_file":   dbFile,
	})
	if err != nil {
		return "", fmt.Errorf("config template: %w", err)
	}
	return out, nil
}
