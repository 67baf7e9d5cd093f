package command

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"

	"github.com/retort-dev/retort/config"
)

// revisionScriptToken is replaced by the written file's path in a hook's
// options, as in Alembic.
const revisionScriptToken = "REVISION_SCRIPT_FILENAME"

// stderrTailLines is how many of a failed hook's last stderr lines its
// error repeats, so that a library caller sees why without a terminal.
const stderrTailLines = 5

// HookError is a post write hook that could not run or failed. The written
// revision file stays in place, as Alembic leaves it. Its message is
// Alembic's where Alembic has one ("No formatter with name 'x' registered",
// "Key black.entrypoint is required for post write hook 'black'"); retort's
// own messages name the hook.
type HookError struct {
	// Hook is the hook's name in the "hooks" list.
	Hook string
	Err  error
}

func (e *HookError) Error() string { return e.Err.Error() }

func (e *HookError) Unwrap() error { return e.Err }

// hookExitError is a hook that ran and exited unsuccessfully. Alembic
// ignores the status; retort fails, since a formatter that could not
// format leaves a script nobody checked.
type hookExitError struct {
	hook   string
	err    *exec.ExitError
	stderr []string // the last lines the hook wrote on stderr
}

func (e *hookExitError) Error() string {
	var b strings.Builder
	if code := e.err.ExitCode(); code >= 0 {
		fmt.Fprintf(&b, "post write hook '%s' exited with status %d", e.hook, code)
	} else {
		fmt.Fprintf(&b, "post write hook '%s' ended: %s", e.hook, e.err)
	}
	if len(e.stderr) > 0 {
		b.WriteString(":")
		for _, line := range e.stderr {
			b.WriteString("\n  " + line)
		}
	}
	return b.String()
}

func (e *hookExitError) Unwrap() error { return e.err }

// RunPostWriteHooks runs the hooks of the config's [post_write_hooks]
// section on a freshly written script, in the order of its "hooks" key, as
// Alembic does after revision and merge. Progress receives Alembic's
// "Running post write hook '<name>' ..." before each hook and "  done" or
// "  FAILED" after it (the hook's own output comes in between, on the
// process's stderr and on Env.Stdout, else the process's stdout). The
// first failing hook stops the run with a *HookError.
//
// The runners:
//
//   - exec: "<name>.executable" is a path, or a name looked up on PATH.
//   - console_scripts: "<name>.entrypoint" names a console script. Alembic
//     finds it among the entry points of its own interpreter; retort has
//     none, so it runs the executable of that name found on PATH — unless
//     a Python is set explicitly (the "python" key of the main section, or
//     RETORT_PYTHON), in which case that Python looks the entry point up
//     with importlib.metadata and calls it, as Alembic would.
//   - module: "<name>.module" runs as "<python> -m <module>" with the
//     project's Python: the "python" key of the main section, else
//     RETORT_PYTHON, else .venv/bin/python beside the config file, else
//     python3 on PATH.
//
// "<name>.options" are the arguments, split as a POSIX shell would, with
// REVISION_SCRIPT_FILENAME replaced by the script's path (and the path put
// first when the token is absent); "<name>.cwd" is the hook's working
// directory.
func RunPostWriteHooks(ctx context.Context, p *Project, path string, progress func(line string)) error {
	hooks, err := p.Config.PostWriteHooks()
	if err != nil {
		return err
	}
	if progress == nil {
		progress = func(string) {}
	}
	for _, h := range hooks {
		progress(fmt.Sprintf("Running post write hook '%s' ...", h.Name))
		if err := p.runHook(ctx, h, path); err != nil {
			progress("  FAILED")
			return &HookError{Hook: h.Name, Err: err}
		}
		progress("  done")
	}
	return nil
}

// runHook runs one hook on path.
func (p *Project) runHook(ctx context.Context, h config.Hook, path string) error {
	argv, err := p.hookCommand(h)
	if err != nil {
		return err
	}
	args, err := hookArguments(h.Options["options"], path)
	if err != nil {
		return fmt.Errorf("post write hook '%s': options: %w", h.Name, err)
	}
	cmd := exec.CommandContext(ctx, argv[0], append(argv[1:], args...)...)
	cmd.Dir = h.Options["cwd"]
	cmd.Stdout = p.Env.Stdout
	if cmd.Stdout == nil {
		cmd.Stdout = os.Stdout
	}
	tail := &tailBuffer{max: 8 << 10}
	cmd.Stderr = io.MultiWriter(os.Stderr, tail)
	err = cmd.Run()
	var exitErr *exec.ExitError
	switch {
	case err == nil:
		return nil
	case ctx.Err() != nil:
		return fmt.Errorf("post write hook '%s': %w", h.Name, ctx.Err())
	case errors.As(err, &exitErr):
		lines := tail.lastLines(stderrTailLines)
		if msg := notFoundMessage(h, exitErr, lines); msg != "" {
			return errors.New(msg)
		}
		return &hookExitError{hook: h.Name, err: exitErr, stderr: lines}
	default:
		return fmt.Errorf("post write hook '%s': %w", h.Name, err)
	}
}

// consoleScriptShim is the program a Python runs for a console_scripts
// hook: it finds the entry point named by its first argument, drops that
// argument so the tool sees only its own, and calls it the way the
// console script's wrapper would.
const consoleScriptShim = `import sys
from importlib.metadata import entry_points
name = sys.argv.pop(1)
eps = entry_points()
group = eps.select(group="console_scripts") if hasattr(eps, "select") else eps.get("console_scripts", ())
for ep in group:
    if ep.name == name:
        sys.exit(ep.load()())
sys.exit("Could not find entrypoint console_scripts." + name)
`

// hookCommand is the program and leading arguments of a hook, before its
// options.
func (p *Project) hookCommand(h config.Hook) ([]string, error) {
	required := func(key string) (string, error) {
		v, ok := h.Options[key]
		if !ok {
			return "", fmt.Errorf("Key %s.%s is required for post write hook '%s'", h.Name, key, h.Name)
		}
		return v, nil
	}
	switch h.Type {
	case "exec":
		executable, err := required("executable")
		if err != nil {
			return nil, err
		}
		if !strings.ContainsRune(executable, filepath.Separator) {
			found, ok := lookPath(executable, p.Config.Getenv("PATH"))
			if !ok {
				return nil, fmt.Errorf("post write hook '%s': executable '%s' not found on PATH", h.Name, executable)
			}
			executable = found
		}
		return []string{executable}, nil
	case "console_scripts":
		entrypoint, err := required("entrypoint")
		if err != nil {
			return nil, err
		}
		if python, ok, err := p.explicitPython(); err != nil {
			return nil, fmt.Errorf("post write hook '%s': %w", h.Name, err)
		} else if ok {
			return []string{python, "-c", consoleScriptShim, entrypoint}, nil
		}
		found, ok := lookPath(entrypoint, p.Config.Getenv("PATH"))
		if !ok {
			return nil, fmt.Errorf("Could not find entrypoint console_scripts.%s: no executable '%s' on PATH (set python in the [%s] section, or RETORT_PYTHON, to look it up in a Python environment)", entrypoint, entrypoint, p.Config.Section)
		}
		return []string{found}, nil
	case "module":
		module, err := required("module")
		if err != nil {
			return nil, err
		}
		python, err := p.projectPython()
		if err != nil {
			return nil, fmt.Errorf("post write hook '%s': %w", h.Name, err)
		}
		return []string{python, "-m", module}, nil
	default:
		return nil, fmt.Errorf("No formatter with name '%s' registered", h.Type)
	}
}

// notFoundMessage recognises, from a Python run's exit, the two cases
// Alembic reports before running anything — an entry point or a module its
// interpreter does not have — and returns Alembic's message for them.
func notFoundMessage(h config.Hook, exitErr *exec.ExitError, stderr []string) string {
	if exitErr.ExitCode() != 1 || len(stderr) == 0 {
		return ""
	}
	last := stderr[len(stderr)-1]
	switch h.Type {
	case "console_scripts":
		if msg := "Could not find entrypoint console_scripts." + h.Options["entrypoint"]; last == msg {
			return msg
		}
	case "module":
		// "python -m" words a missing module "<python>: No module named x";
		// a tool's own failed import says "No module named 'x'", quoted.
		if strings.HasSuffix(last, ": No module named "+h.Options["module"]) {
			return "Could not find module " + h.Options["module"]
		}
	}
	return ""
}

// explicitPython is the Python the project names: the main section's
// "python" key, else RETORT_PYTHON.
func (p *Project) explicitPython() (string, bool, error) {
	for _, c := range []struct{ value, source string }{
		{p.Config.String("python", ""), "python in [" + p.Config.Section + "]"},
		{p.Config.Getenv("RETORT_PYTHON"), "RETORT_PYTHON"},
	} {
		if c.value == "" {
			continue
		}
		if strings.ContainsRune(c.value, filepath.Separator) {
			return c.value, true, nil
		}
		found, ok := lookPath(c.value, p.Config.Getenv("PATH"))
		if !ok {
			return "", false, fmt.Errorf("Python '%s' (%s) not found on PATH", c.value, c.source)
		}
		return found, true, nil
	}
	return "", false, nil
}

// projectPython is the Python that runs module hooks: the explicit one,
// else the virtual environment beside the config file, else python3 on
// PATH.
func (p *Project) projectPython() (string, error) {
	if python, ok, err := p.explicitPython(); err != nil || ok {
		return python, err
	}
	venv := filepath.Join(p.Config.Here, ".venv", "bin", "python")
	if isExecutable(venv) {
		return venv, nil
	}
	if found, ok := lookPath("python3", p.Config.Getenv("PATH")); ok {
		return found, nil
	}
	return "", fmt.Errorf("no Python found: set python in the [%s] section or RETORT_PYTHON, or create %s", p.Config.Section, filepath.Join(p.Config.Here, ".venv"))
}

// lookPath finds an executable by name in the directories of pathList.
// Like os/exec, and unlike a shell, it ignores relative directories, so
// that a hook never runs a program from wherever retort was started.
func lookPath(name, pathList string) (string, bool) {
	for _, dir := range filepath.SplitList(pathList) {
		if !filepath.IsAbs(dir) {
			continue
		}
		if candidate := filepath.Join(dir, name); isExecutable(candidate) {
			return candidate, true
		}
	}
	return "", false
}

// isExecutable reports a regular file with an execute bit.
func isExecutable(path string) bool {
	info, err := os.Stat(path)
	return err == nil && info.Mode().IsRegular() && info.Mode().Perm()&0o111 != 0
}

// hookArguments turns a hook's options into its arguments the way Alembic
// does: the script token goes first when the options lack it, the string
// is split as a POSIX shell would (quotes, backslashes), and the token is
// then replaced inside every word, so that a path with spaces stays one
// argument.
func hookArguments(options, path string) ([]string, error) {
	if !strings.Contains(options, revisionScriptToken) {
		options = revisionScriptToken + " " + options
	}
	words, err := splitShellWords(options)
	if err != nil {
		return nil, err
	}
	for i, w := range words {
		words[i] = strings.ReplaceAll(w, revisionScriptToken, path)
	}
	return words, nil
}

// splitShellWords splits s as Python's shlex.split does in POSIX mode:
// blanks separate words; single quotes keep everything literally; double
// quotes keep everything but a backslash before '"' or '\'; a backslash
// outside quotes keeps the next character. The errors are shlex's.
func splitShellWords(s string) ([]string, error) {
	var words []string
	var word strings.Builder
	inWord := false
	for i := 0; i < len(s); i++ {
		switch c := s[i]; c {
		case ' ', '\t', '\r', '\n':
			if inWord {
				words = append(words, word.String())
				word.Reset()
				inWord = false
			}
		case '\\':
			if i+1 == len(s) {
				return nil, errors.New("No escaped character")
			}
			i++
			word.WriteByte(s[i])
			inWord = true
		case '\'':
			end := strings.IndexByte(s[i+1:], '\'')
			if end < 0 {
				return nil, errors.New("No closing quotation")
			}
			word.WriteString(s[i+1 : i+1+end])
			i += end + 1
			inWord = true
		case '"':
			inWord = true
			for i++; ; i++ {
				if i == len(s) {
					return nil, errors.New("No closing quotation")
				}
				if s[i] == '"' {
					break
				}
				if s[i] == '\\' && i+1 < len(s) && (s[i+1] == '"' || s[i+1] == '\\') {
					i++
				}
				word.WriteByte(s[i])
			}
		default:
			word.WriteByte(c)
			inWord = true
		}
	}
	if inWord {
		words = append(words, word.String())
	}
	return words, nil
}

// tailBuffer keeps the last max bytes written to it.
type tailBuffer struct {
	buf []byte
	max int
}

func (t *tailBuffer) Write(b []byte) (int, error) {
	t.buf = append(t.buf, b...)
	if len(t.buf) > t.max {
		t.buf = t.buf[len(t.buf)-t.max:]
	}
	return len(b), nil
}

// lastLines returns up to n of the last non-blank lines, right-trimmed.
func (t *tailBuffer) lastLines(n int) []string {
	var lines []string
	for _, line := range bytes.Split(t.buf, []byte("\n")) {
		if line = bytes.TrimRight(line, " \t\r"); len(line) > 0 {
			lines = append(lines, string(line))
		}
	}
	if len(lines) > n {
		lines = lines[len(lines)-n:]
	}
	return lines
}
