package command

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"

	"github.com/retort-dev/retort/config"
	"github.com/retort-dev/retort/revision"
	"github.com/retort-dev/retort/script"
)

// RevisionOptions are the flags of the revision command.
type RevisionOptions struct {
	Message      string
	Autogenerate bool
	SQL          bool
	Head         string // "" = "head"
	Splice       bool
	BranchLabel  string
	VersionPath  string
	RevID        string
	DependsOn    []string
	// Progress receives Alembic's "Generating <path> ...  done" lines.
	Progress func(line string)
}

// Revision writes a new revision script on top of Head (default "head"),
// then runs the post write hooks on it; when a hook fails, the script is
// returned (it stays written) along with the *HookError.
func Revision(ctx context.Context, p *Project, o RevisionOptions) (*script.Script, error) {
	switch {
	case o.Autogenerate && o.SQL:
		return nil, &revision.CommandError{Message: "Using --sql with --autogenerate does not make any sense"}
	case o.SQL:
		// Alembic only accepts --sql when env.py runs for the revision
		// command (revision_environment); retort has no env.py.
		return nil, &revision.CommandError{Message: "Using --sql with the revision command when revision_environment is not configured does not make any sense"}
	}
	g := script.GenerateOptions{
		Message:     o.Message,
		RevID:       o.RevID,
		Head:        o.Head,
		Splice:      o.Splice,
		DependsOn:   o.DependsOn,
		VersionPath: o.VersionPath,
		Progress:    o.Progress,
	}
	if o.BranchLabel != "" {
		g.BranchLabels = []string{o.BranchLabel}
	}
	if o.Autogenerate {
		extra, err := p.autogenerateScript(ctx)
		if err != nil {
			return nil, err
		}
		g.Extra = extra
	}
	s, err := p.Scripts.Generate(g)
	if err != nil {
		return nil, err
	}
	return s, RunPostWriteHooks(ctx, p, s.Path, o.Progress)
}

// MergeOptions are the flags of the merge command.
type MergeOptions struct {
	Message     string
	BranchLabel string
	RevID       string
	// Splice (--splice, Alembic 1.18.5) allows revisions that are not
	// heads: the merge then starts a new branch from them.
	Splice bool
	// Progress receives Alembic's "Generating <path> ...  done" lines.
	Progress func(line string)
}

// Merge writes a revision whose parents are the given revisions ("heads"
// merges every head), then runs the post write hooks on it as Revision
// does.
func Merge(ctx context.Context, p *Project, revisions []string, o MergeOptions) (*script.Script, error) {
	g := script.GenerateOptions{
		Message:  o.Message,
		RevID:    o.RevID,
		Parents:  revisions,
		Splice:   o.Splice,
		Progress: o.Progress,
	}
	if o.BranchLabel != "" {
		g.BranchLabels = []string{o.BranchLabel}
	}
	s, err := p.Scripts.Generate(g)
	if err != nil {
		return nil, err
	}
	return s, RunPostWriteHooks(ctx, p, s.Path, o.Progress)
}

// Check is Alembic 1.9's check: it fails with a *PendingChangesError when
// autogenerate would produce operations.
func Check(ctx context.Context, p *Project) error {
	res, _, err := p.autogenerate(ctx)
	if err != nil {
		return err
	}
	if !res.Empty() {
		return &PendingChangesError{Diffs: res.Diffs}
	}
	return nil
}

// Edit opens the scripts a symbol names in the user's editor, one after
// the other: $EDITOR, else $VISUAL, else the first of Alembic's fallback
// editors found on PATH. "current" edits the database's revisions.
func Edit(ctx context.Context, p *Project, rev string) error {
	scripts, err := Show(ctx, p, rev)
	switch {
	case err != nil:
		return err
	case len(scripts) == 0 && rev == "current":
		return &revision.CommandError{Message: "No current revisions"}
	case len(scripts) == 0:
		return &revision.CommandError{Message: fmt.Sprintf("No revision files indicated by symbol '%s'", rev)}
	}
	editor, err := findEditor(p.Env.getenv)
	if err != nil {
		return &revision.CommandError{Message: fmt.Sprintf("Error executing editor (%s)", err), Err: err}
	}
	for _, s := range scripts {
		cmd := exec.CommandContext(ctx, editor, s.Path)
		cmd.Stdin, cmd.Stdout, cmd.Stderr = os.Stdin, os.Stdout, os.Stderr
		if err := cmd.Run(); err != nil {
			return &revision.CommandError{Message: fmt.Sprintf("Error executing editor (%s)", err), Err: err}
		}
	}
	return nil
}

// fallbackEditors are the editors Alembic tries on POSIX systems when
// neither EDITOR nor VISUAL names one.
var fallbackEditors = []string{"sensible-editor", "editor", "nano", "vim", "code"}

// findEditor follows Alembic's _find_editor: EDITOR, then VISUAL, each
// either a path to an existing file or a command name on PATH; the value is
// one program, not a shell command line.
func findEditor(getenv func(string) string) (string, error) {
	candidates := slices.Clone(fallbackEditors)
	insertAt := 0
	for _, name := range []string{"EDITOR", "VISUAL"} {
		choice := getenv(name)
		if choice == "" {
			continue
		}
		if _, err := os.Stat(choice); err == nil {
			return choice, nil
		}
		if !strings.ContainsRune(choice, filepath.Separator) {
			candidates = append(candidates[:insertAt], append([]string{choice}, candidates[insertAt:]...)...)
			insertAt++
		}
	}
	for _, c := range candidates {
		if path, err := exec.LookPath(c); err == nil {
			return path, nil
		}
	}
	return "", errors.New(`No suitable editor found. Please set the "EDITOR" or "VISUAL" environment variables`)
}

// ListTemplates returns the project templates init accepts.
func ListTemplates() []script.Template {
	return script.ListTemplates()
}

// InitOptions are the arguments of init.
type InitOptions struct {
	// Dir is the script directory to create.
	Dir string
	// Template is -t: "generic" (default), "multidb" or "sql".
	Template string
	// Package is --package: write __init__.py files.
	Package bool
	// Progress receives Alembic's status lines.
	Progress func(line string)
}

// Init creates a script directory and, unless it exists, its config file:
// Env.ConfigPath when given, else retort.ini for the sql template (only
// retort runs .sql scripts), else the file Load would look for.
func Init(env Env, o InitOptions) error {
	configPath := env.ConfigPath
	if configPath == "" && o.Template == "sql" {
		configPath = "retort.ini"
	}
	if configPath == "" {
		var err error
		if configPath, err = config.Find("", env.getenv); err != nil {
			return err
		}
	}
	return script.InitProject(script.InitOptions{
		Dir:        o.Dir,
		Template:   o.Template,
		ConfigPath: configPath,
		Package:    o.Package,
		Progress:   o.Progress,
	})
}
