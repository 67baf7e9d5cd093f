package command

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"

	"github.com/retort-dev/retort/autogen"
	"github.com/retort-dev/retort/autogen/render"
	"github.com/retort-dev/retort/dialect"
	"github.com/retort-dev/retort/internal/autodiff"
	"github.com/retort-dev/retort/migration"
	"github.com/retort-dev/retort/revision"
	"github.com/retort-dev/retort/schema"
	"github.com/retort-dev/retort/script"
	"github.com/retort-dev/retort/target"
)

// wanted is the schema the project wants, and what its env.py said about
// comparing it.
type wanted struct {
	md        *schema.MetaData
	configure target.Configure
	// filter evaluates env.py's include_name / include_object in one batch;
	// nil when env.py gives neither.
	filter func(ctx context.Context, objs []target.FilterObject) ([]bool, error)
	// url is the URL env.py set with config.set_main_option, if it did.
	url   string
	close func()
}

// targetKind tells where target_metadata points: a models.py on
// Starlark, desired-state SQL, a Python import path, or (empty) env.py.
func (p *Project) targetKind() (kind, value string) {
	v := strings.TrimSpace(p.Config.TargetMetadata())
	switch {
	case v == "":
		return "envpy", ""
	case strings.HasSuffix(v, ".py"):
		return "models.py", p.targetPath(v)
	case strings.HasSuffix(v, ".sql"):
		return "sql", p.targetPath(v)
	case strings.Contains(v, ":"):
		return "import", v
	}
	if info, err := os.Stat(p.targetPath(v)); err == nil && info.IsDir() {
		return "sql", p.targetPath(v)
	}
	return "import", v
}

func (p *Project) targetPath(v string) string {
	if filepath.IsAbs(v) {
		return v
	}
	return filepath.Join(p.Config.Here, v)
}

// loadPython starts the project's own interpreter on its env.py (or on a
// package.module:attribute import) and reads the models' metadata.
func (p *Project) loadPython(ctx context.Context, importPath string) (*wanted, error) {
	location, err := p.Config.ScriptLocation()
	if err != nil {
		return nil, err
	}
	if importPath == "" {
		if _, err := os.Stat(filepath.Join(location, "env.py")); err != nil {
			return nil, &revision.CommandError{Message: "autogenerate needs target metadata: set target_metadata in the config (a models.py, a schema .sql file or folder, or package.module:attribute), or keep an env.py that passes target_metadata to context.configure()"}
		}
	}
	var proj *target.SQLAProject
	if importPath == "" && p.envURL != nil && p.envURL.loaded != nil {
		// env.py already ran to give the URL: its models are loaded.
		proj, p.envURL.loaded = p.envURL.loaded, nil
	} else {
		python, err := target.FindPython(p.Config.Here, p.Config.String("python", ""), p.Config.Getenv)
		if err != nil {
			return nil, err
		}
		if proj, err = p.startPython(ctx, python, location, importPath); err != nil {
			return nil, err
		}
	}
	if proj.MetaData() == nil {
		proj.Close()
		return nil, &revision.CommandError{Message: fmt.Sprintf("Can't proceed with --autogenerate option; environment script %s does not provide a MetaData object or sequence of objects to the context.", filepath.Join(location, "env.py"))}
	}
	w := &wanted{md: proj.MetaData(), configure: proj.Configure(), close: func() { proj.Close() }}
	if u, changed := proj.URL(); changed {
		w.url = u
	}
	if proj.HasFilters() {
		w.filter = proj.Filter
	}
	return w, nil
}

// startPython runs the helper on the project's env.py (importPath "") or
// on a package.module:attribute.
func (p *Project) startPython(ctx context.Context, python, location, importPath string) (*target.SQLAProject, error) {
	items, err := p.Config.Items(p.Config.Section)
	if err != nil {
		return nil, err
	}
	main := make(map[string]string, len(items))
	for _, kv := range items {
		main[kv[0]] = kv[1]
	}
	if u := p.Config.URL(); u != "" {
		main["sqlalchemy.url"] = u
	}
	return target.StartSQLA(ctx, target.PythonOptions{
		Python:         python,
		ConfigPath:     p.Config.Path,
		ConfigSection:  p.Config.Section,
		MainOptions:    main,
		ScriptLocation: location,
		Env:            os.Environ(),
		TargetMetadata: importPath,
		XArgs:          p.Config.XArgs(),
	})
}

// loadWanted loads the target metadata for the dialect of db.
func (p *Project) loadWanted(ctx context.Context, db *database) (*wanted, error) {
	kind, value := p.targetKind()
	switch kind {
	case "models.py":
		md, err := target.LoadModelsPy(ctx, value)
		if err != nil {
			return nil, err
		}
		return &wanted{md: md, close: func() {}}, nil
	case "sql":
		md, err := p.loadSchemaSQL(ctx, db, nil, value)
		if err != nil {
			return nil, err
		}
		return &wanted{md: md, close: func() {}}, nil
	case "import":
		return p.loadPython(ctx, value)
	}
	if d := p.Env.Defaults; d.TargetSchemaFS != nil {
		md, err := p.loadSchemaSQL(ctx, db, d.TargetSchemaFS, d.TargetSchemaPath)
		if err != nil {
			return nil, err
		}
		return &wanted{md: md, close: func() {}}, nil
	}
	if t := p.Env.Defaults.Target; t != nil {
		md, err := t(ctx, db.dialect, db.db)
		if err != nil {
			return nil, fmt.Errorf("loading the program's target schema: %w", err)
		}
		return &wanted{md: md, close: func() {}}, nil
	}
	return p.loadPython(ctx, "")
}

// Autogenerate compares the project's target metadata with its database
// and returns the operations that would bring the database to the models.
// The database must be at the head revisions.
func Autogenerate(ctx context.Context, p *Project) (*autogen.Result, error) {
	res, _, err := p.autogenerate(ctx)
	return res, err
}

func (p *Project) autogenerate(ctx context.Context) (*autogen.Result, *compareSettings, error) {
	db, err := p.open()
	if err != nil {
		return nil, nil, err
	}
	defer func() { db.close() }()
	// Reflect while the project's Python loads the models: the two are
	// independent, and the Python side is most of the time. db is already
	// the database env.py names, when it names one (urlOf).
	reflected := make(chan reflection, 1)
	go func() { reflected <- p.reflectDefault(ctx, db) }()
	w, err := p.loadWanted(ctx, db)
	live := <-reflected
	if err != nil {
		return nil, nil, err
	}
	defer w.close()
	if w.url != "" && p.Config.Getenv("RETORT_URL") == "" && w.url != db.url.Unmasked() {
		// env.py decides the URL (Cognee's .env pattern): use its database.
		other, err := p.openURL(w.url)
		if err != nil {
			return nil, nil, err
		}
		if other.dialect.Name() != db.dialect.Name() {
			other.close()
			return nil, nil, &revision.CommandError{Message: fmt.Sprintf("env.py sets sqlalchemy.url to a %s database, but the config names %s; set RETORT_URL to choose", other.dialect.Name(), db.dialect.Name())}
		}
		db.close()
		db = other
		live = p.reflectDefault(ctx, db)
	}
	settings, err := p.compareSettings(w.configure)
	if err != nil {
		return nil, nil, err
	}
	settings.dialect = db.dialect
	if err := p.requireUpToDate(ctx, db, settings); err != nil {
		return nil, nil, db.explain(err)
	}
	if live.err != nil {
		return nil, nil, db.explain(live.err)
	}
	if settings.includeSchemas {
		if err := autodiff.ReflectOtherSchemas(ctx, db.dialect, db.db, live.live); err != nil {
			return nil, nil, db.explain(err)
		}
	}
	md := live.live.Localize(w.md)
	opts := autogen.Options{
		CompareType:          settings.compareType,
		CompareServerDefault: settings.compareServerDefault,
		VersionTable:         settings.versionTable,
		VersionTableSchema:   settings.versionTableSchema,
		RenderAsBatch:        settings.renderAsBatch,
	}
	include, err := p.includeFilter(ctx, w, md, live.live.MetaData, settings)
	if err != nil {
		return nil, nil, err
	}
	opts.Include = p.skipHistory(include)
	res, err := autodiff.Compare(ctx, db.dialect, db.db, md, live.live, opts)
	if err != nil {
		return nil, nil, err
	}
	return res, settings, nil
}

// compareSettings are the autogenerate settings after the config and
// env.py's configure() have both been read: a config key wins.
type compareSettings struct {
	compareType, compareServerDefault, renderAsBatch, includeSchemas bool
	versionTable, versionTableSchema, userModulePrefix               string
	// dialect is the compared database's, for rendering SQL scripts.
	dialect dialect.Dialect
}

func (p *Project) compareSettings(c target.Configure) (*compareSettings, error) {
	s := &compareSettings{}
	flag := func(key string, fromEnv *bool, def bool) (bool, error) {
		if _, ok := p.Config.Get(key); ok || fromEnv == nil {
			return p.Config.Bool(key, def)
		}
		return *fromEnv, nil
	}
	text := func(key string, fromEnv *string, def string) string {
		if v, ok := p.Config.Get(key); ok || fromEnv == nil {
			if !ok {
				return def
			}
			return v
		}
		return *fromEnv
	}
	var err error
	if s.compareType, err = flag("compare_type", c.CompareType, true); err != nil {
		return nil, err
	}
	if s.compareServerDefault, err = flag("compare_server_default", c.CompareServerDefault, false); err != nil {
		return nil, err
	}
	if s.renderAsBatch, err = flag("render_as_batch", c.RenderAsBatch, false); err != nil {
		return nil, err
	}
	if s.includeSchemas, err = flag("include_schemas", c.IncludeSchemas, false); err != nil {
		return nil, err
	}
	s.versionTable = text("version_table", c.VersionTable, "alembic_version")
	s.versionTableSchema = text("version_table_schema", c.VersionTableSchema, "")
	s.userModulePrefix = text("user_module_prefix", c.UserModulePrefix, "")
	return s, nil
}

// requireUpToDate is Alembic's "Target database is not up to date."
// check: autogenerate compares against the schema at the heads.
func (p *Project) requireUpToDate(ctx context.Context, db *database, s *compareSettings) error {
	opts, err := p.migrationOptions("")
	if err != nil {
		return err
	}
	opts.VersionTable, opts.VersionTableSchema = s.versionTable, s.versionTableSchema
	mc, err := migration.New(db.dialect, db.db, nil, opts)
	if err != nil {
		return err
	}
	rows, err := mc.Heads(ctx)
	if err != nil {
		return err
	}
	ok, err := autodiff.AtHeads(p.Scripts.Map, rows)
	if err != nil {
		return failure(err)
	}
	if !ok {
		return &revision.CommandError{Message: "Target database is not up to date."}
	}
	return nil
}

// reflection is the database's schema as read, or why it could not be.
type reflection struct {
	live *autodiff.Live
	err  error
}

// reflectDefault reads the connection's default schema.
func (p *Project) reflectDefault(ctx context.Context, db *database) reflection {
	live, err := autodiff.Reflect(ctx, db.dialect, db.db)
	return reflection{live: live, err: err}
}

// includeFilter combines include_tables / exclude_tables with env.py's
// include_name and include_object, evaluated once for every object.
func (p *Project) includeFilter(ctx context.Context, w *wanted, md, live *schema.MetaData, s *compareSettings) (func(autogen.Object) bool, error) {
	includeTables, excludeTables := p.Config.IncludeTables(), p.Config.ExcludeTables()
	for _, pat := range append(slices.Clone(includeTables), excludeTables...) {
		if _, err := path.Match(pat, ""); err != nil {
			return nil, &revision.CommandError{Message: fmt.Sprintf("bad pattern %q in include_tables / exclude_tables: %v", pat, err)}
		}
	}
	tableIncluded := func(schemaName, table string) bool {
		match := func(pats []string) bool {
			for _, pat := range pats {
				if ok, _ := path.Match(pat, table); ok {
					return true
				}
				if ok, _ := path.Match(pat, qualifiedName(schemaName, table)); ok {
					return true
				}
			}
			return false
		}
		if len(includeTables) > 0 && !match(includeTables) {
			return false
		}
		return !match(excludeTables)
	}
	verdicts := map[autogen.Object]bool{}
	if w.filter != nil {
		objs := autogen.Objects(md, live, s.versionTable, s.versionTableSchema)
		asked := make([]target.FilterObject, len(objs))
		for i, o := range objs {
			asked[i] = target.FilterObject{Type: o.Type, Name: o.Name, Schema: o.Schema, Table: o.Table, Reflected: o.Reflected}
		}
		answers, err := w.filter(ctx, asked)
		if err != nil {
			return nil, err
		}
		if len(answers) != len(objs) {
			return nil, errors.New("env.py filters: the helper answered for a different number of objects")
		}
		for i, o := range objs {
			verdicts[o] = answers[i]
		}
	}
	return func(o autogen.Object) bool {
		table := o.Table
		if o.Type == "table" {
			table = o.Name
		}
		if !tableIncluded(o.Schema, table) {
			return false
		}
		if v, ok := verdicts[o]; ok {
			return v
		}
		return true
	}, nil
}

func qualifiedName(schemaName, name string) string {
	if schemaName == "" {
		return name
	}
	return schemaName + "." + name
}

// loadSchemaSQL loads desired-state SQL into a scratch database of the
// target's dialect and reflects it: location is a .sql file or a
// directory of them, in fsys, or on disk when fsys is nil.
func (p *Project) loadSchemaSQL(ctx context.Context, db *database, fsys fs.FS, location string) (*schema.MetaData, error) {
	var files []string
	var err error
	if fsys == nil {
		files, err = target.SchemaFiles(location)
	} else {
		files, err = target.SchemaFilesFS(fsys, location)
	}
	if err != nil {
		return nil, err
	}
	insp, ok := db.dialect.(dialect.Inspector)
	if !ok {
		return nil, fmt.Errorf("the %s dialect cannot reflect a schema", db.dialect.Name())
	}
	switch db.dialect.Name() {
	case "sqlite":
		return autodiff.LoadSQLite(ctx, insp, fsys, files)
	case "postgresql":
		scratchDB := db
		if dev := p.Config.DevURL(); dev != "" {
			if scratchDB, err = p.openURL(dev); err != nil {
				return nil, err
			}
			defer scratchDB.close()
		}
		md, err := autodiff.LoadPostgres(ctx, scratchDB.db, insp, fsys, files, scratchSuffix())
		err = scratchConnError(scratchDB, err)
		return md, scratchDB.explain(err)
	default:
		dev := p.Config.DevURL()
		if dev == "" {
			return nil, target.ErrNeedsDevURL
		}
		scratchDB, err := p.openURL(dev)
		if err != nil {
			return nil, err
		}
		defer scratchDB.close()
		md, err := autodiff.LoadMySQL(ctx, scratchDB.db, insp, fsys, files, scratchSuffix())
		err = scratchConnError(scratchDB, err)
		return md, scratchDB.explain(err)
	}
}

// autogenerateScript compares and renders the result as the template
// variables of a new revision: imports, upgrades and downgrades for a .py
// script, upgrades and downgrades (SQL) for a .sql one.
func (p *Project) autogenerateScript(ctx context.Context) (map[string]any, error) {
	res, settings, err := p.autogenerate(ctx)
	if err != nil {
		return nil, err
	}
	if p.Scripts.SourceKind() == script.KindSQL {
		db, err := p.open()
		if err != nil {
			return nil, err
		}
		defer db.close()
		up, down, err := render.RenderSQL(ctx, settings.dialect, db.db, res.Upgrade, res.Downgrade)
		if err != nil {
			return nil, err
		}
		return map[string]any{"upgrades": up, "downgrades": down}, nil
	}
	ro := render.Options{UserModulePrefix: settings.userModulePrefix, Comments: res.Comments}
	if tr, ok := settings.dialect.(dialect.TypeRenderer); ok {
		ro.Defaults = tr
	}
	py, err := render.RenderPython(res.Upgrade, res.Downgrade, ro)
	if err != nil {
		return nil, err
	}
	return map[string]any{"imports": py.Imports, "upgrades": py.Upgrades, "downgrades": py.Downgrades}, nil
}

// PendingChangesError is check's failure: autogenerate found operations.
type PendingChangesError struct {
	Diffs []string
}

func (e *PendingChangesError) Error() string {
	return "New upgrade operations detected: [" + strings.Join(e.Diffs, ", ") + "]"
}

// scratchConnError reports a scratch load's failure to connect as a
// connection error of db, like any other.
func scratchConnError(db *database, err error) error {
	var ce *autodiff.ConnError
	if errors.As(err, &ce) {
		return connectError(db, ce.Err)
	}
	return err
}

func connectError(db *database, err error) error {
	return db.explain(&migration.ConnectError{Dialect: db.dialect.Name(), Err: err})
}

// scratchSuffix names a scratch schema or database uniquely.
func scratchSuffix() string { return script.NewRevisionID() }
