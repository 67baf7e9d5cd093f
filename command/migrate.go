package command

import (
	"cmp"
	"context"
	"fmt"
	"github.com/retort-dev/retort/target"
	"os"
	"path/filepath"
	"strings"

	"github.com/retort-dev/retort/internal/engine"
	"github.com/retort-dev/retort/pybridge"
	"github.com/retort-dev/retort/pyscript"
)

// MigrateOptions are the flags of upgrade and downgrade.
type MigrateOptions struct {
	// SQL writes the statements to Env.Stdout instead of running them
	// (offline mode); the target may then be a "START:END" range.
	SQL bool
	// Tag is the --tag argument, kept for library users.
	Tag string
}

// Upgrade applies the revisions between the database's current heads and
// target ("head", "heads", "+1", "billing@head", an id, ...). Offline, the
// target may be "START:END", START naming where the script starts from.
func Upgrade(ctx context.Context, p *Project, target string, o MigrateOptions) error {
	_, err := upgrade(ctx, p, target, o, false)
	return err
}

// Downgrade reverts the revisions between the database's current heads and
// target ("base", "-1", an id, ...). Offline it needs "START:END".
func Downgrade(ctx context.Context, p *Project, target string, o MigrateOptions) error {
	_, err := downgrade(ctx, p, target, o, false)
	return err
}

// engine is the migration engine on the project's database (online) or
// writing SQL to Env.Stdout (offline). The caller closes the database; a
// nil *database (offline) closes as a no-op.
func (p *Project) engine(tag string, offline bool) (*engine.Engine, *database, error) {
	opts, err := p.migrationOptions(tag)
	if err != nil {
		return nil, nil, err
	}
	env, err := p.scriptEnv()
	if err != nil {
		return nil, nil, err
	}
	python, err := p.pythonScripts(env)
	if err != nil {
		return nil, nil, err
	}
	e := &engine.Engine{Scripts: p.Scripts, Options: opts, Env: env, Python: python, ScriptCache: p.Env.ScriptCache}
	if len(p.Env.Migrations) > 0 {
		e.Go = make(map[string]engine.GoSteps, len(p.Env.Migrations))
		for _, m := range p.Env.Migrations {
			e.Go[m.Script.Revision.ID] = engine.GoSteps{Upgrade: m.Upgrade, Downgrade: m.Downgrade}
		}
	}
	if offline {
		if e.Dialect, err = p.offlineDialect(); err != nil {
			return nil, nil, err
		}
		e.Out = p.Env.Stdout
		if e.Out == nil {
			e.Out = os.Stdout
		}
		return e, nil, nil
	}
	db, err := p.open()
	if err != nil {
		return nil, nil, err
	}
	e.Dialect, e.DB = db.dialect, db.db
	return e, db, nil
}

// scriptEnv is what a .py script sees of the invocation: the -x arguments,
// the main config section, and stdout for its print() calls.
func (p *Project) scriptEnv() (pyscript.Env, error) {
	items, err := p.Config.Items(p.Config.Section)
	if err != nil {
		return pyscript.Env{}, err
	}
	main := make(map[string]string, len(items))
	for _, kv := range items {
		main[kv[0]] = kv[1]
	}
	env := pyscript.Env{XArgs: p.Config.XArgs(), Config: main,
		MaxStepsSetting: "script_max_steps in the [" + p.Config.Section + "] section of " + filepath.Base(p.Config.Path)}
	steps, err := p.Config.Int("script_max_steps", 0)
	if err != nil {
		return pyscript.Env{}, err
	}
	if steps < 0 {
		return pyscript.Env{}, fmt.Errorf("script_max_steps = %d: the budget of script steps must be positive", steps)
	}
	env.MaxSteps = uint64(steps)
	if out := p.Env.Stdout; out != nil {
		env.Print = func(msg string) { fmt.Fprintln(out, msg) }
	}
	// Alembic names the constraints a script leaves unnamed (and op.f)
	// by target_metadata's naming convention; a models.py target gives it
	// without running the project's Python.
	switch kind, value := p.targetKind(); kind {
	case "models.py":
		md, err := target.LoadModelsPy(context.Background(), value)
		if err != nil {
			return pyscript.Env{}, err
		}
		env.NamingConvention = md.NamingConvention
	case "envpy", "import":
		// SQLAlchemy models: asked of the project's Python when a script
		// first names something, if the project can have a convention.
		env.LoadNamingConvention = p.conventionLoader(value)
	}
	return env, nil
}

// pythonScripts reads python_scripts (auto, never or always: which .py
// scripts run under the project's own Python) and what those scripts see.
func (p *Project) pythonScripts(env pyscript.Env) (engine.PythonScripts, error) {
	mode := p.Config.String("python_scripts", cmp.Or(p.Env.Defaults.PythonScripts, engine.PythonAuto))
	switch mode {
	case engine.PythonAuto, engine.PythonNever, engine.PythonAlways:
	default:
		return engine.PythonScripts{}, fmt.Errorf("python_scripts = %s in the [%s] section of %s: must be auto, never or always",
			mode, p.Config.Section, filepath.Base(p.Config.Path))
	}
	configFile := p.Config.Path
	if strings.HasSuffix(configFile, ".toml") {
		configFile = "" // context.config is built from the main options
	}
	return engine.PythonScripts{
		Mode:                 mode,
		LoadNamingConvention: env.LoadNamingConvention,
		Find: func() (string, error) {
			return target.FindPython(p.Config.Here, p.Config.String("python", p.Env.Defaults.Python), p.Config.Getenv)
		},
		Bridge: pybridge.Options{
			ConfigFile:       configFile,
			Section:          p.Config.Section,
			MainOptions:      env.Config,
			XArgs:            env.XArgs,
			SysPath:          p.Config.PrependSysPath(),
			NamingConvention: env.NamingConvention,
			Stdout:           p.Env.Stdout,
			Stderr:           os.Stderr,
		},
	}, nil
}

// StampOptions are the flags of stamp.
type StampOptions struct {
	// SQL writes the version-table statements instead of running them;
	// each target may then be "START:END", with one START for all.
	SQL bool
	// Tag is the --tag argument, kept for library users.
	Tag string
	// Purge empties the version table first (online only).
	Purge bool
}

// Stamp sets the version table to targets without running migrations.
func Stamp(ctx context.Context, p *Project, targets []string, o StampOptions) error {
	_, err := stamp(ctx, p, targets, o, false)
	return err
}

// EnsureVersion creates the version table when it is missing; offline it
// writes the CREATE TABLE.
func EnsureVersion(ctx context.Context, p *Project, sql bool) error {
	e, db, err := p.engine("", sql)
	if err != nil {
		return err
	}
	defer db.close()
	return db.explain(e.EnsureVersion(ctx))
}
