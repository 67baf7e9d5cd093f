// Package batch is retort's planner for Alembic's batch "move and copy"
// (alembic/operations/batch.py, ApplyBatchImpl): given a table as it exists
// (from copy_from or from reflection) and the ops inside a
// batch_alter_table block, it computes the new table definition, the
// column-by-column data transfer and the indexes to re-create. It is pure:
// it renders no SQL and touches no database; a dialect turns the Plan into
// CREATE TABLE _alembic_tmp_x / INSERT ... SELECT / DROP / RENAME / CREATE
// INDEX statements.
package batch

import (
	"errors"
	"fmt"
	"strings"

	"github.com/retort-dev/retort/internal/lazyre"
	"github.com/retort-dev/retort/ops"
	"github.com/retort-dev/retort/schema"
)

// Recreate modes of batch_alter_table(recreate=...).
const (
	RecreateAuto   = "auto"
	RecreateAlways = "always"
	RecreateNever  = "never"
)

// ErrNoSuchObject is wrapped when an op in the batch names a column,
// index or constraint the table does not have.
var ErrNoSuchObject = errors.New("no such object")

// ErrInvalidBatch is wrapped when the batch itself is malformed (a bad
// recreate mode, an unnamed constraint, an op that cannot be batched).
var ErrInvalidBatch = errors.New("invalid batch operation")

// batchError carries Alembic's message for a batch error while matching
// its sentinel (ErrNoSuchObject, ErrInvalidBatch) with errors.Is.
type batchError struct {
	kind error
	msg  string
}

func (e *batchError) Error() string { return e.msg }
func (e *batchError) Unwrap() error { return e.kind }

// Errorf returns an error whose text is the formatted message alone (so
// Alembic's wording reads unchanged) and which matches kind with errors.Is.
func Errorf(kind error, format string, args ...any) error {
	return &batchError{kind: kind, msg: fmt.Sprintf(format, args...)}
}

// ShouldRecreate applies the recreate mode: "auto" defers to the dialect's
// verdict (requiresRecreate), "always" and "never" override it. An empty
// mode means "auto".
func ShouldRecreate(mode string, requiresRecreate bool) (bool, error) {
	switch mode {
	case "", RecreateAuto:
		return requiresRecreate, nil
	case RecreateAlways:
		return true, nil
	case RecreateNever:
		return false, nil
	}
	return false, Errorf(ErrInvalidBatch, "recreate may be one of 'auto', 'always', or 'never' (got %q)", mode)
}

// TempTableName is the name of the table the data is copied into: Alembic
// prefixes "_alembic_tmp_" and cuts the result at 50 characters.
func TempTableName(table string) string {
	n := "_alembic_tmp_" + table
	if len(n) > 50 {
		n = n[:50]
	}
	return n
}

// Transfer is one column copied from the old table into the new one.
type Transfer struct {
	// Column is the column's name in the new table.
	Column string
	// Source is the column's name in the old table.
	Source string
	// FromType is the old column type; ToType is the new one when an
	// alter_column changed it (nil otherwise). The dialect decides from the
	// pair whether the value needs a CAST.
	FromType *schema.Type
	ToType   *schema.Type
}

// Plan is the recipe for one table recreation.
type Plan struct {
	// Table is the table as it exists before the batch.
	Table *schema.Table
	// NewTable is the new definition, named TempTableName(Table.Name). It
	// holds every constraint explicitly in Constraints (columns carry no
	// Unique/Index flags and no ForeignKeys), in the order Alembic emits
	// them: primary key, table_args, the copied named constraints, then the
	// copied unnamed ones.
	NewTable *schema.Table
	// TableArgCount is how many of NewTable's non-primary-key constraints
	// come from table_args. SQLAlchemy creates the CHECKs implied by column
	// types (Boolean/Enum create_constraint=True) while it builds the new
	// table, after table_args and before Alembic appends the copied
	// constraints, so a dialect renders them at that point.
	TableArgCount int
	// Transfers lists, in new-table column order, the columns whose data is
	// copied: every column except those added by the batch and generated
	// (computed) ones, which the new table recomputes.
	Transfers []Transfer
	// Indexes are created on the renamed table after the copy: the table's
	// surviving indexes first, then those the batch created.
	Indexes []*schema.Index
}

// column is a column of the table being rebuilt, tracked by its key (its
// name in the old table, or its name when added by the batch).
type column struct {
	key      string
	col      *schema.Column // copy; col.Name is the current (possibly new) name
	source   string         // old name, "" for added columns
	fromType *schema.Type
	toType   *schema.Type
}

type planner struct {
	table     *schema.Table
	reflected bool

	columns  []*column // current order
	existing []string  // existing_ordering: keys of the old columns still present
	addOrder [][2]string

	pk        *schema.PrimaryKey  // current primary key (columns are keys)
	named     []schema.Constraint // named non-PK constraints, insertion order
	unnamed   []schema.Constraint // unnamed non-PK constraints
	indexes   []*schema.Index     // existing indexes still wanted
	newIdx    []*schema.Index
	tableArgs []schema.Constraint
	comment   *string
	options   map[string]string
	reorder   [][]string
}

// New plans the recreation of existing under the ops of b. reflected says
// whether existing came from the database: then b.NamingConvention names
// its unnamed constraints, and unnamed CHECK constraints are skipped, as
// Alembic does, because it cannot tell a user's CHECK from one a Boolean or
// Enum type generates.
func New(existing *schema.Table, b *ops.BatchAlterTable, reflected bool) (*Plan, error) {
	if existing == nil {
		return nil, Errorf(ErrInvalidBatch, "batch on table %q has no table definition", b.Table)
	}
	p := &planner{table: existing, reflected: reflected, reorder: b.PartialReordering}
	p.grab()
	if reflected && len(b.NamingConvention) > 0 {
		p.applyNamingConvention(b.NamingConvention)
	}
	if reflected {
		p.skipUnnamedChecks()
	}
	for _, c := range b.TableArgs {
		p.tableArgs = append(p.tableArgs, c)
	}
	for i, o := range b.Ops {
		if err := p.apply(o); err != nil {
			return nil, fmt.Errorf("batch_alter_table(%q) op %d: %w", existing.Name, i+1, err)
		}
	}
	return p.finish()
}

func copyColumn(c *schema.Column) *schema.Column {
	cc := *c
	cc.Unique, cc.Index = false, false
	cc.ForeignKeys = nil
	return &cc
}

// grab splits the existing table into columns, its primary key, named and
// unnamed constraints and indexes (ApplyBatchImpl._grab_table_elements).
func (p *planner) grab() {
	t := p.table
	for _, c := range t.Columns {
		p.columns = append(p.columns, &column{key: c.Name, col: copyColumn(c), source: c.Name, fromType: c.Type})
		p.existing = append(p.existing, c.Name)
	}
	var pkCols []string
	for _, c := range t.Columns {
		if c.PrimaryKey {
			pkCols = append(pkCols, c.Name)
		}
	}
	for _, c := range t.Constraints {
		if pk, ok := c.(*schema.PrimaryKey); ok {
			p.pk = &schema.PrimaryKey{Name: pk.Name, Columns: append([]string(nil), pk.Columns...)}
		}
	}
	if p.pk == nil && len(pkCols) > 0 {
		p.pk = &schema.PrimaryKey{Columns: pkCols}
	}
	add := func(c schema.Constraint) {
		if c.ConstraintName() != "" {
			p.named = append(p.named, c)
		} else {
			p.unnamed = append(p.unnamed, c)
		}
	}
	for _, c := range t.Constraints {
		if _, ok := c.(*schema.PrimaryKey); ok {
			continue
		}
		add(cloneConstraint(c))
	}
	// Column-level unique=True and ForeignKey(...) are table constraints in
	// SQLAlchemy, created after the table-level ones.
	for _, c := range t.Columns {
		if c.Unique && !c.Index {
			add(&schema.Unique{Columns: []string{c.Name}})
		}
		for _, fk := range c.ForeignKeys {
			add(fkFromRef(c.Name, fk))
		}
	}
	// Column(index=True) indexes are not re-created: Alembic skips indexes
	// flagged as column-generated. Only explicit (or reflected) indexes are.
	for _, ix := range t.Indexes {
		cp := *ix
		cp.Elements = append([]schema.IndexElement(nil), ix.Elements...)
		p.indexes = append(p.indexes, &cp)
	}
	p.comment = t.Comment
	p.options = map[string]string{}
	for k, v := range t.DialectOptions {
		p.options[k] = v
	}
}

// fkFromRef turns a column's ForeignKey("table.col") into a constraint.
func fkFromRef(col string, r *schema.ForeignKeyRef) *schema.ForeignKey {
	refSchema, refTable, refCol := SplitTarget(r.Target)
	return &schema.ForeignKey{
		Name: r.Name, Columns: []string{col}, RefSchema: refSchema, RefTable: refTable,
		RefColumns: []string{refCol}, OnDelete: r.OnDelete, OnUpdate: r.OnUpdate,
		Deferrable: r.Deferrable, Initially: r.Initially,
	}
}

// SplitTarget splits a ForeignKey target "table.column" or
// "schema.table.column" into its parts.
func SplitTarget(target string) (schemaName, table, col string) {
	parts := strings.Split(target, ".")
	switch len(parts) {
	case 1:
		return "", "", parts[0]
	case 2:
		return "", parts[0], parts[1]
	}
	return strings.Join(parts[:len(parts)-2], "."), parts[len(parts)-2], parts[len(parts)-1]
}

func cloneConstraint(c schema.Constraint) schema.Constraint {
	switch x := c.(type) {
	case *schema.PrimaryKey:
		cp := *x
		cp.Columns = append([]string(nil), x.Columns...)
		return &cp
	case *schema.Unique:
		cp := *x
		cp.Columns = append([]string(nil), x.Columns...)
		return &cp
	case *schema.ForeignKey:
		cp := *x
		cp.Columns = append([]string(nil), x.Columns...)
		cp.RefColumns = append([]string(nil), x.RefColumns...)
		return &cp
	case *schema.Check:
		cp := *x
		return &cp
	}
	return c
}

func (p *planner) find(name string) *column {
	for _, c := range p.columns {
		if c.key == name {
			return c
		}
	}
	return nil
}

// findByName resolves a column named in an op: by key first, then by its
// current (possibly renamed) name.
func (p *planner) findByName(name string) *column {
	if c := p.find(name); c != nil {
		return c
	}
	for _, c := range p.columns {
		if c.col.Name == name {
			return c
		}
	}
	return nil
}

func (p *planner) apply(o ops.Op) error {
	switch o := o.(type) {
	case *ops.AlterColumn:
		return p.alterColumn(o)
	case *ops.AddColumn:
		return p.addColumn(o)
	case *ops.DropColumn:
		return p.dropColumn(o)
	case *ops.CreateIndex:
		if o.Index == nil || o.Index.Name == "" {
			return Errorf(ErrInvalidBatch, "create_index needs a named index")
		}
		ix := *o.Index
		ix.Elements = append([]schema.IndexElement(nil), o.Index.Elements...)
		p.newIdx = append(p.newIdx, &ix)
	case *ops.DropIndex:
		for i, ix := range p.indexes {
			if ix.Name == o.Name {
				p.indexes = append(p.indexes[:i], p.indexes[i+1:]...)
				return nil
			}
		}
		return Errorf(ErrNoSuchObject, "No such index: '%s'", o.Name)
	case *ops.CreatePrimaryKey:
		return p.addConstraint(o.PrimaryKey)
	case *ops.CreateUniqueConstraint:
		return p.addConstraint(o.Unique)
	case *ops.CreateForeignKey:
		return p.addConstraint(o.ForeignKey)
	case *ops.CreateCheckConstraint:
		return p.addConstraint(o.Check)
	case *ops.DropConstraint:
		return p.dropConstraint(o)
	case *ops.CreateTableComment:
		c := o.Comment
		p.comment = &c
	case *ops.DropTableComment:
		p.comment = nil
	case *ops.CreateTable:
		return Errorf(ErrInvalidBatch, "Can't create table in batch mode")
	case *ops.DropTable:
		return Errorf(ErrInvalidBatch, "Can't drop table in batch mode")
	case *ops.RenameTable:
		return Errorf(ErrInvalidBatch, "Can't rename a table inside a recreating batch; rename it outside the batch_alter_table block")
	default:
		return Errorf(ErrInvalidBatch, "%T is not allowed inside batch_alter_table", o)
	}
	return nil
}

func (p *planner) alterColumn(o *ops.AlterColumn) error {
	c := p.find(o.Column)
	if c == nil {
		return Errorf(ErrNoSuchObject, "no column %q in table %q", o.Column, p.table.Name)
	}
	if o.NewName != "" && o.NewName != o.Column {
		c.col.Name = o.NewName
		// A named Boolean/Enum CHECK belongs to the old column name.
		if o.ExistingType != nil && o.ExistingType.EnumName != "" {
			p.removeNamed(o.ExistingType.EnumName)
		}
	}
	if o.Type != nil {
		t := *o.Type
		c.col.Type = &t
		if c.source != "" {
			c.toType = &t
		}
	}
	if o.Nullable != nil {
		c.col.Nullable = *o.Nullable
	}
	if o.ServerDefault != nil {
		c.col.ServerDefault = o.ServerDefault.Expr
	}
	if o.Autoincrement != nil {
		if *o.Autoincrement {
			c.col.Autoincrement = "true"
		} else {
			c.col.Autoincrement = "false"
		}
	}
	if o.Comment != nil {
		c.col.Comment = o.Comment.Comment
	}
	return nil
}

func (p *planner) removeNamed(name string) bool {
	for i, c := range p.named {
		if c.ConstraintName() == name {
			p.named = append(p.named[:i], p.named[i+1:]...)
			return true
		}
	}
	return false
}

func (p *planner) addColumn(o *ops.AddColumn) error {
	if o.Column == nil {
		return Errorf(ErrInvalidBatch, "add_column without a column")
	}
	name := o.Column.Name
	if p.find(name) != nil {
		return Errorf(ErrInvalidBatch, "column %q already exists in table %q", name, p.table.Name)
	}
	before, after := o.InsertBefore, o.InsertAfter
	pos := map[string]int{}
	for i, k := range p.existing {
		pos[k] = i
	}
	if len(p.reorder) == 0 {
		if after != "" && before == "" {
			if i, ok := pos[after]; ok {
				if i+1 < len(p.existing) {
					before = p.existing[i+1]
				}
			} else {
				for _, pair := range p.addOrder {
					if pair[0] == after {
						before = pair[1]
					}
				}
			}
		}
		if before != "" && after == "" {
			if i, ok := pos[before]; ok {
				if i-1 >= 0 {
					after = p.existing[i-1]
				}
			} else {
				for _, pair := range p.addOrder {
					if pair[1] == before {
						after = pair[0]
					}
				}
			}
		}
	}
	if before != "" {
		p.addOrder = append(p.addOrder, [2]string{name, before})
	}
	if after != "" {
		p.addOrder = append(p.addOrder, [2]string{after, name})
	}
	if len(p.reorder) == 0 && before == "" && after == "" && len(p.existing) > 0 {
		p.addOrder = append(p.addOrder, [2]string{p.existing[len(p.existing)-1], name})
	}
	col := *o.Column
	p.columns = append(p.columns, &column{key: name, col: &col})
	// Column-level unique/FK/index flags of an added column become
	// constraints of the new table, as in a CREATE TABLE.
	if col.Unique && !col.Index {
		p.unnamed = append(p.unnamed, &schema.Unique{Columns: []string{name}})
	}
	for _, fk := range col.ForeignKeys {
		c := fkFromRef(name, fk)
		if c.Name != "" {
			p.named = append(p.named, c)
		} else {
			p.unnamed = append(p.unnamed, c)
		}
	}
	if col.Index {
		p.newIdx = append(p.newIdx, &schema.Index{
			Name: "ix_" + p.table.Name + "_" + name, Table: p.table.Name, Schema: p.table.Schema,
			Elements: []schema.IndexElement{{Column: name}}, Unique: col.Unique,
		})
	}
	col.Unique, col.Index, col.ForeignKeys = false, false, nil
	if col.PrimaryKey {
		if p.pk == nil {
			p.pk = &schema.PrimaryKey{}
		}
		p.pk.Columns = append(p.pk.Columns, name)
	}
	return nil
}

func (p *planner) dropColumn(o *ops.DropColumn) error {
	for i, c := range p.columns {
		if c.key != o.Column {
			continue
		}
		p.columns = append(p.columns[:i], p.columns[i+1:]...)
		for j, k := range p.existing {
			if k == o.Column {
				p.existing = append(p.existing[:j], p.existing[j+1:]...)
				break
			}
		}
		if p.pk != nil {
			p.pk.Columns = without(p.pk.Columns, o.Column)
		}
		if o.Existing != nil && o.Existing.Type != nil && o.Existing.Type.EnumName != "" {
			p.removeNamed(o.Existing.Type.EnumName)
		}
		return nil
	}
	return Errorf(ErrNoSuchObject, "no column %q in table %q", o.Column, p.table.Name)
}

func without(list []string, name string) []string {
	out := list[:0:0]
	for _, s := range list {
		if s != name {
			out = append(out, s)
		}
	}
	return out
}

// keyOf maps a column name used by an added constraint to the column key.
func (p *planner) keysOf(names []string) []string {
	out := make([]string, len(names))
	for i, n := range names {
		if c := p.findByName(n); c != nil {
			out[i] = c.key
		} else {
			out[i] = n
		}
	}
	return out
}

func (p *planner) addConstraint(c schema.Constraint) error {
	if c == nil || c.ConstraintName() == "" {
		return Errorf(ErrInvalidBatch, "Constraint must have a name")
	}
	c = cloneConstraint(c)
	switch x := c.(type) {
	case *schema.PrimaryKey:
		x.Columns = p.keysOf(x.Columns)
		p.pk = x
		return nil
	case *schema.Unique:
		x.Columns = p.keysOf(x.Columns)
	case *schema.ForeignKey:
		x.Columns = p.keysOf(x.Columns)
	}
	p.removeNamed(c.ConstraintName())
	p.named = append(p.named, c)
	return nil
}

func (p *planner) dropConstraint(o *ops.DropConstraint) error {
	if o.Name == "" {
		return Errorf(ErrInvalidBatch, "Constraint must have a name")
	}
	if p.pk != nil && p.pk.Name == o.Name {
		p.pk = nil
		return nil
	}
	if p.removeNamed(o.Name) {
		return nil
	}
	// A CHECK generated by a Boolean/Enum type lives in the type, not the
	// constraint list; alter_column's implied drop of it is a no-op here.
	for _, c := range p.columns {
		if t := c.col.Type; t != nil && t.EnumName == o.Name && t.CreateConstraint {
			return nil
		}
	}
	return Errorf(ErrNoSuchObject, "No such constraint: '%s'", o.Name)
}

// order applies insert_before/insert_after and partial_reordering with
// SQLAlchemy's deterministic topological sort.
func (p *planner) order() error {
	if len(p.reorder) == 0 && len(p.addOrder) == 0 {
		return nil
	}
	var pairs [][2]string
	seen := map[[2]string]bool{}
	addPair := func(a, b string) {
		pr := [2]string{a, b}
		if a != b && !seen[pr] {
			seen[pr] = true
			pairs = append(pairs, pr)
		}
	}
	keys := make([]string, len(p.columns))
	for i, c := range p.columns {
		keys[i] = c.key
	}
	if len(p.reorder) > 0 {
		for _, tuple := range p.reorder {
			for i := 1; i < len(tuple); i++ {
				addPair(tuple[i-1], tuple[i])
			}
		}
	} else {
		// Alembic pairs each position of the original ordering with the
		// column now at the previous position.
		for i := 1; i < len(p.existing); i++ {
			addPair(keys[i-1], p.existing[i])
		}
	}
	for _, pr := range p.addOrder {
		addPair(pr[0], pr[1])
	}
	parents := map[string]map[string]bool{}
	for _, pr := range pairs {
		if parents[pr[1]] == nil {
			parents[pr[1]] = map[string]bool{}
		}
		parents[pr[1]][pr[0]] = true
	}
	todo := append([]string(nil), keys...)
	pending := map[string]bool{}
	for _, k := range keys {
		pending[k] = true
	}
	var sorted []string
	for len(todo) > 0 {
		var out []string
		for _, k := range todo {
			free := true
			for par := range parents[k] {
				if pending[par] {
					free = false
					break
				}
			}
			if free {
				out = append(out, k)
			}
		}
		if len(out) == 0 {
			return Errorf(ErrInvalidBatch, "column ordering of table %q is circular (check partial_reordering, insert_before and insert_after): %s", p.table.Name, strings.Join(todo, ", "))
		}
		for _, k := range out {
			delete(pending, k)
		}
		var rest []string
		for _, k := range todo {
			if pending[k] {
				rest = append(rest, k)
			}
		}
		todo = rest
		sorted = append(sorted, out...)
	}
	byKey := map[string]*column{}
	for _, c := range p.columns {
		byKey[c.key] = c
	}
	cols := make([]*column, 0, len(sorted))
	for _, k := range sorted {
		cols = append(cols, byKey[k])
	}
	p.columns = cols
	return nil
}

func (p *planner) finish() (*Plan, error) {
	if err := p.order(); err != nil {
		return nil, err
	}
	t := p.table
	present := map[string]string{} // key -> current name
	for _, c := range p.columns {
		present[c.key] = c.col.Name
	}
	rename := func(keys []string) ([]string, bool) {
		out := make([]string, len(keys))
		for i, k := range keys {
			n, ok := present[k]
			if !ok {
				return nil, false
			}
			out[i] = n
		}
		return out, true
	}
	nt := &schema.Table{Schema: t.Schema, Name: TempTableName(t.Name), Comment: p.comment, DialectOptions: p.options}
	var pkCols map[string]bool
	if p.pk != nil {
		if cols, ok := rename(p.pk.Columns); ok && len(cols) > 0 {
			nt.Constraints = append(nt.Constraints, &schema.PrimaryKey{Name: p.pk.Name, Columns: cols})
			pkCols = map[string]bool{}
			for _, k := range p.pk.Columns {
				pkCols[k] = true
			}
		}
	}
	for _, c := range p.columns {
		col := *c.col
		col.PrimaryKey = pkCols[c.key]
		if col.PrimaryKey {
			col.Nullable = false
		}
		nt.Columns = append(nt.Columns, &col)
	}
	nt.Constraints = append(nt.Constraints, p.tableArgs...)
	for _, c := range append(append([]schema.Constraint(nil), p.named...), p.unnamed...) {
		c = cloneConstraint(c)
		ok := true
		switch x := c.(type) {
		case *schema.Unique:
			x.Columns, ok = rename(x.Columns)
		case *schema.ForeignKey:
			x.Columns, ok = rename(x.Columns)
		case *schema.PrimaryKey:
			x.Columns, ok = rename(x.Columns)
		}
		if ok {
			nt.Constraints = append(nt.Constraints, c)
		}
	}
	plan := &Plan{Table: t, NewTable: nt, TableArgCount: len(p.tableArgs)}
	for _, c := range p.columns {
		// Added columns have no data yet; generated columns cannot be
		// written and are recomputed by the new table.
		if c.source == "" || c.col.Computed != nil {
			continue
		}
		plan.Transfers = append(plan.Transfers, Transfer{Column: c.col.Name, Source: c.source, FromType: c.fromType, ToType: c.toType})
	}
	for _, ix := range append(append([]*schema.Index(nil), p.indexes...), p.newIdx...) {
		cp := *ix
		cp.Table, cp.Schema = t.Name, t.Schema
		cp.Elements = nil
		keep := true
		for _, e := range ix.Elements {
			if e.Column != "" {
				c := p.findByName(e.Column)
				if c == nil {
					// The column was dropped by this batch: an index on it
					// cannot be re-created, so it goes with the column.
					keep = false
					break
				}
				e.Column = c.col.Name
			}
			cp.Elements = append(cp.Elements, e)
		}
		if keep {
			plan.Indexes = append(plan.Indexes, &cp)
		}
	}
	return plan, nil
}

// skipUnnamedChecks drops the reflected CHECK constraints that have no
// name: Alembic cannot tell a user's CHECK from one that a Boolean or Enum
// type generates, and leaves them out of the new table.
func (p *planner) skipUnnamedChecks() {
	var keep []schema.Constraint
	for _, c := range p.unnamed {
		if _, isCheck := c.(*schema.Check); !isCheck {
			keep = append(keep, c)
		}
	}
	p.unnamed = keep
}

// applyNamingConvention names the reflected table's unnamed constraints
// the way SQLAlchemy does when Alembic reflects into a MetaData built with
// batch_alter_table(naming_convention=...), so that ops in the batch can
// refer to them by those names (the usual way to drop an unnamed SQLite
// foreign key). A convention that needs %(constraint_name)s cannot name an
// unnamed constraint and leaves it unnamed.
func (p *planner) applyNamingConvention(nc map[string]string) {
	if p.pk != nil && p.pk.Name == "" {
		if name, ok := conventionName(nc, "pk", p.table.Name, p.pk.Columns, "", nil); ok {
			p.pk.Name = name
		}
	}
	var still []schema.Constraint
	for _, c := range p.unnamed {
		var name string
		var ok bool
		switch x := c.(type) {
		case *schema.Unique:
			if name, ok = conventionName(nc, "uq", p.table.Name, x.Columns, "", nil); ok {
				x.Name = name
			}
		case *schema.ForeignKey:
			if name, ok = conventionName(nc, "fk", p.table.Name, x.Columns, x.RefTable, x.RefColumns); ok {
				x.Name = name
			}
		case *schema.Check:
			if name, ok = conventionName(nc, "ck", p.table.Name, nil, "", nil); ok {
				x.Name = name
			}
		}
		if ok {
			p.named = append(p.named, c)
		} else {
			still = append(still, c)
		}
	}
	p.unnamed = still
}

var conventionToken = lazyre.New(`%\(([a-z_0-9N]+)\)s`)

// conventionName expands SQLAlchemy's naming convention for kind ("pk",
// "uq", "fk", "ck"); ok is false when there is no convention for it or it
// uses a token that cannot be filled.
func conventionName(nc map[string]string, kind, table string, cols []string, refTable string, refCols []string) (string, bool) {
	pattern, found := nc[kind]
	if !found {
		long := map[string]string{"pk": "primary_key", "uq": "unique", "fk": "foreign_key", "ck": "check"}[kind]
		pattern, found = nc[long]
	}
	if !found || pattern == "" {
		return "", false
	}
	ok := true
	name := conventionToken().ReplaceAllStringFunc(pattern, func(m string) string {
		key := conventionToken().FindStringSubmatch(m)[1]
		if v, good := conventionValue(key, table, cols, refTable, refCols); good {
			return v
		}
		ok = false
		return m
	})
	return name, ok
}

var columnToken = lazyre.New(`^(referred_)?column_0(N|_N)?_(name|key|label)$`)

func conventionValue(key, table string, cols []string, refTable string, refCols []string) (string, bool) {
	switch key {
	case "table_name":
		return table, true
	case "referred_table_name":
		return refTable, refTable != ""
	}
	m := columnToken().FindStringSubmatch(key)
	if m == nil {
		return "", false // constraint_name, or a token this planner does not know
	}
	list := cols
	if m[1] != "" {
		list = refCols
	}
	if len(list) == 0 {
		return "", false
	}
	render := func(c string) string {
		if m[3] == "label" && m[1] == "" {
			return table + "_" + c
		}
		return c
	}
	switch m[2] {
	case "":
		return render(list[0]), true
	case "N":
		var b strings.Builder
		for _, c := range list {
			b.WriteString(render(c))
		}
		return b.String(), true
	default:
		parts := make([]string, len(list))
		for i, c := range list {
			parts[i] = render(c)
		}
		return strings.Join(parts, "_"), true
	}
}
