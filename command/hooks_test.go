package command

import (
	"bytes"
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/retort-dev/retort/script"
)

// systemPython is the interpreter the module and console_scripts tests run.
const systemPython = "/usr/bin/python3"

// hookProject writes an alembic.ini with the given [post_write_hooks]
// section (and extra main-section lines) and a generic script directory
// beside it. env is the whole environment the project sees; "DIR" in the
// section and in env values stands for the project directory.
func hookProject(t *testing.T, main, hooks string, env map[string]string) (*Project, string, *bytes.Buffer) {
	t.Helper()
	dir := t.TempDir()
	ini := "[alembic]\nscript_location = %(here)s/migrations\n" + main + "\n[post_write_hooks]\n" + strings.ReplaceAll(hooks, "DIR", dir)
	cfgPath := filepath.Join(dir, "alembic.ini")
	if err := os.WriteFile(cfgPath, []byte(ini), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := script.InitProject(script.InitOptions{Dir: filepath.Join(dir, "migrations"), ConfigPath: cfgPath}); err != nil {
		t.Fatal(err)
	}
	var stdout bytes.Buffer
	p, err := Load(Env{ConfigPath: cfgPath, Stdout: &stdout, Getenv: func(k string) string {
		return strings.ReplaceAll(env[k], "DIR", dir)
	}})
	if err != nil {
		t.Fatal(err)
	}
	return p, dir, &stdout
}

// writeExecutable writes a shell script into dir/bin and returns its path.
func writeExecutable(t *testing.T, dir, name, body string) string {
	t.Helper()
	bin := filepath.Join(dir, "bin")
	if err := os.MkdirAll(bin, 0o755); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(bin, name)
	if err := os.WriteFile(path, []byte("#!/bin/sh\n"+body), 0o755); err != nil {
		t.Fatal(err)
	}
	return path
}

// The hook executables: each appends a line naming itself and its second
// argument to the file given first, and says so on stdout.
const (
	appendBody = `printf '# %s %s\n' "$(basename "$0")" "$2" >> "$1"` + "\necho \"appended to $1\"\n"
	pwdBody    = `pwd >> "$1"` + "\n"
	failBody   = "echo 'first line' >&2\necho \"cannot format $1\" >&2\nexit 3\n"
)

func TestRevision_PostWriteHooks(t *testing.T) {
	tests := []struct {
		name  string
		main  string // extra main-section lines
		hooks string
		env   map[string]string
		// files the test writes under DIR/bin before running
		bin map[string]string
		// the script's last lines after the run ("DIR" = project dir)
		wantTail []string
		// progress lines after "Generating ...  done"
		wantProgress []string
		// wantErr is the whole message; "" means success
		wantErr string
	}{
		{
			name:         "exec by path, quoted options",
			hooks:        "hooks = fmt\nfmt.type = exec\nfmt.executable = DIR/bin/fmt\nfmt.options = REVISION_SCRIPT_FILENAME 'two words'\n",
			bin:          map[string]string{"fmt": appendBody},
			wantTail:     []string{"# fmt two words"},
			wantProgress: []string{"Running post write hook 'fmt' ...", "  done"},
		},
		{
			name:         "exec by name on PATH, file put first when the token is absent",
			hooks:        "hooks = fmt\nfmt.type = exec\nfmt.executable = fmt\nfmt.options = --fast\n",
			env:          map[string]string{"PATH": "/nonexistent:DIR/bin"},
			bin:          map[string]string{"fmt": appendBody},
			wantTail:     []string{"# fmt --fast"},
			wantProgress: []string{"Running post write hook 'fmt' ...", "  done"},
		},
		{
			name:     "hooks run in the order of the hooks key",
			hooks:    "hooks = second, first\nfirst.type = exec\nfirst.executable = DIR/bin/first\nsecond.type = exec\nsecond.executable = DIR/bin/second\nsecond.options = REVISION_SCRIPT_FILENAME x\n",
			bin:      map[string]string{"first": appendBody, "second": appendBody},
			wantTail: []string{"# second x", "# first "},
			wantProgress: []string{
				"Running post write hook 'second' ...", "  done",
				"Running post write hook 'first' ...", "  done",
			},
		},
		{
			name:         "cwd",
			hooks:        "hooks = where\nwhere.type = exec\nwhere.executable = DIR/bin/where\nwhere.cwd = DIR/bin\n",
			bin:          map[string]string{"where": pwdBody},
			wantTail:     []string{"DIR/bin"},
			wantProgress: []string{"Running post write hook 'where' ...", "  done"},
		},
		{
			name:         "console_scripts runs the entry point's executable on PATH",
			hooks:        "hooks = black\nblack.type = console_scripts\nblack.entrypoint = black\nblack.options = -l 79 REVISION_SCRIPT_FILENAME\n",
			env:          map[string]string{"PATH": "DIR/bin"},
			bin:          map[string]string{"black": `printf '# black %s %s\n' "$1" "$2" >> "$3"` + "\n"},
			wantTail:     []string{"# black -l 79"},
			wantProgress: []string{"Running post write hook 'black' ...", "  done"},
		},
		{
			name:         "a failing hook stops the run, keeps the file",
			hooks:        "hooks = bad, never\nbad.type = exec\nbad.executable = DIR/bin/bad\nnever.type = exec\nnever.executable = DIR/bin/never\n",
			bin:          map[string]string{"bad": failBody, "never": appendBody},
			wantTail:     []string{"    pass"},
			wantProgress: []string{"Running post write hook 'bad' ...", "  FAILED"},
			wantErr:      "post write hook 'bad' exited with status 3:\n  first line\n  cannot format SCRIPT",
		},
		{
			name:         "unknown type",
			hooks:        "hooks = black\nblack.type = blackformatter\n",
			wantTail:     []string{"    pass"},
			wantProgress: []string{"Running post write hook 'black' ...", "  FAILED"},
			wantErr:      "No formatter with name 'blackformatter' registered",
		},
		{
			name:         "exec without executable",
			hooks:        "hooks = fmt\nfmt.type = exec\n",
			wantProgress: []string{"Running post write hook 'fmt' ...", "  FAILED"},
			wantErr:      "Key fmt.executable is required for post write hook 'fmt'",
		},
		{
			name:         "console_scripts without entrypoint",
			hooks:        "hooks = black\nblack.type = console_scripts\n",
			wantProgress: []string{"Running post write hook 'black' ...", "  FAILED"},
			wantErr:      "Key black.entrypoint is required for post write hook 'black'",
		},
		{
			name:         "module without module",
			hooks:        "hooks = ruff\nruff.type = module\n",
			wantProgress: []string{"Running post write hook 'ruff' ...", "  FAILED"},
			wantErr:      "Key ruff.module is required for post write hook 'ruff'",
		},
		{
			name:         "exec name not on PATH",
			hooks:        "hooks = ruff\nruff.type = exec\nruff.executable = ruff\n",
			env:          map[string]string{"PATH": "DIR/bin"},
			wantProgress: []string{"Running post write hook 'ruff' ...", "  FAILED"},
			wantErr:      "post write hook 'ruff': executable 'ruff' not found on PATH",
		},
		{
			name:         "console_scripts not on PATH",
			hooks:        "hooks = black\nblack.type = console_scripts\nblack.entrypoint = black\n",
			env:          map[string]string{"PATH": "DIR/bin"},
			wantProgress: []string{"Running post write hook 'black' ...", "  FAILED"},
			wantErr:      "Could not find entrypoint console_scripts.black: no executable 'black' on PATH (set python in the [alembic] section, or RETORT_PYTHON, to look it up in a Python environment)",
		},
		{
			name:         "unbalanced quote in options",
			hooks:        "hooks = fmt\nfmt.type = exec\nfmt.executable = DIR/bin/fmt\nfmt.options = 'open\n",
			bin:          map[string]string{"fmt": appendBody},
			wantProgress: []string{"Running post write hook 'fmt' ...", "  FAILED"},
			wantErr:      "post write hook 'fmt': options: No closing quotation",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, dir, _ := hookProject(t, tt.main, tt.hooks, tt.env)
			for name, body := range tt.bin {
				writeExecutable(t, dir, name, body)
			}
			var lines []string
			s, err := Revision(context.Background(), p, RevisionOptions{Message: "hooked", RevID: "a1", Progress: func(l string) { lines = append(lines, l) }})
			if s == nil {
				t.Fatalf("Revision returned no script (err %v); the written file must be reported", err)
			}
			if tt.wantErr == "" && err != nil {
				t.Fatalf("Revision: %v", err)
			}
			if tt.wantErr != "" {
				var he *HookError
				want := strings.ReplaceAll(tt.wantErr, "SCRIPT", s.Path)
				if !errors.As(err, &he) || err.Error() != want {
					t.Fatalf("error = %v (%T), want *HookError %q", err, err, want)
				}
				if wantHook := strings.Fields(strings.TrimPrefix(tt.hooks, "hooks = "))[0]; he.Hook != strings.TrimSuffix(wantHook, ",") {
					t.Errorf("HookError.Hook = %q, want %q", he.Hook, wantHook)
				}
			}
			wantLines := append([]string{"Generating " + s.Path + " ...  done"}, tt.wantProgress...)
			if !reflect.DeepEqual(lines, wantLines) {
				t.Errorf("progress =\n%q\nwant\n%q", lines, wantLines)
			}
			body, err := os.ReadFile(s.Path)
			if err != nil {
				t.Fatalf("the written script is gone: %v", err)
			}
			if !strings.Contains(string(body), "revision = 'a1'") {
				t.Errorf("script lost its header:\n%s", body)
			}
			if tt.wantTail != nil {
				all := strings.Split(strings.TrimRight(string(body), "\n"), "\n")
				got := all[len(all)-len(tt.wantTail):]
				want := make([]string, len(tt.wantTail))
				for i, w := range tt.wantTail {
					want[i] = strings.ReplaceAll(w, "DIR", dir)
				}
				if !reflect.DeepEqual(got, want) {
					t.Errorf("script ends with %q, want %q", got, want)
				}
			}
		})
	}
}

func TestRevision_HookOutputGoesToStdout(t *testing.T) {
	p, dir, stdout := hookProject(t, "", "hooks = fmt\nfmt.type = exec\nfmt.executable = DIR/bin/fmt\n", nil)
	writeExecutable(t, dir, "fmt", appendBody)
	s, err := Revision(context.Background(), p, RevisionOptions{Message: "m", RevID: "a1"})
	if err != nil {
		t.Fatal(err)
	}
	if want := "appended to " + s.Path + "\n"; stdout.String() != want {
		t.Errorf("hook stdout = %q, want %q", stdout.String(), want)
	}
}

func TestMerge_PostWriteHooks(t *testing.T) {
	p, dir, _ := hookProject(t, "", "hooks = fmt\nfmt.type = exec\nfmt.executable = DIR/bin/fmt\nfmt.options = REVISION_SCRIPT_FILENAME merged\n", nil)
	writeExecutable(t, dir, "fmt", appendBody)
	for _, id := range []string{"a1", "b2"} {
		if _, err := Revision(context.Background(), p, RevisionOptions{Message: id, RevID: id, Head: "base", Splice: true}); err != nil {
			t.Fatal(err)
		}
		// Reload, as the next command would, so the new head is seen.
		var err error
		if p, err = Load(p.Env); err != nil {
			t.Fatal(err)
		}
	}
	var lines []string
	s, err := Merge(context.Background(), p, []string{"heads"}, MergeOptions{Message: "join", RevID: "c3", Progress: func(l string) { lines = append(lines, l) }})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"Generating " + s.Path + " ...  done", "Running post write hook 'fmt' ...", "  done"}
	if !reflect.DeepEqual(lines, want) {
		t.Errorf("progress = %q, want %q", lines, want)
	}
	body, _ := os.ReadFile(s.Path)
	if !strings.HasSuffix(string(body), "\n# fmt merged\n") {
		t.Errorf("merge script was not hooked:\n%s", body)
	}
}

// pythonFixture writes, into dir, a module that appends a marker line to
// the file it is given, and a distribution declaring it as the console
// script "markfmt" — found by importlib.metadata because the hook's cwd
// is on the Python's sys.path.
func pythonFixture(t *testing.T, dir string) {
	t.Helper()
	if _, err := os.Stat(systemPython); err != nil {
		t.Skipf("no %s: %v", systemPython, err)
	}
	files := map[string]string{
		"markfmt.py":                             "import sys\n\ndef main():\n    with open(sys.argv[1], 'a') as f:\n        f.write('# markfmt ' + ' '.join(sys.argv[2:]) + '\\n')\n    return 0\n\nif __name__ == '__main__':\n    sys.exit(main())\n",
		"markfmt-1.0.dist-info/METADATA":         "Metadata-Version: 2.1\nName: markfmt\nVersion: 1.0\n",
		"markfmt-1.0.dist-info/entry_points.txt": "[console_scripts]\nmarkfmt = markfmt:main\n",
		"badfmt.py":                              "import sys\nsys.stderr.write('badfmt: refusing ' + sys.argv[1] + '\\n')\nsys.exit(2)\n",
	}
	for name, body := range files {
		path := filepath.Join(dir, "py", name)
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func TestRevision_PythonHooks(t *testing.T) {
	python := map[string]string{"RETORT_PYTHON": systemPython}
	tests := []struct {
		name, main, hooks string
		env               map[string]string
		wantTail          string
		wantErr           string
	}{
		{
			name:     "module with RETORT_PYTHON",
			hooks:    "hooks = mark\nmark.type = module\nmark.module = markfmt\nmark.cwd = DIR/py\nmark.options = REVISION_SCRIPT_FILENAME --check\n",
			env:      python,
			wantTail: "# markfmt --check",
		},
		{
			name:     "module with the python key of the main section",
			main:     "python = " + systemPython,
			hooks:    "hooks = mark\nmark.type = module\nmark.module = markfmt\nmark.cwd = DIR/py\n",
			wantTail: "# markfmt ",
		},
		{
			name:     "module with python3 on PATH",
			hooks:    "hooks = mark\nmark.type = module\nmark.module = markfmt\nmark.cwd = DIR/py\n",
			env:      map[string]string{"PATH": filepath.Dir(systemPython)},
			wantTail: "# markfmt ",
		},
		{
			name:    "module the Python lacks",
			hooks:   "hooks = mark\nmark.type = module\nmark.module = nosuchfmt\nmark.cwd = DIR/py\n",
			env:     python,
			wantErr: "Could not find module nosuchfmt",
		},
		{
			name:    "module that fails",
			hooks:   "hooks = bad\nbad.type = module\nbad.module = badfmt\nbad.cwd = DIR/py\n",
			env:     python,
			wantErr: "post write hook 'bad' exited with status 2:\n  badfmt: refusing SCRIPT",
		},
		{
			name:    "module without any Python",
			hooks:   "hooks = mark\nmark.type = module\nmark.module = markfmt\n",
			env:     map[string]string{"PATH": "DIR/bin"},
			wantErr: "post write hook 'mark': no Python found: set python in the [alembic] section or RETORT_PYTHON, or create DIR/.venv",
		},
		{
			name:     "console_scripts through the project's Python",
			hooks:    "hooks = mark\nmark.type = console_scripts\nmark.entrypoint = markfmt\nmark.cwd = DIR/py\nmark.options = REVISION_SCRIPT_FILENAME \"a b\"\n",
			env:      python,
			wantTail: "# markfmt a b",
		},
		{
			name:    "console_scripts the Python lacks",
			hooks:   "hooks = mark\nmark.type = console_scripts\nmark.entrypoint = nosuchfmt\nmark.cwd = DIR/py\n",
			env:     python,
			wantErr: "Could not find entrypoint console_scripts.nosuchfmt",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, dir, _ := hookProject(t, tt.main, tt.hooks, tt.env)
			pythonFixture(t, dir)
			s, err := Revision(context.Background(), p, RevisionOptions{Message: "m", RevID: "a1"})
			if s == nil {
				t.Fatalf("Revision returned no script: %v", err)
			}
			if tt.wantErr != "" {
				var he *HookError
				want := strings.NewReplacer("SCRIPT", s.Path, "DIR", dir).Replace(tt.wantErr)
				if !errors.As(err, &he) || err.Error() != want {
					t.Fatalf("error = %v, want *HookError %q", err, want)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			body, _ := os.ReadFile(s.Path)
			lines := strings.Split(strings.TrimRight(string(body), "\n"), "\n")
			if got := lines[len(lines)-1]; got != tt.wantTail {
				t.Errorf("script ends with %q, want %q", got, tt.wantTail)
			}
		})
	}
}

func TestProjectPython(t *testing.T) {
	tests := []struct {
		name string
		main string
		env  map[string]string
		venv bool   // create DIR/.venv/bin/python
		path string // a python3 in DIR/bin, with PATH=DIR/bin
		want string // "DIR" = project dir; "" = error
	}{
		{name: "main section key wins", main: "python = /opt/py/bin/python", env: map[string]string{"RETORT_PYTHON": "/env/python"}, venv: true, want: "/opt/py/bin/python"},
		{name: "then RETORT_PYTHON", env: map[string]string{"RETORT_PYTHON": "/env/python"}, venv: true, want: "/env/python"},
		{name: "a bare name is looked up on PATH", env: map[string]string{"RETORT_PYTHON": "python3", "PATH": "DIR/bin"}, path: "python3", want: "DIR/bin/python3"},
		{name: "then the .venv beside the config", venv: true, path: "python3", want: "DIR/.venv/bin/python"},
		{name: "then python3 on PATH", path: "python3", want: "DIR/bin/python3"},
		{name: "nothing", want: ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			env := map[string]string{"PATH": "DIR/bin"}
			for k, v := range tt.env {
				env[k] = v
			}
			p, dir, _ := hookProject(t, tt.main, "", env)
			if tt.venv {
				writeExecutable(t, filepath.Join(dir, ".venv"), "python", "exit 0\n")
			}
			if tt.path != "" {
				writeExecutable(t, dir, tt.path, "exit 0\n")
			}
			got, err := p.projectPython()
			if tt.want == "" {
				if err == nil {
					t.Errorf("projectPython() = %q, want an error", got)
				}
				return
			}
			if want := strings.ReplaceAll(tt.want, "DIR", dir); err != nil || got != want {
				t.Errorf("projectPython() = %q, %v; want %q", got, err, want)
			}
		})
	}
}

func TestHookArguments(t *testing.T) {
	// Expected values are those of Alembic's _parse_cmdline_options.
	tests := []struct {
		options, path string
		want          []string
	}{
		{"", "/p/x.py", []string{"/p/x.py"}},
		{"-l 79", "/p/x.py", []string{"/p/x.py", "-l", "79"}},
		{"--fix REVISION_SCRIPT_FILENAME --quiet", "/p/x.py", []string{"--fix", "/p/x.py", "--quiet"}},
		{"--file=REVISION_SCRIPT_FILENAME", "/p/x.py", []string{"--file=/p/x.py"}},
		{"REVISION_SCRIPT_FILENAME", "/my dir/x.py", []string{"/my dir/x.py"}},
	}
	for _, tt := range tests {
		got, err := hookArguments(tt.options, tt.path)
		if err != nil || !reflect.DeepEqual(got, tt.want) {
			t.Errorf("hookArguments(%q, %q) = %q, %v; want %q", tt.options, tt.path, got, err, tt.want)
		}
	}
}

func TestSplitShellWords(t *testing.T) {
	// Expected values recorded from Python's shlex.split.
	tests := []struct {
		in      string
		want    []string
		wantErr string
	}{
		{in: `a b`, want: []string{"a", "b"}},
		{in: `  a   b  `, want: []string{"a", "b"}},
		{in: "a\tb\nc", want: []string{"a", "b", "c"}},
		{in: `'two words' x`, want: []string{"two words", "x"}},
		{in: `"a \" b" c`, want: []string{`a " b`, "c"}},
		{in: `"x\y" z`, want: []string{`x\y`, "z"}},
		{in: `"\\"`, want: []string{`\`}},
		{in: `a\ b`, want: []string{"a b"}},
		{in: `it''s`, want: []string{"its"}},
		{in: `a '' b`, want: []string{"a", "", "b"}},
		{in: `pre"mid dle"post`, want: []string{"premid dlepost"}},
		{in: `'\n'`, want: []string{`\n`}},
		{in: `-l 79 --fast`, want: []string{"-l", "79", "--fast"}},
		{in: ``, want: nil},
		{in: `"open`, wantErr: "No closing quotation"},
		{in: `'open`, wantErr: "No closing quotation"},
		{in: `tail\`, wantErr: "No escaped character"},
	}
	for _, tt := range tests {
		got, err := splitShellWords(tt.in)
		if tt.wantErr != "" {
			if err == nil || err.Error() != tt.wantErr {
				t.Errorf("splitShellWords(%q) error = %v, want %q", tt.in, err, tt.wantErr)
			}
			continue
		}
		if err != nil || !reflect.DeepEqual(got, tt.want) {
			t.Errorf("splitShellWords(%q) = %q, %v; want %q", tt.in, got, err, tt.want)
		}
	}
}

func TestHookError_UnwrapsExit(t *testing.T) {
	p, dir, _ := hookProject(t, "", "hooks = bad\nbad.type = exec\nbad.executable = DIR/bin/bad\n", nil)
	writeExecutable(t, dir, "bad", failBody)
	_, err := Revision(context.Background(), p, RevisionOptions{Message: "m", RevID: "a1"})
	var exitErr *exec.ExitError
	if !errors.As(err, &exitErr) || exitErr.ExitCode() != 3 {
		t.Errorf("error %v does not unwrap to the hook's exit status 3", err)
	}
}
