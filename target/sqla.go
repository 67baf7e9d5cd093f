package target

import (
	"bufio"
	"context"
	_ "embed"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"time"

	"github.com/retort-dev/retort/internal/tail"
	"github.com/retort-dev/retort/schema"
)

// helperSource is the Python side of the protocol; the bootstrap below
// receives it on stdin, so no temporary file is written.
//
//go:embed sqla_helper.py
var helperSource string

// bootstrap reads the first stdin line ({"helper": source, "request": ...})
// and runs the helper with the request.
const bootstrap = `import sys, json
_r = json.loads(sys.stdin.buffer.readline().decode("utf-8"))
_g = {"__name__": "retort_sqla_helper", "__builtins__": __builtins__}
exec(compile(_r["helper"], "retort_sqla_helper.py", "exec"), _g)
_g["main"](_r["request"])
`

// PythonOptions says how to run the project's Python.
type PythonOptions struct {
	// Python is the interpreter path; "" chooses one with FindPython
	// (RETORT_PYTHON is then looked up in Env when Env is set).
	Python string
	// ConfigPath is the alembic.ini / retort.ini; its directory is
	// %(here)s and goes on sys.path.
	ConfigPath string
	// ConfigSection is the config section env.py sees as the main one;
	// "" means "alembic".
	ConfigSection string
	// MainOptions are the config section's values after interpolation
	// (what env.py's config.get_main_option sees), including
	// sqlalchemy.url, prepend_sys_path and script_location.
	MainOptions map[string]string
	// ScriptLocation is the absolute directory holding env.py.
	ScriptLocation string
	// Env is the child's environment (os.Environ() plus .env values);
	// nil inherits this process's environment.
	Env []string
	// TargetMetadata, as "package.module:attribute", skips env.py and
	// imports that attribute (a MetaData or a list of them) directly;
	// "" runs env.py.
	TargetMetadata string
	// Dialect is "postgresql", "mysql" or "sqlite": types' DDL and SQL
	// expressions are compiled for it. "" takes it from sqlalchemy.url.
	Dialect string
	// XArgs are the -x key=value arguments, visible to env.py through
	// context.get_x_argument.
	XArgs []string
}

// FindPython chooses the interpreter that runs a project's models. The
// order is: configured (the config's `python` setting, relative to
// configDir when it holds a path separator), then the RETORT_PYTHON
// environment variable, then configDir/.venv/bin/python, then python3 on
// PATH. A configured or RETORT_PYTHON interpreter that does not exist is
// an error rather than a reason to fall back. getenv nil means os.Getenv.
func FindPython(configDir, configured string, getenv func(string) string) (string, error) {
	if getenv == nil {
		getenv = os.Getenv
	}
	if configured != "" {
		p, err := lookInterpreter(configDir, configured)
		if err != nil {
			return "", fmt.Errorf("python = %s from the config: %w", configured, err)
		}
		return p, nil
	}
	if env := getenv("RETORT_PYTHON"); env != "" {
		p, err := lookInterpreter(configDir, env)
		if err != nil {
			return "", fmt.Errorf("RETORT_PYTHON=%s: %w", env, err)
		}
		return p, nil
	}
	venv := filepath.Join(configDir, ".venv", "bin", "python")
	if runtime.GOOS == "windows" {
		venv = filepath.Join(configDir, ".venv", "Scripts", "python.exe")
	}
	if st, err := os.Stat(venv); err == nil && !st.IsDir() {
		return venv, nil
	}
	if p, err := exec.LookPath("python3"); err == nil {
		return p, nil
	}
	return "", fmt.Errorf("no Python interpreter found: tried the config's python setting (unset), RETORT_PYTHON (unset), %s and python3 on PATH", venv)
}

// lookInterpreter resolves a configured interpreter: a bare name through
// PATH, a path relative to dir.
func lookInterpreter(dir, name string) (string, error) {
	if !strings.ContainsAny(name, `/\`) {
		p, err := exec.LookPath(name)
		if err != nil {
			return "", fmt.Errorf("interpreter %q not found on PATH", name)
		}
		return p, nil
	}
	if !filepath.IsAbs(name) {
		name = filepath.Join(dir, name)
	}
	st, err := os.Stat(name)
	if err != nil {
		return "", fmt.Errorf("interpreter %s: %w", name, err)
	}
	if st.IsDir() {
		return "", fmt.Errorf("interpreter %s is a directory", name)
	}
	return name, nil
}

// PythonError is a failure inside the project's Python: SQLAlchemy
// missing, an import error in the models, an exception in env.py or in an
// include_object filter, or the interpreter dying.
type PythonError struct {
	// Interpreter is the Python that ran.
	Interpreter string
	// Message says what failed, in one line.
	Message string
	// Traceback holds the last lines of the Python traceback (or of the
	// helper's stderr when it died without one).
	Traceback string
}

// Error is the one-line message followed by the last traceback lines.
func (e *PythonError) Error() string {
	msg := fmt.Sprintf("python (%s): %s", e.Interpreter, e.Message)
	tb := strings.TrimSpace(e.Traceback)
	if tb == "" {
		return msg
	}
	lines := strings.Split(tb, "\n")
	if len(lines) > 6 {
		lines = lines[len(lines)-6:]
	}
	return msg + "\n    " + strings.Join(lines, "\n    ")
}

// Configure is what env.py passed to context.configure(); nil fields were
// not passed. A callable compare_type or compare_server_default is
// reported as true: the comparison is on, with the project's own rules.
type Configure struct {
	// CompareType is compare_type: compare column types.
	CompareType *bool `json:"compare_type"`
	// CompareServerDefault is compare_server_default.
	CompareServerDefault *bool `json:"compare_server_default"`
	// RenderAsBatch is render_as_batch: write batch_alter_table blocks.
	RenderAsBatch *bool `json:"render_as_batch"`
	// IncludeSchemas is include_schemas: look at every schema.
	IncludeSchemas *bool `json:"include_schemas"`
	// VersionTable is version_table.
	VersionTable *string `json:"version_table"`
	// VersionTableSchema is version_table_schema.
	VersionTableSchema *string `json:"version_table_schema"`
	// UserModulePrefix is user_module_prefix, the prefix that user
	// types are rendered with instead of their module.
	UserModulePrefix *string `json:"user_module_prefix"`
	// TransactionPerMigration is transaction_per_migration.
	TransactionPerMigration *bool `json:"transaction_per_migration"`
}

// FilterObject names one object for include_name/include_object.
type FilterObject struct {
	// Type is "schema", "table", "column", "index", "unique_constraint"
	// or "foreign_key_constraint", as Alembic's filters receive it.
	Type string `json:"type"`
	// Name is the object's name ("" for an unnamed constraint and for the
	// default schema).
	Name string `json:"name"`
	// Schema is the table's schema ("" = default).
	Schema string `json:"schema"`
	// Table is the owning table, for columns, indexes and constraints.
	Table string `json:"table"`
	// Reflected tells a database object (true) from a model object.
	Reflected bool `json:"reflected"`
}

// SQLAProject is a running helper process holding a project's loaded
// models. Close it when done.
type SQLAProject struct {
	python  string
	cmd     *exec.Cmd
	stdin   io.WriteCloser
	out     *bufio.Reader
	outFile *os.File
	stderr  *tail.Buffer
	waited  chan struct{}
	err     error // the process's exit status, once waited is closed

	mu     sync.Mutex
	closed bool
	killed bool // we stopped the process ourselves (a cancelled context)

	raw       []byte
	md        *schema.MetaData
	configure Configure
	url       string
	urlSet    bool
	filters   bool
}

type helperRequest struct {
	ConfigPath     string            `json:"config_path"`
	Section        string            `json:"section"`
	MainOptions    map[string]string `json:"main_options"`
	ScriptLocation string            `json:"script_location"`
	TargetMetadata string            `json:"target_metadata"`
	Dialect        string            `json:"dialect"`
	XArgs          []string          `json:"x_args"`
}

type helperError struct {
	Message   string `json:"message"`
	Traceback string `json:"traceback"`
}

type phase1 struct {
	OK               bool         `json:"ok"`
	Error            *helperError `json:"error"`
	Configure        Configure    `json:"configure"`
	URL              string       `json:"url"`
	URLChanged       bool         `json:"url_changed"`
	HasIncludeName   bool         `json:"has_include_name"`
	HasIncludeObject bool         `json:"has_include_object"`
	MetaData         *jsonMeta    `json:"metadata"`
}

type phase2 struct {
	OK      bool         `json:"ok"`
	Error   *helperError `json:"error"`
	Include []bool       `json:"include"`
}

// StartSQLA starts the project's Python, runs env.py (or imports
// o.TargetMetadata) and reads the models. The process stays alive for
// Filter until Close; ctx bounds its whole life, so cancelling ctx kills it.
func StartSQLA(ctx context.Context, o PythonOptions) (*SQLAProject, error) {
	python := o.Python
	if python == "" {
		getenv := os.Getenv
		if o.Env != nil {
			getenv = envLookup(o.Env)
		}
		p, err := FindPython(filepath.Dir(o.ConfigPath), "", getenv)
		if err != nil {
			return nil, err
		}
		python = p
	}
	section := o.ConfigSection
	if section == "" {
		section = "alembic"
	}
	first, err := json.Marshal(map[string]any{
		"helper": helperSource,
		"request": helperRequest{
			ConfigPath:     o.ConfigPath,
			Section:        section,
			MainOptions:    o.MainOptions,
			ScriptLocation: o.ScriptLocation,
			TargetMetadata: o.TargetMetadata,
			Dialect:        o.Dialect,
			XArgs:          o.XArgs,
		},
	})
	if err != nil {
		return nil, fmt.Errorf("target: encode the helper request: %w", err)
	}

	cmd := exec.CommandContext(ctx, python, "-c", bootstrap)
	cmd.Env = o.Env
	p := &SQLAProject{python: python, cmd: cmd, stderr: &tail.Buffer{Max: 64 << 10}, waited: make(chan struct{})}
	cmd.Stderr = p.stderr
	if p.stdin, err = cmd.StdinPipe(); err != nil {
		return nil, fmt.Errorf("target: python %s: %w", python, err)
	}
	// An os.Pipe of our own rather than StdoutPipe: Wait must not close
	// the read end before the helper's last answer has been read.
	pr, pw, err := os.Pipe()
	if err != nil {
		return nil, fmt.Errorf("target: python %s: %w", python, err)
	}
	cmd.Stdout = pw
	p.outFile = pr
	p.out = bufio.NewReaderSize(pr, 1<<16)
	err = cmd.Start()
	pw.Close()
	if err != nil {
		pr.Close()
		p.stdin.Close()
		return nil, fmt.Errorf("target: cannot run the Python interpreter %s: %w", python, err)
	}
	go func() {
		p.err = cmd.Wait()
		close(p.waited)
	}()

	line, err := p.exchange(ctx, append(first, '\n'))
	if err != nil {
		p.Close()
		return nil, err
	}
	var doc phase1
	if err := json.Unmarshal(line, &doc); err != nil {
		p.Close()
		return nil, p.failure("the helper's answer is not JSON ("+err.Error()+")", "")
	}
	if !doc.OK || doc.Error != nil {
		p.Close()
		return nil, p.helperFailure(doc.Error)
	}
	p.raw = line
	if doc.MetaData != nil {
		p.md = doc.MetaData.decode()
	}
	p.configure = doc.Configure
	p.url, p.urlSet = doc.URL, doc.URLChanged
	p.filters = doc.HasIncludeName || doc.HasIncludeObject
	if !p.filters {
		// Nothing more to ask: let the interpreter go now.
		p.Close()
	}
	return p, nil
}

// exchange writes msg and reads one answer line, honouring ctx.
func (p *SQLAProject) exchange(ctx context.Context, msg []byte) ([]byte, error) {
	type answer struct {
		line []byte
		err  error
	}
	if err := ctx.Err(); err != nil {
		p.kill()
		return nil, fmt.Errorf("target: python %s: %w", p.python, err)
	}
	done := make(chan answer, 1)
	go func() {
		if _, err := p.stdin.Write(msg); err != nil {
			done <- answer{err: err}
			return
		}
		line, err := p.out.ReadBytes('\n')
		done <- answer{line, err}
	}()
	select {
	case a := <-done:
		if a.err != nil {
			return nil, p.died()
		}
		return a.line, nil
	case <-ctx.Done():
		p.kill()
		return nil, fmt.Errorf("target: python %s: %w", p.python, ctx.Err())
	}
}

func (p *SQLAProject) kill() {
	p.killed = true
	_ = p.cmd.Process.Kill()
}

// died explains a helper that stopped answering.
func (p *SQLAProject) died() error {
	select {
	case <-p.waited:
	case <-time.After(5 * time.Second):
		_ = p.cmd.Process.Kill()
		<-p.waited
	}
	msg := "the helper stopped without answering"
	if p.err != nil {
		msg = "the helper stopped without answering (" + p.err.Error() + ")"
	}
	return p.failure(msg, tail.LastLines(p.stderr.String(), 12))
}

func (p *SQLAProject) failure(msg, tb string) error {
	return &PythonError{Interpreter: p.python, Message: msg, Traceback: tb}
}

func (p *SQLAProject) helperFailure(e *helperError) error {
	if e == nil {
		return p.failure("the helper failed without saying why", tail.LastLines(p.stderr.String(), 12))
	}
	return p.failure(e.Message, e.Traceback)
}

// MetaData returns the models' tables, all target_metadata merged, sorted
// by schema and name (columns keep their declaration order). Each column
// type carries Python (the constructor as Alembic's autogenerate renders
// it), PythonImports (for user types), DDL (compiled by SQLAlchemy for the
// target dialect; "" where it cannot compile there) and the structured
// fields; a TypeDecorator's structured fields are its implementation's for
// the target dialect. Constraint and index names given by the naming
// convention have NameConv set; an unnamed constraint has Name "".
// MetaData.Enums lists the named native enums; the naming convention's
// class keys are spelled "ix", "uq", "ck", "fk", "pk".
//
// It is nil when env.py passed target_metadata=None (as `alembic init`
// writes it): env.py ran, but there is nothing to compare against.
func (p *SQLAProject) MetaData() *schema.MetaData { return p.md }

// Configure returns what env.py passed to context.configure().
func (p *SQLAProject) Configure() Configure { return p.configure }

// URL returns sqlalchemy.url as env.py left it (or the url= it passed to
// context.configure), and whether env.py changed it.
func (p *SQLAProject) URL() (string, bool) { return p.url, p.urlSet }

// HasFilters reports that env.py gave include_name or include_object.
func (p *SQLAProject) HasFilters() bool { return p.filters }

// Stderr returns the last 64 KiB the project's Python printed (env.py's
// prints and logging included). It is complete once Close has returned
// (StartSQLA closes a project without filters itself); before that it
// holds what has arrived so far.
func (p *SQLAProject) Stderr() string { return p.stderr.String() }

// Filter asks env.py's include_name and include_object about a batch of
// objects, in one round trip, and returns whether each is included.
// include_name applies to reflected objects only, include_object to all
// but schemas, as in Alembic. Model objects reach include_object as the
// real SQLAlchemy objects; reflected ones as light stand-ins with the
// right name, schema and table. Without filters everything is included.
func (p *SQLAProject) Filter(ctx context.Context, objs []FilterObject) ([]bool, error) {
	out := make([]bool, len(objs))
	if !p.filters {
		for i := range out {
			out[i] = true
		}
		return out, nil
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.closed {
		return nil, errors.New("target: Filter on a closed SQLAProject")
	}
	if p.killed {
		return nil, fmt.Errorf("target: python %s: the helper was stopped by a cancelled context", p.python)
	}
	if objs == nil {
		objs = []FilterObject{}
	}
	msg, err := json.Marshal(map[string]any{"objects": objs})
	if err != nil {
		return nil, fmt.Errorf("target: encode filter objects: %w", err)
	}
	line, err := p.exchange(ctx, append(msg, '\n'))
	if err != nil {
		return nil, err
	}
	var doc phase2
	if err := json.Unmarshal(line, &doc); err != nil {
		return nil, p.failure("the helper's filter answer is not JSON ("+err.Error()+")", "")
	}
	if !doc.OK || doc.Error != nil {
		return nil, p.helperFailure(doc.Error)
	}
	if len(doc.Include) != len(objs) {
		return nil, p.failure(fmt.Sprintf("the helper answered %d filter results for %d objects", len(doc.Include), len(objs)), "")
	}
	return doc.Include, nil
}

// Close ends the helper process: it exits once its stdin closes.
func (p *SQLAProject) Close() error {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.closed {
		return nil
	}
	p.closed = true
	_ = p.stdin.Close()
	select {
	case <-p.waited:
	case <-time.After(10 * time.Second):
		_ = p.cmd.Process.Kill()
		<-p.waited
	}
	p.outFile.Close()
	if p.err != nil && p.md != nil && !p.killed {
		return p.failure("the helper exited with "+p.err.Error(), tail.LastLines(p.stderr.String(), 12))
	}
	return nil
}

// envLookup reads a variable from an environment list; the last
// assignment wins, as in exec.
func envLookup(env []string) func(string) string {
	return func(key string) string {
		val := ""
		for _, kv := range env {
			if k, v, ok := strings.Cut(kv, "="); ok && k == key {
				val = v
			}
		}
		return val
	}
}

// The helper's JSON document, as sqla_helper.py writes it.
type (
	jsonMeta struct {
		Schema           string            `json:"schema"`
		NamingConvention map[string]string `json:"naming_convention"`
		Tables           []jsonTable       `json:"tables"`
		Enums            []jsonEnum        `json:"enums"`
	}
	jsonEnum struct {
		Schema string   `json:"schema"`
		Name   string   `json:"name"`
		Values []string `json:"values"`
	}
	jsonTable struct {
		Schema         string            `json:"schema"`
		Name           string            `json:"name"`
		Comment        *string           `json:"comment"`
		Columns        []jsonColumn      `json:"columns"`
		Constraints    []jsonConstraint  `json:"constraints"`
		Indexes        []jsonIndex       `json:"indexes"`
		DialectOptions map[string]string `json:"dialect_options"`
	}
	jsonColumn struct {
		Name           string            `json:"name"`
		Type           jsonType          `json:"type"`
		Nullable       bool              `json:"nullable"`
		PrimaryKey     bool              `json:"primary_key"`
		Autoincrement  string            `json:"autoincrement"`
		ServerDefault  *jsonDefault      `json:"server_default"`
		Comment        *string           `json:"comment"`
		Identity       *jsonIdentity     `json:"identity"`
		Computed       *jsonComputed     `json:"computed"`
		Sequence       *jsonSequence     `json:"sequence"`
		DialectOptions map[string]string `json:"dialect_options"`
	}
	jsonType struct {
		Python           string              `json:"python"`
		Imports          []string            `json:"imports"`
		DDL              string              `json:"ddl"`
		Kind             string              `json:"kind"`
		Dialect          string              `json:"dialect"`
		Length           int                 `json:"length"`
		Precision        *int                `json:"precision"`
		Scale            *int                `json:"scale"`
		Timezone         bool                `json:"timezone"`
		Collation        string              `json:"collation"`
		Charset          string              `json:"charset"`
		Unsigned         bool                `json:"unsigned"`
		AsUUID           *bool               `json:"as_uuid"`
		Values           []string            `json:"values"`
		EnumName         string              `json:"enum_name"`
		NativeEnum       bool                `json:"native_enum"`
		CreateType       bool                `json:"create_type"`
		CreateConstraint bool                `json:"create_constraint"`
		Item             *jsonType           `json:"item"`
		Dimensions       int                 `json:"dimensions"`
		Variants         map[string]jsonType `json:"variants"`
	}
	jsonDefault struct {
		Kind string `json:"kind"` // literal, text or func
		Text string `json:"text"`
	}
	jsonIdentity struct {
		Always    bool   `json:"always"`
		OnNull    bool   `json:"on_null"`
		Cycle     bool   `json:"cycle"`
		Start     *int64 `json:"start"`
		Increment *int64 `json:"increment"`
		MinValue  *int64 `json:"minvalue"`
		MaxValue  *int64 `json:"maxvalue"`
		Cache     *int64 `json:"cache"`
	}
	jsonComputed struct {
		SQLText   string `json:"sqltext"`
		Persisted *bool  `json:"persisted"`
	}
	jsonSequence struct {
		Name      string `json:"name"`
		Schema    string `json:"schema"`
		Start     *int64 `json:"start"`
		Increment *int64 `json:"increment"`
	}
	jsonConstraint struct {
		Kind       string   `json:"kind"` // primary_key, foreign_key, unique, check
		Name       string   `json:"name"`
		Conv       bool     `json:"conv"`
		Columns    []string `json:"columns"`
		RefSchema  string   `json:"ref_schema"`
		RefTable   string   `json:"ref_table"`
		RefColumns []string `json:"ref_columns"`
		OnDelete   string   `json:"ondelete"`
		OnUpdate   string   `json:"onupdate"`
		Deferrable *bool    `json:"deferrable"`
		Initially  string   `json:"initially"`
		Match      string   `json:"match"`
		UseAlter   bool     `json:"use_alter"`
		SQLText    string   `json:"sqltext"`
	}
	jsonIndex struct {
		Name     string `json:"name"`
		Conv     bool   `json:"conv"`
		Unique   bool   `json:"unique"`
		Elements []struct {
			Column string `json:"column"`
			Expr   string `json:"expr"`
			Desc   bool   `json:"desc"`
		} `json:"elements"`
		DialectOptions map[string]string `json:"dialect_options"`
	}
)

// decode turns the helper's metadata into retort's model. Constraints are
// all at the table level (the primary key, foreign keys, unique and check
// constraints, in that order, then by name); the column shorthand flags
// Unique, Index and ForeignKeys stay zero, while PrimaryKey is set on the
// key's columns. Type-bound checks (an Enum's or Boolean's own CHECK) are
// left to the type.
func (m *jsonMeta) decode() *schema.MetaData {
	md := &schema.MetaData{Schema: m.Schema, NamingConvention: m.NamingConvention}
	for i := range m.Tables {
		md.Tables = append(md.Tables, m.Tables[i].decode())
	}
	for _, e := range m.Enums {
		md.Enums = append(md.Enums, &schema.Enum{Schema: e.Schema, Name: e.Name, Values: e.Values})
	}
	return md
}

func (jt *jsonTable) decode() *schema.Table {
	t := &schema.Table{Schema: jt.Schema, Name: jt.Name, Comment: jt.Comment, DialectOptions: jt.DialectOptions}
	for i := range jt.Columns {
		t.Columns = append(t.Columns, jt.Columns[i].decode())
	}
	for _, c := range jt.Constraints {
		switch c.Kind {
		case "primary_key":
			t.Constraints = append(t.Constraints, &schema.PrimaryKey{Name: c.Name, Columns: c.Columns, NameConv: c.Conv})
		case "foreign_key":
			t.Constraints = append(t.Constraints, &schema.ForeignKey{
				Name: c.Name, Columns: c.Columns, RefSchema: c.RefSchema, RefTable: c.RefTable,
				RefColumns: c.RefColumns, OnDelete: c.OnDelete, OnUpdate: c.OnUpdate,
				Deferrable: c.Deferrable, Initially: c.Initially, Match: c.Match,
				UseAlter: c.UseAlter, NameConv: c.Conv,
			})
		case "unique":
			t.Constraints = append(t.Constraints, &schema.Unique{
				Name: c.Name, Columns: c.Columns, Deferrable: c.Deferrable, Initially: c.Initially, NameConv: c.Conv,
			})
		case "check":
			t.Constraints = append(t.Constraints, &schema.Check{Name: c.Name, SQL: c.SQLText, NameConv: c.Conv})
		}
	}
	for _, ji := range jt.Indexes {
		ix := &schema.Index{
			Name: ji.Name, Schema: jt.Schema, Table: jt.Name, Unique: ji.Unique,
			DialectOptions: ji.DialectOptions, NameConv: ji.Conv,
		}
		for _, e := range ji.Elements {
			ix.Elements = append(ix.Elements, schema.IndexElement{Column: e.Column, Expr: e.Expr, Desc: e.Desc})
		}
		t.Indexes = append(t.Indexes, ix)
	}
	return t
}

func (jc *jsonColumn) decode() *schema.Column {
	c := &schema.Column{
		Name: jc.Name, Type: jc.Type.decode(), Nullable: jc.Nullable, PrimaryKey: jc.PrimaryKey,
		Autoincrement: jc.Autoincrement, Comment: jc.Comment, DialectOptions: jc.DialectOptions,
	}
	if d := jc.ServerDefault; d != nil {
		if d.Kind == "literal" {
			c.ServerDefault = &schema.Expr{Kind: schema.ExprLiteral, Text: d.Text, Value: d.Text}
		} else {
			c.ServerDefault = &schema.Expr{Kind: schema.ExprText, Text: d.Text}
		}
	}
	if id := jc.Identity; id != nil {
		c.Identity = &schema.Identity{
			Always: id.Always, OnNull: id.OnNull, Cycle: id.Cycle, Start: id.Start,
			Increment: id.Increment, MinValue: id.MinValue, MaxValue: id.MaxValue, Cache: id.Cache,
		}
	}
	if cp := jc.Computed; cp != nil {
		c.Computed = &schema.Computed{SQL: cp.SQLText, Persisted: cp.Persisted}
	}
	if s := jc.Sequence; s != nil {
		c.Sequence = &schema.Sequence{Name: s.Name, Schema: s.Schema, Start: s.Start, Increment: s.Increment}
	}
	return c
}

func (jt *jsonType) decode() *schema.Type {
	t := &schema.Type{
		Kind: jt.Kind, Dialect: jt.Dialect, Length: jt.Length, Precision: jt.Precision, Scale: jt.Scale,
		Timezone: jt.Timezone, Collation: jt.Collation, Charset: jt.Charset, Unsigned: jt.Unsigned,
		AsUUID: jt.AsUUID, Values: jt.Values, EnumName: jt.EnumName, NativeEnum: jt.NativeEnum,
		CreateType: jt.CreateType, CreateConstraint: jt.CreateConstraint, Dimensions: jt.Dimensions,
		Python: jt.Python, DDL: jt.DDL,
	}
	if len(jt.Imports) > 0 {
		t.PythonImports = jt.Imports
	}
	if jt.Item != nil {
		t.Item = jt.Item.decode()
	}
	if len(jt.Variants) > 0 {
		t.Variants = make(map[string]*schema.Type, len(jt.Variants))
		for d, v := range jt.Variants {
			t.Variants[d] = v.decode()
		}
	}
	return t
}
