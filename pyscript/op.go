package pyscript

import (
	"context"
	"database/sql"
	"fmt"

	"go.starlark.net/starlark"

	"github.com/retort-dev/retort/ops"
	"github.com/retort-dev/retort/schema"
)

// invoke hands one op to the run's sink.
func invoke(thread *starlark.Thread, fn string, op ops.Op) error {
	return invokeLines(thread, fn, op, nil)
}

// invokeLines is invoke with the lines of a batch block's ops.
func invokeLines(thread *starlark.Thread, fn string, op ops.Op, inner []int) error {
	st := stateOf(thread)
	if st == nil {
		return fmt.Errorf("%s: called outside a migration run", fn)
	}
	st.effects = true
	if _, ok := op.(*ops.AutocommitBlock); ok {
		st.committed = true
	}
	var err error
	if ls, ok := st.sink.(LineSink); ok {
		err = ls.InvokeAt(st.ctx, op, opLine(thread, st.path), inner)
	} else {
		err = st.sink.Invoke(st.ctx, op)
	}
	if st.sinkErr(err) != nil {
		return fmt.Errorf("%s: %w", fn, err)
	}
	return nil
}

// LineSink is an ops.Sink that also wants the script line of each op it
// receives (the lint reports hazards by line). Scripts call InvokeAt
// instead of Invoke on such a sink: line is where the op was called (for
// a batch block, where the block ends), and for an *ops.BatchAlterTable
// inner holds the line of each of its Ops.
type LineSink interface {
	ops.Sink
	InvokeAt(ctx context.Context, op ops.Op, line int, inner []int) error
}

// wantsLines reports whether the run's sink is a LineSink, so that lines
// are looked up only for it.
func wantsLines(thread *starlark.Thread) (path string, ok bool) {
	st := stateOf(thread)
	if st == nil {
		return "", false
	}
	_, ok = st.sink.(LineSink)
	return st.path, ok
}

// opLine is the line of the innermost call inside the script's file: the
// op's call, or the helper function's call when a library builtin makes
// it. 0 when no frame is in the file.
func opLine(thread *starlark.Thread, path string) int {
	stack := thread.CallStack()
	for i := len(stack) - 1; i >= 0; i-- {
		if pos := stack[i].Pos; pos.IsValid() && pos.Filename() == path {
			return int(pos.Line)
		}
	}
	return 0
}

// convention is the naming convention in force for op.* directives.
func convention(thread *starlark.Thread) map[string]string {
	st := stateOf(thread)
	if st == nil {
		return withConvention(nil)
	}
	if load := st.env.LoadNamingConvention; load != nil {
		conv, err := load()
		if err != nil {
			st.fail(thread, thread.CallFrame(1).Pos, fmt.Errorf("naming what the script leaves unnamed needs target_metadata's naming convention: %w", err))
			return withConvention(nil)
		}
		return withConvention(conv)
	}
	return withConvention(st.env.NamingConvention)
}

// unpack wraps starlark.UnpackArgs after removing <dialect>_* keywords.
func unpack(fn string, args starlark.Tuple, kwargs []starlark.Tuple, pairs ...any) (map[string]string, error) {
	kwargs, opts, err := splitDialectKwargs(fn, kwargs)
	if err != nil {
		return nil, err
	}
	if err := starlark.UnpackArgs(fn, args, kwargs, pairs...); err != nil {
		return nil, err
	}
	return opts, nil
}

// conditionArg unpacks a CHECK condition: a SQL string or an expression.
type conditionArg struct {
	sql  string
	cols []string
}

// Unpack implements starlark.Unpacker.
func (c *conditionArg) Unpack(v starlark.Value) error {
	e, err := toCondition(v)
	if err != nil {
		return err
	}
	c.sql, c.cols = renderSQL(e), exprColumns(e)
	return nil
}

// columnArg unpacks an sa.Column.
type columnArg struct{ c *columnValue }

// Unpack implements starlark.Unpacker.
func (a *columnArg) Unpack(v starlark.Value) error {
	c, ok := v.(*columnValue)
	if !ok {
		return fmt.Errorf("got %s, want sa.Column(...)", v.Type())
	}
	if c.col.Name == "" {
		return fmt.Errorf("the Column needs a name")
	}
	a.c = c
	return nil
}

// serverDefaultArg is alter_column's server_default: absent (False) means
// unchanged, None means drop.
type serverDefaultArg struct {
	set  bool
	expr *schema.Expr
}

// Unpack implements starlark.Unpacker.
func (a *serverDefaultArg) Unpack(v starlark.Value) error {
	if v == starlark.False {
		*a = serverDefaultArg{}
		return nil
	}
	e, err := serverDefault("server_default", v)
	if err != nil {
		return err
	}
	*a = serverDefaultArg{set: true, expr: e}
	return nil
}

// commentArg is alter_column's comment: absent (False) means unchanged, None drops.
type commentArg struct {
	set     bool
	comment *string
}

// Unpack implements starlark.Unpacker.
func (a *commentArg) Unpack(v starlark.Value) error {
	switch x := v.(type) {
	case starlark.Bool:
		if !x {
			*a = commentArg{}
			return nil
		}
	case starlark.NoneType:
		*a = commentArg{set: true}
		return nil
	case starlark.String:
		s := string(x)
		*a = commentArg{set: true, comment: &s}
		return nil
	}
	return fmt.Errorf("got %s, want string or None", v.Type())
}

// exprArg unpacks existing_server_default: a string, text or expression, or None.
type exprArg struct{ e *schema.Expr }

// Unpack implements starlark.Unpacker.
func (a *exprArg) Unpack(v starlark.Value) error {
	if v == starlark.False {
		a.e = nil
		return nil
	}
	e, err := serverDefault("existing_server_default", v)
	a.e = e
	return err
}

// op directives -----------------------------------------------------------------

func opCreateTable(thread *starlark.Thread, _ *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	fn := "op.create_table"
	if len(args) == 0 {
		return nil, fmt.Errorf("%s: missing table name", fn)
	}
	name, ok := starlark.AsString(args[0])
	if !ok {
		return nil, fmt.Errorf("%s: table name must be a string, not %s", fn, args[0].Type())
	}
	kwargs, dialectOpts, err := splitDialectKwargs(fn, kwargs)
	if err != nil {
		return nil, err
	}
	t := &schema.Table{Name: name, DialectOptions: dialectOpts}
	tv := &tableValue{t: t}
	ifNotExists := false
	for _, kv := range kwargs {
		k := string(kv[0].(starlark.String))
		var s optString
		if err := s.Unpack(kv[1]); err != nil && (k == "schema" || k == "comment") {
			return nil, fmt.Errorf("%s: %s: %w", fn, k, err)
		}
		switch k {
		case "schema":
			t.Schema = s.s
		case "comment":
			if s.set {
				c := s.s
				t.Comment = &c
			}
		case "if_not_exists":
			ifNotExists = bool(kv[1].Truth())
		case "info", "prefixes", "keep_existing", "extend_existing", "quote", "quote_schema":
		default:
			return nil, fmt.Errorf("%s: unexpected keyword argument '%s'", fn, k)
		}
	}
	if err := populateTable(fn, tv, args[1:], convention(thread)); err != nil {
		return nil, err
	}
	if err := invoke(thread, fn, &ops.CreateTable{Table: t, IfNotExists: ifNotExists}); err != nil {
		return nil, err
	}
	return tv, nil
}

func opDropTable(thread *starlark.Thread, _ *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	fn := "op.drop_table"
	var name string
	var sch optString
	var ifExists bool
	if _, err := unpack(fn, args, kwargs, "table_name", &name, "schema?", &sch, "if_exists?", &ifExists); err != nil {
		return nil, err
	}
	return starlark.None, invoke(thread, fn, &ops.DropTable{Schema: sch.s, Name: name, IfExists: ifExists})
}

func opRenameTable(thread *starlark.Thread, _ *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	fn := "op.rename_table"
	var oldName, newName string
	var sch optString
	if err := starlark.UnpackArgs(fn, args, kwargs, "old_table_name", &oldName, "new_table_name", &newName, "schema?", &sch); err != nil {
		return nil, err
	}
	return starlark.None, invoke(thread, fn, &ops.RenameTable{Schema: sch.s, OldName: oldName, NewName: newName})
}

// addColumnOps builds add_column: the column, then the index that
// Column(index=True) asks for, as Alembic emits them.
func addColumnOps(thread *starlark.Thread, fn, table, sch string, c *columnValue) ([]ops.Op, error) {
	tv := &tableValue{t: &schema.Table{Name: table, Schema: sch}}
	if err := populateTable(fn, tv, starlark.Tuple{c}, convention(thread)); err != nil {
		return nil, err
	}
	list := []ops.Op{&ops.AddColumn{Schema: sch, Table: table, Column: tv.t.Columns[0]}}
	for _, ix := range tv.t.Indexes {
		list = append(list, &ops.CreateIndex{Index: ix})
	}
	for _, c := range tv.t.Constraints {
		switch c := c.(type) {
		case *schema.Unique:
			list = append(list, &ops.CreateUniqueConstraint{Schema: sch, Table: table, Unique: c})
		}
	}
	return list, nil
}

func opAddColumn(thread *starlark.Thread, _ *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	fn := "op.add_column"
	var table string
	var col columnArg
	var sch optString
	var ifNotExists bool
	if err := starlark.UnpackArgs(fn, args, kwargs, "table_name", &table, "column", &col, "schema?", &sch, "if_not_exists?", &ifNotExists); err != nil {
		return nil, err
	}
	list, err := addColumnOps(thread, fn, table, sch.s, col.c)
	if err != nil {
		return nil, err
	}
	markIfNotExists(list, ifNotExists)
	for _, op := range list {
		if err := invoke(thread, fn, op); err != nil {
			return nil, err
		}
	}
	return starlark.None, nil
}

func opDropColumn(thread *starlark.Thread, _ *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	fn := "op.drop_column"
	var table, column string
	var sch optString
	var ifExists bool
	if _, err := unpack(fn, args, kwargs, "table_name", &table, "column_name", &column, "schema?", &sch, "if_exists?", &ifExists); err != nil {
		return nil, err
	}
	return starlark.None, invoke(thread, fn, &ops.DropColumn{Schema: sch.s, Table: table, Column: column, IfExists: ifExists})
}

// alterColumnArgs are alter_column's keyword arguments, shared with batch_op.
type alterColumnArgs struct {
	nullable, existingNullable, autoincrement, existingAutoincrement optBool
	comment                                                          commentArg
	serverDefault                                                    serverDefaultArg
	existingServerDefault                                            exprArg
	newName, existingComment, schema                                 optString
	typ, existingType                                                typeArg
}

func (a *alterColumnArgs) pairs() []any {
	return []any{"nullable?", &a.nullable, "comment?", &a.comment, "server_default?", &a.serverDefault,
		"new_column_name?", &a.newName, "type_?", &a.typ, "existing_type?", &a.existingType,
		"existing_server_default?", &a.existingServerDefault, "existing_nullable?", &a.existingNullable,
		"existing_comment?", &a.existingComment, "autoincrement?", &a.autoincrement,
		"existing_autoincrement?", &a.existingAutoincrement}
}

func (a *alterColumnArgs) op(table, column string, dialectOpts map[string]string) *ops.AlterColumn {
	o := &ops.AlterColumn{Schema: a.schema.s, Table: table, Column: column, Nullable: a.nullable.ptr(), Type: a.typ.t,
		NewName: a.newName.s, Autoincrement: a.autoincrement.ptr(), ExistingType: a.existingType.t,
		ExistingNullable: a.existingNullable.ptr(), ExistingServerDefault: a.existingServerDefault.e,
		ExistingAutoincrement: a.existingAutoincrement.ptr(), DialectOptions: dialectOpts}
	if a.serverDefault.set {
		o.ServerDefault = &ops.DefaultChange{Expr: a.serverDefault.expr}
	}
	if a.comment.set {
		o.Comment = &ops.CommentChange{Comment: a.comment.comment}
	}
	if a.existingComment.set {
		c := a.existingComment.s
		o.ExistingComment = &c
	}
	return o
}

func opAlterColumn(thread *starlark.Thread, _ *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	fn := "op.alter_column"
	var table, column string
	var a alterColumnArgs
	pairs := append([]any{"table_name", &table, "column_name", &column}, a.pairs()...)
	pairs = append(pairs, "schema?", &a.schema)
	opts, err := unpack(fn, args, kwargs, pairs...)
	if err != nil {
		return nil, err
	}
	return starlark.None, invoke(thread, fn, a.op(table, column, opts))
}

// indexColumnsArg unpacks create_index's columns: a list of names and
// expressions, or a single name.
type indexColumnsArg []schema.IndexElement

// Unpack implements starlark.Unpacker.
func (a *indexColumnsArg) Unpack(v starlark.Value) error {
	var items []starlark.Value
	switch x := v.(type) {
	case *starlark.List, starlark.Tuple:
		for item := range starlark.Elements(x.(starlark.Iterable)) {
			items = append(items, item)
		}
	default:
		items = []starlark.Value{v}
	}
	elems, err := indexElements("columns", items)
	if err != nil {
		return err
	}
	if len(elems) == 0 {
		return fmt.Errorf("an index needs at least one column")
	}
	*a = elems
	return nil
}

func buildIndex(thread *starlark.Thread, fn string, name nameArg, table, sch string, cols indexColumnsArg, unique bool, opts map[string]string) (*schema.Index, error) {
	idx := &schema.Index{Schema: sch, Table: table, Elements: cols, Unique: unique, DialectOptions: opts}
	n, err := conventionNameIn(convention(thread), "ix", name, sch, table, indexColumns(idx), "", nil)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", fn, err)
	}
	if n == "" {
		return nil, fmt.Errorf("%s: the index needs a name", fn)
	}
	idx.Name = n
	return idx, nil
}

func opCreateIndex(thread *starlark.Thread, _ *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	fn := "op.create_index"
	var name nameArg
	var table string
	var cols indexColumnsArg
	var sch optString
	var unique, ifNotExists bool
	opts, err := unpack(fn, args, kwargs, "index_name", &name, "table_name", &table, "columns", &cols, "schema?", &sch,
		"unique?", &unique, "if_not_exists?", &ifNotExists, "quote?", new(starlark.Value), "info?", new(starlark.Value))
	if err != nil {
		return nil, err
	}
	idx, err := buildIndex(thread, fn, name, table, sch.s, cols, unique, opts)
	if err != nil {
		return nil, err
	}
	return starlark.None, invoke(thread, fn, &ops.CreateIndex{Index: idx, IfNotExists: ifNotExists})
}

func opDropIndex(thread *starlark.Thread, _ *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	fn := "op.drop_index"
	var name nameArg
	var table, sch optString
	var ifExists bool
	opts, err := unpack(fn, args, kwargs, "index_name", &name, "table_name?", &table, "schema?", &sch, "if_exists?", &ifExists)
	if err != nil {
		return nil, err
	}
	if name.name == "" {
		return nil, fmt.Errorf("%s: the index name is required", fn)
	}
	return starlark.None, invoke(thread, fn, &ops.DropIndex{Schema: sch.s, Table: table.s, Name: name.name, IfExists: ifExists, DialectOptions: opts})
}

func opCreatePrimaryKey(thread *starlark.Thread, _ *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	fn := "op.create_primary_key"
	var name nameArg
	var table string
	var cols strList
	var sch optString
	if err := starlark.UnpackArgs(fn, args, kwargs, "constraint_name", &name, "table_name", &table, "columns", &cols, "schema?", &sch); err != nil {
		return nil, err
	}
	n, err := conventionNameIn(convention(thread), "pk", name, sch.s, table, cols, "", nil)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", fn, err)
	}
	return starlark.None, invoke(thread, fn, &ops.CreatePrimaryKey{Schema: sch.s, Table: table, PrimaryKey: &schema.PrimaryKey{Name: n, Columns: cols}})
}

func opCreateUniqueConstraint(thread *starlark.Thread, _ *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	fn := "op.create_unique_constraint"
	var name nameArg
	var table string
	var cols strList
	var sch, initially optString
	var deferrable optBool
	if _, err := unpack(fn, args, kwargs, "constraint_name", &name, "table_name", &table, "columns", &cols, "schema?", &sch,
		"deferrable?", &deferrable, "initially?", &initially); err != nil {
		return nil, err
	}
	n, err := conventionNameIn(convention(thread), "uq", name, sch.s, table, cols, "", nil)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", fn, err)
	}
	return starlark.None, invoke(thread, fn, &ops.CreateUniqueConstraint{Schema: sch.s, Table: table,
		Unique: &schema.Unique{Name: n, Columns: cols, Deferrable: deferrable.ptr(), Initially: initially.s}})
}

// foreignKeyArgs are create_foreign_key's arguments after the table names.
type foreignKeyArgs struct {
	local, remote                        strList
	onupdate, ondelete, initially, match optString
	deferrable                           optBool
	sourceSchema, referentSchema         optString
}

func (a *foreignKeyArgs) build(thread *starlark.Thread, fn string, name nameArg, source, referent string) (*schema.ForeignKey, error) {
	if len(a.local) != len(a.remote) {
		return nil, fmt.Errorf("%s: %d local columns but %d remote columns", fn, len(a.local), len(a.remote))
	}
	n, err := conventionName(convention(thread), "fk", name, source, a.local, referent, a.remote)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", fn, err)
	}
	return &schema.ForeignKey{Name: n, Columns: a.local, RefSchema: a.referentSchema.s, RefTable: referent, RefColumns: a.remote,
		OnDelete: a.ondelete.s, OnUpdate: a.onupdate.s, Deferrable: a.deferrable.ptr(), Initially: a.initially.s, Match: a.match.s}, nil
}

func opCreateForeignKey(thread *starlark.Thread, _ *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	fn := "op.create_foreign_key"
	var name nameArg
	var source, referent string
	var a foreignKeyArgs
	// use_alter reaches SQLAlchemy's ForeignKeyConstraint, where it only
	// matters inside CREATE TABLE; an ALTER TABLE ... ADD is one already.
	var useAlter bool
	if _, err := unpack(fn, args, kwargs, "constraint_name", &name, "source_table", &source, "referent_table", &referent,
		"local_cols", &a.local, "remote_cols", &a.remote, "onupdate?", &a.onupdate, "ondelete?", &a.ondelete,
		"deferrable?", &a.deferrable, "initially?", &a.initially, "match?", &a.match,
		"source_schema?", &a.sourceSchema, "referent_schema?", &a.referentSchema, "use_alter?", &useAlter); err != nil {
		return nil, err
	}
	fk, err := a.build(thread, fn, name, source, referent)
	if err != nil {
		return nil, err
	}
	return starlark.None, invoke(thread, fn, &ops.CreateForeignKey{Schema: a.sourceSchema.s, Table: source, ForeignKey: fk})
}

func opCreateCheckConstraint(thread *starlark.Thread, _ *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	fn := "op.create_check_constraint"
	var name nameArg
	var table string
	var cond conditionArg
	var sch optString
	if _, err := unpack(fn, args, kwargs, "constraint_name", &name, "table_name", &table, "condition", &cond, "schema?", &sch); err != nil {
		return nil, err
	}
	n, err := conventionNameIn(convention(thread), "ck", name, sch.s, table, cond.cols, "", nil)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", fn, err)
	}
	return starlark.None, invoke(thread, fn, &ops.CreateCheckConstraint{Schema: sch.s, Table: table, Check: &schema.Check{Name: n, SQL: cond.sql}})
}

// constraintTypes are drop_constraint's accepted type_ values.
var constraintTypes = map[string]bool{"": true, "foreignkey": true, "primary": true, "unique": true, "check": true}

func opDropConstraint(thread *starlark.Thread, _ *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	fn := "op.drop_constraint"
	var name nameArg
	var table string
	var typ, sch optString
	var ifExists bool
	if err := starlark.UnpackArgs(fn, args, kwargs, "constraint_name", &name, "table_name", &table, "type_?", &typ, "schema?", &sch, "if_exists?", &ifExists); err != nil {
		return nil, err
	}
	if !constraintTypes[typ.s] {
		return nil, fmt.Errorf("%s: type_ must be one of 'foreignkey', 'primary', 'unique', 'check', not %q", fn, typ.s)
	}
	if name.name == "" {
		return nil, fmt.Errorf("%s: the constraint name is required", fn)
	}
	return starlark.None, invoke(thread, fn, &ops.DropConstraint{Schema: sch.s, Table: table, Name: name.name, Type: typ.s, IfExists: ifExists})
}

func opCreateTableComment(thread *starlark.Thread, _ *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	fn := "op.create_table_comment"
	var table, comment string
	var existing, sch optString
	if err := starlark.UnpackArgs(fn, args, kwargs, "table_name", &table, "comment", &comment, "existing_comment?", &existing, "schema?", &sch); err != nil {
		return nil, err
	}
	o := &ops.CreateTableComment{Schema: sch.s, Table: table, Comment: comment}
	if existing.set {
		s := existing.s
		o.Existing = &s
	}
	return starlark.None, invoke(thread, fn, o)
}

func opDropTableComment(thread *starlark.Thread, _ *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	fn := "op.drop_table_comment"
	var table string
	var existing, sch optString
	if err := starlark.UnpackArgs(fn, args, kwargs, "table_name", &table, "existing_comment?", &existing, "schema?", &sch); err != nil {
		return nil, err
	}
	o := &ops.DropTableComment{Schema: sch.s, Table: table}
	if existing.set {
		s := existing.s
		o.Existing = &s
	}
	return starlark.None, invoke(thread, fn, o)
}

// executeOp converts op.execute's argument.
func executeOp(thread *starlark.Thread, fn string, v starlark.Value) (*ops.Execute, error) {
	switch x := v.(type) {
	case starlark.String:
		return &ops.Execute{SQL: string(x)}, nil
	case *textValue:
		o := &ops.Execute{SQL: x.e.Text}
		for _, kv := range x.params {
			g, err := toGo(kv[1])
			if err != nil {
				return nil, fmt.Errorf("%s: bind parameter %s: %w", fn, kv[0], err)
			}
			o.Args = append(o.Args, sql.Named(string(kv[0].(starlark.String)), g))
		}
		return o, nil
	case *exprValue:
		return &ops.Execute{SQL: renderSQL(x.e)}, nil
	case *dmlValue:
		return &ops.Execute{DML: x.dml}, nil
	case *sequenceDDL:
		return &ops.Execute{SQL: x.sql(runDialectName(thread))}, nil
	case *ddlValue:
		return &ops.Execute{SQL: x.sql}, nil
	case *selectValue:
		q, err := x.sql(runDialectName(thread))
		if err != nil {
			return nil, fmt.Errorf("%s: %w", fn, err)
		}
		return &ops.Execute{SQL: q}, nil
	}
	return nil, fmt.Errorf("%s: sqltext must be a string, sa.text(...) or table.insert()/update()/delete(), not %s", fn, v.Type())
}

// runDialectName is the run's dialect name, "" outside a run.
func runDialectName(thread *starlark.Thread) string {
	if st := stateOf(thread); st != nil {
		return st.sink.DialectName()
	}
	return ""
}

func opExecute(thread *starlark.Thread, _ *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	fn := "op.execute"
	var sqltext starlark.Value
	if err := starlark.UnpackArgs(fn, args, kwargs, "sqltext", &sqltext, "execution_options?", new(starlark.Value)); err != nil {
		return nil, err
	}
	o, err := executeOp(thread, fn, sqltext)
	if err != nil {
		return nil, err
	}
	return starlark.None, invoke(thread, fn, o)
}

func opBulkInsert(thread *starlark.Thread, _ *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	fn := "op.bulk_insert"
	var table starlark.Value
	var rows *starlark.List
	multi := true
	if err := starlark.UnpackArgs(fn, args, kwargs, "table", &table, "rows", &rows, "multiinsert?", &multi); err != nil {
		return nil, err
	}
	tv, ok := table.(*tableValue)
	if !ok {
		return nil, fmt.Errorf("%s: table must be sa.table(...) or sa.Table(...), not %s", fn, table.Type())
	}
	o := &ops.BulkInsert{Table: tv.t, MultiInsert: multi}
	for i := 0; i < rows.Len(); i++ {
		d, ok := rows.Index(i).(*starlark.Dict)
		if !ok {
			return nil, fmt.Errorf("%s: row %d must be a dict, not %s", fn, i, rows.Index(i).Type())
		}
		row := map[string]any{}
		for _, item := range d.Items() {
			k, ok := starlark.AsString(item[0])
			if !ok {
				return nil, fmt.Errorf("%s: row %d: keys must be column names", fn, i)
			}
			if tv.t.Column(k) == nil {
				return nil, fmt.Errorf("%s: row %d: table %s has no column %q", fn, i, tv.t.Name, k)
			}
			if e, ok := plain(item[1]).(*exprValue); ok {
				row[k] = e.e
				continue
			}
			g, err := toGo(item[1])
			if err != nil {
				return nil, fmt.Errorf("%s: row %d: %s: %w", fn, i, k, err)
			}
			row[k] = g
		}
		o.Rows = append(o.Rows, row)
	}
	return starlark.None, invoke(thread, fn, o)
}

func opInlineLiteral(_ *starlark.Thread, _ *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	fn := "op.inline_literal"
	var v starlark.Value
	if err := starlark.UnpackArgs(fn, args, kwargs, "value", &v, "type_?", new(typeArg)); err != nil {
		return nil, err
	}
	g, err := toGo(v)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", fn, err)
	}
	return &exprValue{e: schema.Expr{Kind: schema.ExprInline, Text: fmt.Sprint(g), Value: g}}, nil
}

func opF(_ *starlark.Thread, _ *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	var name string
	if err := starlark.UnpackPositionalArgs("op.f", args, kwargs, 1, &name); err != nil {
		return nil, err
	}
	return &convName{name: name}, nil
}

func opGetBind(thread *starlark.Thread, _ *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	if err := starlark.UnpackPositionalArgs("op.get_bind", args, kwargs, 0); err != nil {
		return nil, err
	}
	return &bindValue{st: stateOf(thread)}, nil
}

func opGetContext(thread *starlark.Thread, _ *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	if err := starlark.UnpackPositionalArgs("op.get_context", args, kwargs, 0); err != nil {
		return nil, err
	}
	return &migrationContextValue{st: stateOf(thread)}, nil
}

var opModule = newModule("op", starlark.StringDict{
	"create_table":             builtin("op.create_table", opCreateTable),
	"drop_table":               builtin("op.drop_table", opDropTable),
	"rename_table":             builtin("op.rename_table", opRenameTable),
	"add_column":               builtin("op.add_column", opAddColumn),
	"drop_column":              builtin("op.drop_column", opDropColumn),
	"alter_column":             builtin("op.alter_column", opAlterColumn),
	"create_index":             builtin("op.create_index", opCreateIndex),
	"drop_index":               builtin("op.drop_index", opDropIndex),
	"create_primary_key":       builtin("op.create_primary_key", opCreatePrimaryKey),
	"create_unique_constraint": builtin("op.create_unique_constraint", opCreateUniqueConstraint),
	"create_foreign_key":       builtin("op.create_foreign_key", opCreateForeignKey),
	"create_check_constraint":  builtin("op.create_check_constraint", opCreateCheckConstraint),
	"drop_constraint":          builtin("op.drop_constraint", opDropConstraint),
	"create_table_comment":     builtin("op.create_table_comment", opCreateTableComment),
	"drop_table_comment":       builtin("op.drop_table_comment", opDropTableComment),
	"execute":                  builtin("op.execute", opExecute),
	"sync_enum_values":         builtin("op.sync_enum_values", opSyncEnumValues),
	"bulk_insert":              builtin("op.bulk_insert", opBulkInsert),
	"inline_literal":           builtin("op.inline_literal", opInlineLiteral),
	"f":                        builtin("op.f", opF),
	"get_bind":                 builtin("op.get_bind", opGetBind),
	"get_context":              builtin("op.get_context", opGetContext),
	"batch_alter_table":        builtin("op.batch_alter_table", opBatchAlterTable),
})

// markIfNotExists sets add_column(if_not_exists=True) on the ADD COLUMN
// among an add_column's ops.
func markIfNotExists(list []ops.Op, on bool) {
	for _, o := range list {
		if ac, ok := o.(*ops.AddColumn); ok {
			ac.IfNotExists = on
		}
	}
}
