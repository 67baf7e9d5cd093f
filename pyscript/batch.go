package pyscript

import (
	"fmt"

	"go.starlark.net/starlark"
	"go.starlark.net/syntax"

	"github.com/retort-dev/retort/ops"
	"github.com/retort-dev/retort/schema"
)

// A `with op.batch_alter_table(...) as batch_op:` block becomes a one-shot
// `for batch_op in ...:` loop (see the shim). The loop's iterator yields
// the batch object once; when the loop asks for a second element the body
// finished normally and the collected ops go to the sink as one
// ops.BatchAlterTable. If the body fails, the loop ends without that second
// request, Done closes the block, and nothing is applied, as in Alembic,
// whose batch context does not flush on an exception.

// batchValue is the object op.batch_alter_table returns.
type batchValue struct {
	base
	thread *starlark.Thread
	pos    syntax.Position
	op     *ops.BatchAlterTable
	// lines are the script lines of op.Ops, kept for a LineSink only.
	lines    []int
	used     bool
	closed   bool
	finished bool
}

// finish ends the block normally and hands the batch to the sink, once.
func (b *batchValue) finish() error {
	if b.finished {
		return nil
	}
	b.finished, b.closed = true, true
	return invokeLines(b.thread, "op.batch_alter_table", b.op, b.lines)
}

func (b *batchValue) String() string { return "<batch_alter_table " + b.op.Table + ">" }
func (b *batchValue) Type() string   { return "BatchOperations" }

// Iterate starts the with-block.
func (b *batchValue) Iterate() starlark.Iterator {
	if b.used {
		stateOf(b.thread).fail(b.thread, b.pos, fmt.Errorf("op.batch_alter_table: a batch block can be entered only once"))
		return &batchIterator{b: b, step: 2}
	}
	b.used = true
	return &batchIterator{b: b}
}

type batchIterator struct {
	b    *batchValue
	step int
}

func (it *batchIterator) Next(p *starlark.Value) bool {
	switch it.step {
	case 0:
		it.step = 1
		*p = &batchOps{b: it.b}
		return true
	case 1:
		it.step = 2
		if err := it.b.finish(); err != nil {
			stateOf(it.b.thread).fail(it.b.thread, it.b.pos, err)
		}
	}
	return false
}

func (it *batchIterator) Done() { it.b.closed = true }

func opBatchAlterTable(thread *starlark.Thread, _ *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	fn := "op.batch_alter_table"
	var table string
	var sch optString
	recreate := "auto"
	var copyFrom starlark.Value = starlark.None
	var tableArgs starlark.Value = starlark.None
	var tableKwargs, reflectArgs, reflectKwargs, partial starlark.Value = starlark.None, starlark.None, starlark.None, starlark.None
	var naming *starlark.Dict
	if err := starlark.UnpackArgs(fn, args, kwargs, "table_name", &table, "schema?", &sch, "recreate?", &recreate,
		"partial_reordering?", &partial, "copy_from?", &copyFrom, "table_args?", &tableArgs, "table_kwargs?", &tableKwargs,
		"reflect_args?", &reflectArgs, "reflect_kwargs?", &reflectKwargs, "naming_convention?", &naming); err != nil {
		return nil, err
	}
	if recreate != "auto" && recreate != "always" && recreate != "never" {
		return nil, fmt.Errorf("%s: recreate must be 'auto', 'always' or 'never', not %q", fn, recreate)
	}
	o := &ops.BatchAlterTable{Schema: sch.s, Table: table, Recreate: recreate}
	if naming != nil {
		o.NamingConvention = map[string]string{}
		for _, item := range naming.Items() {
			k, ok1 := starlark.AsString(item[0])
			v, ok2 := starlark.AsString(item[1])
			if !ok1 || !ok2 {
				return nil, fmt.Errorf("%s: naming_convention must map strings to strings", fn)
			}
			o.NamingConvention[conventionKey(k)] = v
		}
	}
	switch x := copyFrom.(type) {
	case starlark.NoneType:
	case *tableValue:
		o.CopyFrom = x.t
	default:
		return nil, fmt.Errorf("%s: copy_from must be an sa.Table, not %s", fn, copyFrom.Type())
	}
	if tableArgs != starlark.None {
		it, ok := tableArgs.(starlark.Iterable)
		if !ok {
			return nil, fmt.Errorf("%s: table_args must be a tuple of constraints", fn)
		}
		for item := range starlark.Elements(it) {
			c, ok := item.(*constraintValue)
			if !ok {
				return nil, fmt.Errorf("%s: table_args: got %s, want a constraint", fn, item.Type())
			}
			named, err := c.named(withConvention(o.NamingConvention), table)
			if err != nil {
				return nil, fmt.Errorf("%s: %w", fn, err)
			}
			o.TableArgs = append(o.TableArgs, named)
		}
	}
	if partial != starlark.None {
		it, ok := partial.(starlark.Iterable)
		if !ok {
			return nil, fmt.Errorf("%s: partial_reordering must be a list of tuples of column names", fn)
		}
		for item := range starlark.Elements(it) {
			var names strList
			if err := names.Unpack(item); err != nil {
				return nil, fmt.Errorf("%s: partial_reordering: %w", fn, err)
			}
			o.PartialReordering = append(o.PartialReordering, names)
		}
	}
	pos := thread.CallFrame(1).Pos
	return &batchValue{thread: thread, pos: pos, op: o}, nil
}

// batchOps is the batch_op object inside the block.
type batchOps struct {
	base
	b *batchValue
}

func (o *batchOps) String() string { return "<batch_op " + o.b.op.Table + ">" }
func (o *batchOps) Type() string   { return "BatchOperations" }

var batchMethodNames = []string{"add_column", "alter_column", "create_check_constraint", "create_foreign_key",
	"create_index", "create_primary_key", "create_table_comment", "create_unique_constraint", "drop_column",
	"drop_constraint", "drop_index", "drop_table_comment", "execute", "f"}

// AttrNames lists the batch directives.
func (o *batchOps) AttrNames() []string { return batchMethodNames }

// Attr returns a batch directive bound to the block.
func (o *batchOps) Attr(name string) (starlark.Value, error) {
	impl, ok := batchMethods[name]
	if !ok {
		return nil, nil
	}
	fn := "batch_op." + name
	return starlark.NewBuiltin(fn, func(thread *starlark.Thread, _ *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
		if name == "f" {
			return opF(thread, nil, args, kwargs)
		}
		if o.b.closed {
			return nil, fmt.Errorf("%s: the batch_alter_table block for %s has already ended", fn, o.b.op.Table)
		}
		list, err := impl(thread, o.b.op, fn, args, kwargs)
		if err != nil {
			return nil, err
		}
		o.b.op.Ops = append(o.b.op.Ops, list...)
		if path, ok := wantsLines(thread); ok {
			for range list {
				o.b.lines = append(o.b.lines, opLine(thread, path))
			}
		}
		return starlark.None, nil
	}), nil
}

type batchMethod func(thread *starlark.Thread, b *ops.BatchAlterTable, fn string, args starlark.Tuple, kwargs []starlark.Tuple) ([]ops.Op, error)

var batchMethods map[string]batchMethod

func init() {
	// Built in init because the table refers to functions that reach it
	// indirectly through batchOps.Attr.
	batchMethods = map[string]batchMethod{
		"add_column":               batchAddColumn,
		"drop_column":              batchDropColumn,
		"alter_column":             batchAlterColumn,
		"create_index":             batchCreateIndex,
		"drop_index":               batchDropIndex,
		"create_primary_key":       batchCreatePrimaryKey,
		"create_unique_constraint": batchCreateUnique,
		"create_foreign_key":       batchCreateForeignKey,
		"create_check_constraint":  batchCreateCheck,
		"drop_constraint":          batchDropConstraint,
		"create_table_comment":     batchCreateTableComment,
		"drop_table_comment":       batchDropTableComment,
		"execute":                  batchExecute,
		"f":                        nil,
	}
}

// batchConvention is the convention for names inside a batch: the block's
// naming_convention= over the run's.
func batchConvention(thread *starlark.Thread, b *ops.BatchAlterTable) map[string]string {
	conv := convention(thread)
	for k, v := range b.NamingConvention {
		conv[k] = v
	}
	return conv
}

func batchAddColumn(thread *starlark.Thread, b *ops.BatchAlterTable, fn string, args starlark.Tuple, kwargs []starlark.Tuple) ([]ops.Op, error) {
	var col columnArg
	var before, after optString
	var ifNotExists bool
	if err := starlark.UnpackArgs(fn, args, kwargs, "column", &col, "insert_before?", &before, "insert_after?", &after, "if_not_exists?", &ifNotExists); err != nil {
		return nil, err
	}
	tv := &tableValue{t: &schema.Table{Name: b.Table, Schema: b.Schema}}
	if err := populateTable(fn, tv, starlark.Tuple{col.c}, batchConvention(thread, b)); err != nil {
		return nil, err
	}
	list := []ops.Op{&ops.AddColumn{Schema: b.Schema, Table: b.Table, Column: tv.t.Columns[0],
		InsertBefore: before.s, InsertAfter: after.s, IfNotExists: ifNotExists}}
	for _, ix := range tv.t.Indexes {
		list = append(list, &ops.CreateIndex{Index: ix})
	}
	return list, nil
}

func batchDropColumn(_ *starlark.Thread, b *ops.BatchAlterTable, fn string, args starlark.Tuple, kwargs []starlark.Tuple) ([]ops.Op, error) {
	var column string
	var ifExists bool
	if _, err := unpack(fn, args, kwargs, "column_name", &column, "if_exists?", &ifExists); err != nil {
		return nil, err
	}
	return []ops.Op{&ops.DropColumn{Schema: b.Schema, Table: b.Table, Column: column, IfExists: ifExists}}, nil
}

func batchAlterColumn(_ *starlark.Thread, b *ops.BatchAlterTable, fn string, args starlark.Tuple, kwargs []starlark.Tuple) ([]ops.Op, error) {
	var column string
	var a alterColumnArgs
	var before, after optString
	pairs := append([]any{"column_name", &column}, a.pairs()...)
	pairs = append(pairs, "insert_before?", &before, "insert_after?", &after)
	opts, err := unpack(fn, args, kwargs, pairs...)
	if err != nil {
		return nil, err
	}
	a.schema = optString{set: b.Schema != "", s: b.Schema}
	return []ops.Op{a.op(b.Table, column, opts)}, nil
}

func batchCreateIndex(thread *starlark.Thread, b *ops.BatchAlterTable, fn string, args starlark.Tuple, kwargs []starlark.Tuple) ([]ops.Op, error) {
	var name nameArg
	var cols indexColumnsArg
	var unique, ifNotExists bool
	opts, err := unpack(fn, args, kwargs, "index_name", &name, "columns", &cols, "unique?", &unique, "if_not_exists?", &ifNotExists,
		"quote?", new(starlark.Value), "info?", new(starlark.Value))
	if err != nil {
		return nil, err
	}
	idx := &schema.Index{Schema: b.Schema, Table: b.Table, Elements: cols, Unique: unique, DialectOptions: opts}
	n, err := conventionNameIn(batchConvention(thread, b), "ix", name, b.Schema, b.Table, indexColumns(idx), "", nil)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", fn, err)
	}
	if n == "" {
		return nil, fmt.Errorf("%s: the index needs a name", fn)
	}
	idx.Name = n
	return []ops.Op{&ops.CreateIndex{Index: idx, IfNotExists: ifNotExists}}, nil
}

func batchDropIndex(_ *starlark.Thread, b *ops.BatchAlterTable, fn string, args starlark.Tuple, kwargs []starlark.Tuple) ([]ops.Op, error) {
	var name nameArg
	var ifExists bool
	opts, err := unpack(fn, args, kwargs, "index_name", &name, "if_exists?", &ifExists)
	if err != nil {
		return nil, err
	}
	if name.name == "" {
		return nil, fmt.Errorf("%s: the index name is required", fn)
	}
	return []ops.Op{&ops.DropIndex{Schema: b.Schema, Table: b.Table, Name: name.name, IfExists: ifExists, DialectOptions: opts}}, nil
}

func batchCreatePrimaryKey(thread *starlark.Thread, b *ops.BatchAlterTable, fn string, args starlark.Tuple, kwargs []starlark.Tuple) ([]ops.Op, error) {
	var name nameArg
	var cols strList
	if err := starlark.UnpackArgs(fn, args, kwargs, "constraint_name", &name, "columns", &cols); err != nil {
		return nil, err
	}
	n, err := conventionNameIn(batchConvention(thread, b), "pk", name, b.Schema, b.Table, cols, "", nil)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", fn, err)
	}
	return []ops.Op{&ops.CreatePrimaryKey{Schema: b.Schema, Table: b.Table, PrimaryKey: &schema.PrimaryKey{Name: n, Columns: cols}}}, nil
}

func batchCreateUnique(thread *starlark.Thread, b *ops.BatchAlterTable, fn string, args starlark.Tuple, kwargs []starlark.Tuple) ([]ops.Op, error) {
	var name nameArg
	var cols strList
	var initially optString
	var deferrable optBool
	if _, err := unpack(fn, args, kwargs, "constraint_name", &name, "columns", &cols, "deferrable?", &deferrable, "initially?", &initially); err != nil {
		return nil, err
	}
	n, err := conventionNameIn(batchConvention(thread, b), "uq", name, b.Schema, b.Table, cols, "", nil)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", fn, err)
	}
	return []ops.Op{&ops.CreateUniqueConstraint{Schema: b.Schema, Table: b.Table,
		Unique: &schema.Unique{Name: n, Columns: cols, Deferrable: deferrable.ptr(), Initially: initially.s}}}, nil
}

func batchCreateForeignKey(thread *starlark.Thread, b *ops.BatchAlterTable, fn string, args starlark.Tuple, kwargs []starlark.Tuple) ([]ops.Op, error) {
	var name nameArg
	var referent string
	var a foreignKeyArgs
	if _, err := unpack(fn, args, kwargs, "constraint_name", &name, "referent_table", &referent,
		"local_cols", &a.local, "remote_cols", &a.remote, "referent_schema?", &a.referentSchema,
		"onupdate?", &a.onupdate, "ondelete?", &a.ondelete, "deferrable?", &a.deferrable,
		"initially?", &a.initially, "match?", &a.match); err != nil {
		return nil, err
	}
	if len(a.local) != len(a.remote) {
		return nil, fmt.Errorf("%s: %d local columns but %d remote columns", fn, len(a.local), len(a.remote))
	}
	n, err := conventionName(batchConvention(thread, b), "fk", name, b.Table, a.local, referent, a.remote)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", fn, err)
	}
	fk := &schema.ForeignKey{Name: n, Columns: a.local, RefSchema: a.referentSchema.s, RefTable: referent, RefColumns: a.remote,
		OnDelete: a.ondelete.s, OnUpdate: a.onupdate.s, Deferrable: a.deferrable.ptr(), Initially: a.initially.s, Match: a.match.s}
	return []ops.Op{&ops.CreateForeignKey{Schema: b.Schema, Table: b.Table, ForeignKey: fk}}, nil
}

func batchCreateCheck(thread *starlark.Thread, b *ops.BatchAlterTable, fn string, args starlark.Tuple, kwargs []starlark.Tuple) ([]ops.Op, error) {
	var name nameArg
	var cond conditionArg
	if _, err := unpack(fn, args, kwargs, "constraint_name", &name, "condition", &cond); err != nil {
		return nil, err
	}
	n, err := conventionNameIn(batchConvention(thread, b), "ck", name, b.Schema, b.Table, cond.cols, "", nil)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", fn, err)
	}
	return []ops.Op{&ops.CreateCheckConstraint{Schema: b.Schema, Table: b.Table, Check: &schema.Check{Name: n, SQL: cond.sql}}}, nil
}

func batchDropConstraint(_ *starlark.Thread, b *ops.BatchAlterTable, fn string, args starlark.Tuple, kwargs []starlark.Tuple) ([]ops.Op, error) {
	var name nameArg
	var typ optString
	var ifExists bool
	if err := starlark.UnpackArgs(fn, args, kwargs, "constraint_name", &name, "type_?", &typ, "if_exists?", &ifExists); err != nil {
		return nil, err
	}
	if !constraintTypes[typ.s] {
		return nil, fmt.Errorf("%s: type_ must be one of 'foreignkey', 'primary', 'unique', 'check', not %q", fn, typ.s)
	}
	if name.name == "" {
		return nil, fmt.Errorf("%s: the constraint name is required", fn)
	}
	return []ops.Op{&ops.DropConstraint{Schema: b.Schema, Table: b.Table, Name: name.name, Type: typ.s, IfExists: ifExists}}, nil
}

func batchCreateTableComment(_ *starlark.Thread, b *ops.BatchAlterTable, fn string, args starlark.Tuple, kwargs []starlark.Tuple) ([]ops.Op, error) {
	var comment string
	var existing optString
	if err := starlark.UnpackArgs(fn, args, kwargs, "comment", &comment, "existing_comment?", &existing); err != nil {
		return nil, err
	}
	o := &ops.CreateTableComment{Schema: b.Schema, Table: b.Table, Comment: comment}
	if existing.set {
		s := existing.s
		o.Existing = &s
	}
	return []ops.Op{o}, nil
}

func batchDropTableComment(_ *starlark.Thread, b *ops.BatchAlterTable, fn string, args starlark.Tuple, kwargs []starlark.Tuple) ([]ops.Op, error) {
	var existing optString
	if err := starlark.UnpackArgs(fn, args, kwargs, "existing_comment?", &existing); err != nil {
		return nil, err
	}
	o := &ops.DropTableComment{Schema: b.Schema, Table: b.Table}
	if existing.set {
		s := existing.s
		o.Existing = &s
	}
	return []ops.Op{o}, nil
}

func batchExecute(thread *starlark.Thread, _ *ops.BatchAlterTable, fn string, args starlark.Tuple, kwargs []starlark.Tuple) ([]ops.Op, error) {
	var sqltext starlark.Value
	if err := starlark.UnpackArgs(fn, args, kwargs, "sqltext", &sqltext, "execution_options?", new(starlark.Value)); err != nil {
		return nil, err
	}
	o, err := executeOp(thread, fn, sqltext)
	if err != nil {
		return nil, err
	}
	// Alembic runs batch_op.execute at once, as op.execute: it is not one
	// of the batch's operations (and never makes SQLite rebuild the table).
	return nil, invoke(thread, fn, o)
}

// autocommitValue is op.get_context().autocommit_block(), entered through a
// one-shot loop like a batch. Unlike a batch it always closes: Alembic's
// autocommit_block restores the transaction in a finally clause.
type autocommitValue struct {
	base
	thread *starlark.Thread
	pos    syntax.Position
	used   bool
	began  bool
	ended  bool
}

func (a *autocommitValue) String() string { return "<autocommit_block>" }
func (a *autocommitValue) Type() string   { return "autocommit_block" }

// Iterate enters the block.
func (a *autocommitValue) Iterate() starlark.Iterator {
	if a.used {
		stateOf(a.thread).fail(a.thread, a.pos, fmt.Errorf("autocommit_block: a block can be entered only once"))
		return &autocommitIterator{a: a, step: 2}
	}
	a.used = true
	return &autocommitIterator{a: a}
}

// finish leaves the block once; report is false when the body already
// failed, whose error is the one worth showing.
func (a *autocommitValue) finish(report bool) error {
	if !a.began || a.ended {
		return nil
	}
	a.ended = true
	err := invoke(a.thread, "autocommit_block", &ops.AutocommitBlock{Begin: false})
	if !report {
		return nil
	}
	return err
}

type autocommitIterator struct {
	a    *autocommitValue
	step int // 0 fresh, 1 inside, 2 done
}

func (it *autocommitIterator) Next(p *starlark.Value) bool {
	switch it.step {
	case 0:
		it.step = 1
		if err := invoke(it.a.thread, "autocommit_block", &ops.AutocommitBlock{Begin: true}); err != nil {
			it.step = 2
			stateOf(it.a.thread).fail(it.a.thread, it.a.pos, err)
			return false
		}
		it.a.began = true
		*p = it.a // the hidden loop variable, so a return can close the block
		return true
	case 1:
		it.step = 2
		if err := it.a.finish(true); err != nil {
			stateOf(it.a.thread).fail(it.a.thread, it.a.pos, err)
		}
	}
	return false
}

// Done closes the block when its body failed or returned.
func (it *autocommitIterator) Done() {
	it.step = 2
	_ = it.a.finish(false)
}

// exitBuiltin implements `return` inside with-blocks (see the shim): it
// closes the given blocks, innermost first, then returns value.
var exitBuiltin = starlark.NewBuiltin(exitName, func(_ *starlark.Thread, _ *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	var value starlark.Value = starlark.None
	for _, kv := range kwargs {
		if kv[0] != starlark.String("value") {
			return nil, fmt.Errorf("%s: unexpected keyword argument %s", exitName, kv[0])
		}
		value = kv[1]
	}
	for _, a := range args {
		switch x := a.(type) {
		case *batchOps:
			if err := x.b.finish(); err != nil {
				return nil, err
			}
		case *autocommitValue:
			if err := x.finish(true); err != nil {
				return nil, err
			}
		}
	}
	return value, nil
})

// withAllName is the hidden builtin several context managers of one with
// statement become (see the shim).
const withAllName = "_retort_with_all"

var withAllBuiltin = starlark.NewBuiltin(withAllName, func(_ *starlark.Thread, _ *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	if len(kwargs) > 0 {
		return nil, fmt.Errorf("%s: unexpected keyword arguments", withAllName)
	}
	for _, a := range args {
		if _, ok := a.(starlark.Iterable); !ok {
			return nil, fmt.Errorf("TypeError: '%s' object does not support the context manager protocol", pyTypeName(a))
		}
	}
	return &withAll{managers: args}, nil
})

// withAll is a one-shot iterable over several context managers.
type withAll struct {
	base
	managers starlark.Tuple
}

func (w *withAll) String() string { return "<with>" }
func (w *withAll) Type() string   { return "with" }

// Iterate enters the managers in order.
func (w *withAll) Iterate() starlark.Iterator { return &withAllIterator{w: w} }

type withAllIterator struct {
	w     *withAll
	iters []starlark.Iterator
	step  int
}

func (it *withAllIterator) Next(p *starlark.Value) bool {
	switch it.step {
	case 0:
		it.step = 1
		vals := make(starlark.Tuple, 0, len(it.w.managers))
		for _, m := range it.w.managers {
			sub := m.(starlark.Iterable).Iterate()
			it.iters = append(it.iters, sub)
			var v starlark.Value
			if !sub.Next(&v) {
				return false
			}
			vals = append(vals, v)
		}
		*p = vals
		if len(vals) == 1 { // with (A as a):
			*p = vals[0]
		}
		return true
	case 1:
		it.step = 2
		var v starlark.Value
		for i := len(it.iters) - 1; i >= 0; i-- {
			it.iters[i].Next(&v)
		}
	}
	return false
}

func (it *withAllIterator) Done() {
	for i := len(it.iters) - 1; i >= 0; i-- {
		it.iters[i].Done()
	}
}
