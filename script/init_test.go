package script

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

func TestInit(t *testing.T) {
	tests := []struct {
		template  string
		files     []string // in the script directory
		iniWants  []string // lines the config must contain
		iniAvoids []string
	}{
		{"generic", []string{"README", "env.py", "script.py.mako", "versions"},
			[]string{"[alembic]", "script_location = migrations", "sqlalchemy.url = sqlite:///app.db", "prepend_sys_path = .", "version_path_separator = os", "[post_write_hooks]", "[logger_alembic]"},
			[]string{"databases ="}},
		{"", []string{"README", "env.py", "script.py.mako", "versions"}, []string{"[alembic]"}, nil},
		{"multidb", []string{"README", "env.py", "script.py.mako", "versions"},
			[]string{"[alembic]", "databases = engine1, engine2", "[engine1]", "sqlalchemy.url = sqlite:///engine1.db", "[engine2]", "sqlalchemy.url = sqlite:///engine2.db"},
			[]string{"sqlalchemy.url = sqlite:///app.db"}},
		{"sql", []string{"README", "script.sql.mako", "versions"},
			[]string{"[retort]", "script_location = migrations", "sqlalchemy.url = sqlite:///retort.db"}, []string{"[alembic]"}},
	}
	for _, tt := range tests {
		t.Run("template "+tt.template, func(t *testing.T) {
			work := t.TempDir()
			t.Chdir(work)
			var lines []string
			err := InitProject(InitOptions{Dir: "migrations", Template: tt.template, ConfigPath: "proj.ini", Progress: func(l string) { lines = append(lines, l) }})
			if err != nil {
				t.Fatal(err)
			}
			entries, err := os.ReadDir(filepath.Join(work, "migrations"))
			if err != nil {
				t.Fatal(err)
			}
			var names []string
			for _, e := range entries {
				names = append(names, e.Name())
			}
			if !reflect.DeepEqual(names, tt.files) {
				t.Errorf("files = %v, want %v", names, tt.files)
			}
			ini, err := os.ReadFile(filepath.Join(work, "proj.ini"))
			if err != nil {
				t.Fatal(err)
			}
			iniLines := strings.Split(string(ini), "\n")
			for _, want := range tt.iniWants {
				found := false
				for _, l := range iniLines {
					found = found || l == want
				}
				if !found {
					t.Errorf("config lacks line %q", want)
				}
			}
			for _, avoid := range tt.iniAvoids {
				if strings.Contains(string(ini), avoid) {
					t.Errorf("config has %q", avoid)
				}
			}
			dir := filepath.Join(work, "migrations")
			want := []string{
				"Creating directory " + dir + " ...  done",
				"Creating directory " + filepath.Join(dir, "versions") + " ...  done",
			}
			tmpl := tt.template
			if tmpl == "" {
				tmpl = "generic"
			}
			for _, pt := range projectTemplates {
				if pt.Name == tmpl {
					for _, f := range pt.files {
						want = append(want, "Generating "+filepath.Join(dir, f)+" ...  done")
					}
				}
			}
			want = append(want, "Generating "+filepath.Join(work, "proj.ini")+" ...  done",
				fmt.Sprintf("Please edit configuration/connection/logging settings in '%s' before proceeding.", filepath.Join(work, "proj.ini")))
			if !reflect.DeepEqual(lines, want) {
				t.Errorf("progress =\n%s\nwant\n%s", strings.Join(lines, "\n"), strings.Join(want, "\n"))
			}
			// The new project opens, and its template renders a revision.
			d, err := Open(Options{Dir: dir})
			if err != nil {
				t.Fatal(err)
			}
			d.opts.MainOptions = map[string]string{"databases": "engine1, engine2"}
			s, err := d.Generate(GenerateOptions{Message: "first", RevID: "abc123abc123", Now: fixedNow})
			if err != nil {
				t.Fatalf("Generate in a new %s project: %v", tmpl, err)
			}
			wantKind := KindPy
			if tmpl == "sql" {
				wantKind = KindSQL
			}
			if s.Kind != wantKind || filepath.Ext(s.Path) != "."+wantKind {
				t.Errorf("new script kind %s, path %s", s.Kind, s.Path)
			}
		})
	}
}

func TestInitRefusals(t *testing.T) {
	t.Run("non-empty directory", func(t *testing.T) {
		t.Chdir(t.TempDir())
		if err := os.MkdirAll("migrations", 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile("migrations/keep.txt", []byte("mine"), 0o644); err != nil {
			t.Fatal(err)
		}
		err := Init("migrations", "generic", "alembic.ini")
		if err == nil || err.Error() != "Directory migrations already exists and is not empty" || !errors.Is(err, ErrDirectoryNotEmpty) {
			t.Fatalf("err = %v", err)
		}
		if _, err := os.Stat("alembic.ini"); !errors.Is(err, os.ErrNotExist) {
			t.Errorf("config written despite the refusal")
		}
	})
	t.Run("unknown template", func(t *testing.T) {
		t.Chdir(t.TempDir())
		err := Init("migrations", "pylons", "alembic.ini")
		if err == nil || err.Error() != "No such template 'pylons'" || !errors.Is(err, ErrNoSuchTemplate) {
			t.Fatalf("err = %v", err)
		}
		if _, err := os.Stat("migrations"); !errors.Is(err, os.ErrNotExist) {
			t.Errorf("directory created despite the refusal")
		}
	})
	t.Run("existing config is left alone, empty dir is used", func(t *testing.T) {
		work := t.TempDir()
		t.Chdir(work)
		if err := os.WriteFile("alembic.ini", []byte("[alembic]\nmine = 1\n"), 0o644); err != nil {
			t.Fatal(err)
		}
		if err := os.Mkdir("migrations", 0o755); err != nil {
			t.Fatal(err)
		}
		var lines []string
		if err := InitProject(InitOptions{Dir: "migrations", ConfigPath: "alembic.ini", Package: true, Progress: func(l string) { lines = append(lines, l) }}); err != nil {
			t.Fatal(err)
		}
		ini, _ := os.ReadFile("alembic.ini")
		if string(ini) != "[alembic]\nmine = 1\n" {
			t.Errorf("config rewritten: %q", ini)
		}
		joined := strings.Join(lines, "\n")
		for _, want := range []string{
			"File " + filepath.Join(work, "alembic.ini") + " already exists, skipping",
			"Adding " + filepath.Join(work, "migrations", "__init__.py") + " ...  done",
			"Adding " + filepath.Join(work, "migrations", "versions", "__init__.py") + " ...  done",
		} {
			if !strings.Contains(joined, want) {
				t.Errorf("progress lacks %q:\n%s", want, joined)
			}
		}
		if strings.Contains(joined, "Creating directory "+filepath.Join(work, "migrations")+" ...") {
			t.Errorf("existing directory reported as created:\n%s", joined)
		}
	})
}

func TestListTemplates(t *testing.T) {
	got := ListTemplates()
	var names []string
	for _, tm := range got {
		names = append(names, tm.Name)
		if tm.Description == "" || strings.Contains(tm.Description, "\n") {
			t.Errorf("template %s: description %q is not one line", tm.Name, tm.Description)
		}
		readme, err := templateFS.ReadFile("templates/" + tm.Name + "/README")
		if err != nil {
			t.Fatal(err)
		}
		if first := strings.SplitN(string(readme), "\n", 2)[0]; first != tm.Description {
			t.Errorf("template %s: README starts with %q, description is %q", tm.Name, first, tm.Description)
		}
	}
	if !reflect.DeepEqual(names, []string{"generic", "multidb", "async", "sql"}) {
		t.Errorf("templates = %v", names)
	}
}
