// Package schema is retort's dialect-neutral model of a database schema: the
// subset of SQLAlchemy Core's schema objects (MetaData, Table, Column, types,
// constraints, indexes, server defaults) that migrations and autogenerate need,
// reduced to plain data. It knows no SQL and imports nothing of the project.
package schema

// Type is a column type as a migration script names it. Kind is the SQLAlchemy
// class name as written ("Integer", "String", "Numeric", "Enum", "ARRAY",
// "UUID", "JSONB", "TIMESTAMP", ...); Dialect is "" for the generic sa.* types
// and "postgresql", "mysql" or "sqlite" for types taken from a dialect module.
// Dialect compilers turn it into the DDL SQLAlchemy 1.4 would render.
type Type struct {
	Kind    string
	Dialect string

	Length    int  // String(n), Unicode(n), LargeBinary(n), mysql VARCHAR(n); 0 = none
	Precision *int // Numeric(p, s), Float(p), TIMESTAMP(precision=), Time(precision=)
	Scale     *int
	Timezone  bool // DateTime(timezone=True), TIMESTAMP(timezone=True)
	Collation string
	Charset   string // mysql charset= (CHARACTER SET); "" = none
	Unsigned  bool   // mysql.INTEGER(unsigned=True) and friends
	AsUUID    *bool

	// Enum.
	Values     []string
	EnumName   string // name= (PostgreSQL type name)
	NativeEnum bool   // native_enum, true unless native_enum=False
	// CreateType is PostgreSQL ENUM(create_type=...); true by default.
	CreateType bool
	// CreateConstraint is Enum/Boolean(create_constraint=...); false by default as in SQLAlchemy 1.4.
	CreateConstraint bool

	// ARRAY.
	Item       *Type
	Dimensions int

	// Variants holds with_variant(other, dialect_name) alternatives.
	Variants map[string]*Type

	// Python is the SQLAlchemy constructor that renders this type in a
	// script ("sa.String(length=120)", "postgresql.UUID(as_uuid=True)",
	// "app.types.Money()"), when the type came from the project's own
	// Python models; "" otherwise (renderers derive it from Kind).
	Python string
	// PythonImports are the import lines Python needs beyond sqlalchemy
	// and the dialect modules ("import app.types").
	PythonImports []string
	// DDL is the type compiled for the target dialect by SQLAlchemy itself,
	// when the type came from the project's Python models; "" otherwise.
	DDL string
}

// ExprKind tells how an Expr renders.
type ExprKind int

const (
	// ExprLiteral is a plain Python value (string, number, bool) rendered as a quoted SQL literal
	// where a string, e.g. server_default="1" renders DEFAULT '1'.
	ExprLiteral ExprKind = iota
	// ExprText is SQL the user wrote (sa.text("...")), rendered verbatim.
	ExprText
	// ExprFunc is sa.func.NAME(args...): rendered by the dialect (func.now() is CURRENT_TIMESTAMP on SQLite).
	ExprFunc
	// ExprColumn is a column reference (sa.column("x"), table.c.x); Text is the column name.
	ExprColumn
	// ExprBinary is Args[0] <Text> Args[1], e.g. "=", "!=", "<", "AND", "OR", "LIKE", "IS".
	ExprBinary
	// ExprBind is a value sent as a bound parameter online (and rendered as a literal offline).
	ExprBind
	// ExprInline is op.inline_literal(value): always rendered as a literal.
	ExprInline
	// ExprCase is sa.case(...): Args[0] is the value compared (CASE x WHEN
	// ...), Args[1] the ELSE result, each an empty ExprText when absent,
	// then the WHEN/THEN pairs. See CaseSQL.
	ExprCase
)

// Expr is a SQL expression used as a server default, a computed column, a
// check condition or an index element.
type Expr struct {
	Kind  ExprKind
	Text  string // literal value (as text), raw SQL, or function name
	Value any    // for ExprLiteral: string, int64, float64, bool or nil
	Args  []Expr // for ExprFunc and ExprBinary
}

// Identity is sa.Identity(...).
type Identity struct {
	Always    bool
	OnNull    bool
	Start     *int64
	Increment *int64
	MinValue  *int64
	MaxValue  *int64
	Cycle     bool
	Cache     *int64
}

// Computed is sa.Computed(sqltext, persisted=...).
type Computed struct {
	SQL       string
	Persisted *bool
}

// Sequence is sa.Sequence(name, start=, increment=).
type Sequence struct {
	Name      string
	Schema    string
	Start     *int64
	Increment *int64
}

// Column is sa.Column.
type Column struct {
	Name          string
	Type          *Type
	Nullable      bool // already resolved: false for primary keys unless nullable=True was given
	PrimaryKey    bool
	Autoincrement string // "auto" (default), "true", "false", "ignore_fk"
	ServerDefault *Expr
	Comment       *string
	Unique        bool // Column(unique=True)
	Index         bool // Column(index=True)
	ForeignKeys   []*ForeignKeyRef
	// Checks are CHECK constraints given to the column itself
	// (Column(..., CheckConstraint(...))): SQLAlchemy renders them inside
	// the column's clause of CREATE TABLE and ADD COLUMN.
	Checks   []*Check
	Identity *Identity
	Computed *Computed
	Sequence *Sequence
	// DialectOptions holds <dialect>_<name> keyword arguments, e.g. "mysql_charset".
	DialectOptions map[string]string
}

// ForeignKeyRef is sa.ForeignKey("table.column", ...) attached to a column.
type ForeignKeyRef struct {
	Name       string
	Target     string // "table.column" or "schema.table.column" as written
	OnDelete   string
	OnUpdate   string
	Deferrable *bool
	Initially  string
}

// Constraint is one of *PrimaryKey, *ForeignKey, *Unique, *Check.
type Constraint interface {
	ConstraintName() string
	constraint()
}

// PrimaryKey is sa.PrimaryKeyConstraint.
type PrimaryKey struct {
	Name    string
	Columns []string
	// NameConv reports that Name came from the naming convention
	// (SQLAlchemy's conv), so scripts render it as op.f(name).
	NameConv bool
}

// ForeignKey is sa.ForeignKeyConstraint.
type ForeignKey struct {
	Name       string
	Columns    []string
	RefSchema  string
	RefTable   string
	RefColumns []string
	OnDelete   string
	OnUpdate   string
	Deferrable *bool
	Initially  string
	Match      string
	// UseAlter is ForeignKeyConstraint(use_alter=True).
	UseAlter bool
	NameConv bool
}

// Unique is sa.UniqueConstraint.
type Unique struct {
	Name       string
	Columns    []string
	Deferrable *bool
	Initially  string
	NameConv   bool
}

// Check is sa.CheckConstraint.
type Check struct {
	Name     string
	SQL      string
	NameConv bool
}

func (c *PrimaryKey) ConstraintName() string { return c.Name }
func (c *ForeignKey) ConstraintName() string { return c.Name }
func (c *Unique) ConstraintName() string     { return c.Name }
func (c *Check) ConstraintName() string      { return c.Name }
func (*PrimaryKey) constraint()              {}
func (*ForeignKey) constraint()              {}
func (*Unique) constraint()                  {}
func (*Check) constraint()                   {}

// IndexElement is one indexed column or expression.
type IndexElement struct {
	Column string // set for a plain column
	Expr   string // raw SQL for an expression element (sa.text / func)
	Desc   bool
}

// Index is sa.Index / op.create_index.
type Index struct {
	Name     string
	Schema   string
	Table    string
	Elements []IndexElement
	Unique   bool
	// DialectOptions holds postgresql_where (SQL text), postgresql_using,
	// postgresql_concurrently, postgresql_include, mysql_length, sqlite_where, ...
	DialectOptions map[string]string
	NameConv       bool
}

// Table is sa.Table.
type Table struct {
	Schema      string
	Name        string
	Columns     []*Column
	Constraints []Constraint // table-level constraints in declaration order
	Indexes     []*Index
	Comment     *string
	// DialectOptions holds mysql_engine, mysql_charset, sqlite_autoincrement, ...
	DialectOptions map[string]string
}

// Column returns the column called name, or nil.
func (t *Table) Column(name string) *Column {
	for _, c := range t.Columns {
		if c.Name == name {
			return c
		}
	}
	return nil
}

// Enum is a named enum type that lives in a schema (PostgreSQL CREATE TYPE
// ... AS ENUM), shared by the columns that use it.
type Enum struct {
	Schema string
	Name   string
	Values []string
}

// MetaData is sa.MetaData: a set of tables plus a naming convention.
type MetaData struct {
	Schema           string
	NamingConvention map[string]string
	Tables           []*Table
	// Enums lists the named enum types: reflected from PostgreSQL, or
	// collected from the models' native enums.
	Enums []*Enum
}
