package mysql

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"strconv"
	"strings"

	"github.com/retort-dev/retort/dialect"
	"github.com/retort-dev/retort/dialect/ddl"
	"github.com/retort-dev/retort/internal/sqlbuild"
	"github.com/retort-dev/retort/ops"
	"github.com/retort-dev/retort/schema"
)

// ErrNeedsExistingType is wrapped when an alter_column on MySQL lacks the
// column's type: MODIFY and CHANGE restate the whole column definition.
var ErrNeedsExistingType = errors.New("All MySQL CHANGE/MODIFY COLUMN operations require the existing type.")

// hooks are MySQL's answers to the shared compiler (MySQLDDLCompiler and
// Alembic's MySQLImpl).
type hooks struct {
	ddl.Defaults
	// mariadb is the mariadb:// dialect (SQLAlchemy's name "mariadb", which
	// selects mariadb_* options and variants); mariadbServer is true for it
	// and for a mysql:// dialect talking to a MariaDB server.
	mariadb       bool
	mariadbServer bool
	quoter        sqlbuild.Quoter
}

var _ ddl.Hooks = (*hooks)(nil)

func (h *hooks) Name() string {
	if h.mariadb {
		return "mariadb"
	}
	return "mysql"
}
func (h *hooks) Quoter() sqlbuild.Quoter                { return h.quoter }
func (*hooks) Literals() sqlbuild.LiteralStyle          { return literals }
func (*hooks) Placeholder(int) string                   { return "?" }
func (h *hooks) TypeSQL(t *schema.Type) (string, error) { return typeSQL(t, h.Name()) }

// SeparateComments is false: MySQL writes comments inline.
func (*hooks) SeparateComments() bool { return false }

// isTimestamp reports MySQL's TIMESTAMP, whose nullable columns must say
// NULL explicitly (MySQL would otherwise make them NOT NULL).
func isTimestamp(t *schema.Type) bool {
	return t != nil && t.Kind == "TIMESTAMP"
}

// ColumnSpec is MySQLDDLCompiler.get_column_specification: name, type,
// GENERATED, NOT NULL (or NULL for TIMESTAMP), COMMENT, then AUTO_INCREMENT
// for the autoincrement key or else DEFAULT.
func (h *hooks) ColumnSpec(c *ddl.Compiler, table *schema.Table, col *schema.Column) (string, error) {
	ts, err := c.Type(col.Type)
	if err != nil {
		return "", err
	}
	spec := []string{c.Ident(col.Name), ts}
	if col.Computed != nil {
		spec = append(spec, ddl.ComputedSQL(col.Computed))
	}
	if !col.Nullable {
		spec = append(spec, "NOT NULL")
	} else if isTimestamp(ddl.ResolveVariant(col.Type, h.Name())) {
		spec = append(spec, "NULL")
	}
	if col.Comment != nil {
		spec = append(spec, "COMMENT "+c.String(*col.Comment))
	}
	if table != nil && ddl.AutoincrementColumn(table) == col && (col.ServerDefault == nil || col.Identity != nil) && col.Sequence == nil {
		spec = append(spec, "AUTO_INCREMENT")
	} else if col.ServerDefault != nil {
		d, err := c.ServerDefault(col.ServerDefault)
		if err != nil {
			return "", err
		}
		spec = append(spec, "DEFAULT "+d)
	}
	return strings.Join(spec, " "), nil
}

// ColumnCheck: MySQL has native ENUM but no native boolean, so
// Boolean(create_constraint=True) brings CHECK (col IN (0, 1)).
func (*hooks) ColumnCheck(c *ddl.Compiler, col *schema.Column) *schema.Check {
	return c.TypeCheckConstraint(col, false, true)
}

// tableOptionOrder is SQLAlchemy's order: the iteration order of a Python
// set of the option names (see pySetOrder), with COLLATE moved after the
// character set options, which SQLAlchemy's topological sort requires. The
// options are inserted alphabetically (a Go map has no order of its own;
// the script's keyword order rarely matters), then COMMENT, which
// SQLAlchemy adds last.
func tableOptionOrder(keys []string) []string {
	sort.Strings(keys)
	hasComment := false
	insert := make([]string, 0, len(keys))
	for _, k := range keys {
		if k == "COMMENT" {
			hasComment = true
			continue
		}
		insert = append(insert, k)
	}
	if hasComment {
		insert = append(insert, "COMMENT")
	}
	order := pySetOrder(insert)
	charset := false
	for _, k := range order {
		switch k {
		case "DEFAULT_CHARSET", "DEFAULT_CHARACTER_SET", "CHARSET", "CHARACTER_SET":
			charset = true
		}
	}
	if !charset {
		return order
	}
	out := make([]string, 0, len(order))
	collate := false
	for _, k := range order {
		if k == "COLLATE" {
			collate = true
			continue
		}
		out = append(out, k)
	}
	if collate {
		out = append(out, "COLLATE")
	}
	return out
}

var stringOptions = map[string]bool{"COMMENT": true, "DATA_DIRECTORY": true, "INDEX_DIRECTORY": true, "PASSWORD": true, "CONNECTION": true}

// PostCreateTable renders mysql_* table options and the table comment
// right after the closing parenthesis: ")ENGINE=InnoDB".
func (h *hooks) PostCreateTable(c *ddl.Compiler, t *schema.Table) (string, error) {
	// SQLAlchemy reads only the options prefixed with the dialect's own
	// name: mysql_engine on MySQL, mariadb_engine on MariaDB.
	prefix := h.Name() + "_"
	opts := map[string]string{}
	for k, v := range t.DialectOptions {
		if strings.HasPrefix(k, prefix) {
			opts[strings.ToUpper(strings.TrimPrefix(k, prefix))] = v
		}
	}
	if t.Comment != nil {
		opts["COMMENT"] = *t.Comment
	}
	var plain, part []string
	for k := range opts {
		switch k {
		case "PARTITION_BY", "PARTITIONS", "SUBPARTITIONS", "SUBPARTITION_BY":
			part = append(part, k)
		default:
			plain = append(plain, k)
		}
	}
	plain = tableOptionOrder(plain)
	var out []string
	for _, k := range plain {
		v := opts[k]
		if stringOptions[k] {
			v = c.String(v)
		}
		name := k
		switch k {
		case "DATA_DIRECTORY", "INDEX_DIRECTORY", "DEFAULT_CHARACTER_SET", "CHARACTER_SET", "DEFAULT_CHARSET", "DEFAULT_COLLATE":
			name = strings.ReplaceAll(k, "_", " ")
		}
		joiner := "="
		switch name {
		case "TABLESPACE", "DEFAULT CHARACTER SET", "CHARACTER SET", "COLLATE":
			joiner = " "
		}
		out = append(out, name+joiner+v)
	}
	rank := map[string]int{"PARTITION_BY": 0, "PARTITIONS": 1, "SUBPARTITION_BY": 2, "SUBPARTITIONS": 3}
	sort.Slice(part, func(i, j int) bool { return rank[part[i]] < rank[part[j]] })
	for _, k := range part {
		out = append(out, strings.ReplaceAll(k, "_", " ")+" "+opts[k])
	}
	return strings.Join(out, " "), nil
}

// TableCommentSQL is ALTER TABLE t COMMENT 'x'; dropping sets it to ”.
func (*hooks) TableCommentSQL(c *ddl.Compiler, schemaName, table string, comment *string) (string, error) {
	if comment == nil {
		return c.AlterTable(schemaName, table) + " COMMENT ''", nil
	}
	return c.AlterTable(schemaName, table) + " COMMENT " + c.String(*comment), nil
}

// ColumnCommentSQL is not a statement of its own on MySQL: a column comment
// changes through alter_column, which restates the column.
func (*hooks) ColumnCommentSQL(*ddl.Compiler, string, string, string, *string) (string, error) {
	return "", fmt.Errorf("a column comment changes through alter_column(comment=..., existing_type=...) on MySQL: %w", ddl.ErrUnsupported)
}

// isDateTimeAffinity is SQLAlchemy's _type_affinity is DateTime.
func isDateTimeAffinity(t *schema.Type) bool {
	if t == nil {
		return false
	}
	switch strings.ToUpper(t.Kind) {
	case "DATETIME", "TIMESTAMP":
		return true
	}
	return false
}

// AlterColumn is MySQLImpl.alter_column: a rename (or any change of a
// DATETIME column's default) is CHANGE old new <full spec>; other changes of
// nullability, type, autoincrement or comment are MODIFY <full spec>; a
// default change alone is ALTER COLUMN SET/DROP DEFAULT. The full spec is
// built from the new values, falling back to the existing_* hints.
func (h *hooks) AlterColumn(c *ddl.Compiler, o *ops.AlterColumn) ([]dialect.Stmt, error) {
	if o.Nullable == nil && o.Type == nil && o.ServerDefault == nil && o.NewName == "" && o.Comment == nil && o.Autoincrement == nil {
		return nil, nil
	}
	typ := o.Type
	if typ == nil {
		typ = o.ExistingType
	}
	dropsDefault := o.ServerDefault != nil && o.ServerDefault.Expr == nil
	functional := isDateTimeAffinity(ddl.ResolveVariant(typ, h.Name())) && !dropsDefault
	prefix := c.AlterTable(o.Schema, o.Table)
	switch {
	case o.NewName != "" || functional:
		spec, err := h.alterSpec(c, o, typ)
		if err != nil {
			return nil, err
		}
		newName := o.NewName
		if newName == "" {
			newName = o.Column
		}
		return ddl.Stmts(prefix + " CHANGE " + c.Ident(o.Column) + " " + c.Ident(newName) + " " + spec), nil
	case o.Nullable != nil || o.Type != nil || o.Autoincrement != nil || o.Comment != nil:
		spec, err := h.alterSpec(c, o, typ)
		if err != nil {
			return nil, err
		}
		return ddl.Stmts(prefix + " MODIFY " + c.Ident(o.Column) + " " + spec), nil
	default:
		s, err := ddl.AlterDefaultSQL(c, prefix+" ALTER COLUMN "+c.Ident(o.Column)+" ", o.ServerDefault)
		if err != nil {
			return nil, err
		}
		return ddl.Stmts(s), nil
	}
}

// alterSpec is Alembic's _mysql_colspec.
func (h *hooks) alterSpec(c *ddl.Compiler, o *ops.AlterColumn, typ *schema.Type) (string, error) {
	if typ == nil {
		return "", ErrNeedsExistingType
	}
	ts, err := c.Type(typ)
	if err != nil {
		return "", err
	}
	nullable := true
	if o.Nullable != nil {
		nullable = *o.Nullable
	} else if o.ExistingNullable != nil {
		nullable = *o.ExistingNullable
	}
	spec := ts + " NOT NULL"
	if nullable {
		spec = ts + " NULL"
	}
	autoinc := o.ExistingAutoincrement
	if o.Autoincrement != nil {
		autoinc = o.Autoincrement
	}
	if autoinc != nil && *autoinc {
		spec += " AUTO_INCREMENT"
	}
	def := o.ExistingServerDefault
	if o.ServerDefault != nil {
		def = o.ServerDefault.Expr
	}
	if def != nil {
		d, err := c.ServerDefault(def)
		if err != nil {
			return "", err
		}
		spec += " DEFAULT " + d
	}
	comment := o.ExistingComment
	if o.Comment != nil {
		comment = o.Comment.Comment
	}
	if comment != nil && *comment != "" {
		spec += " COMMENT " + c.String(*comment)
	}
	return spec, nil
}

// BatchAlterTable runs the block in place, or with recreate="always" moves
// and copies the table.
func (h *hooks) BatchAlterTable(ctx context.Context, c *ddl.Compiler, q dialect.Querier, o *ops.BatchAlterTable) ([]dialect.Stmt, error) {
	return ddl.CompileBatch(ctx, c, q, o, ddl.Recreate{Reflect: reflectTable, CastType: h.castType})
}

// castType is MySQLCompiler.visit_typeclause: MySQL casts only to a few
// type names; for the rest SQLAlchemy leaves the value uncast.
func (h *hooks) castType(c *ddl.Compiler, t *schema.Type) (string, bool) {
	switch ddl.TypeAffinity(t) {
	case "Integer":
		if t.Unsigned {
			return "UNSIGNED INTEGER", true
		}
		return "SIGNED INTEGER", true
	case "DateTime":
		if strings.EqualFold(t.Kind, "TIMESTAMP") {
			return "DATETIME", true
		}
	case "Date", "Time":
	case "String":
		switch strings.ToUpper(t.Kind) {
		case "ENUM", "SET":
			return "", false
		}
		return "CHAR" + ddl.Paren(t.Length), true
	case "LargeBinary":
		return "BINARY", true
	case "JSON":
		return "JSON", true
	case "Numeric":
		switch strings.ToUpper(t.Kind) {
		case "NUMERIC":
			return "DECIMAL" + ddl.PrecisionScale(t), true
		case "DECIMAL":
		default:
			return "", false
		}
	default:
		return "", false
	}
	s, err := typeSQL(t, h.Name())
	return s, err == nil
}

// CreateIndexSQL renders CREATE [UNIQUE] [prefix] INDEX name ON t (cols)
// with mysql_length prefixes and USING. Like SQLAlchemy, MariaDB reads
// length and prefix from the mariadb_-prefixed options instead. MariaDB
// has IF NOT EXISTS and gets it; MySQL has no such clause, and
// if_not_exists is ignored there, as Alembic 1.8.1 ignores it.
func (h *hooks) CreateIndexSQL(c *ddl.Compiler, idx *schema.Index, ifNotExists bool) (string, error) {
	if idx.Name == "" {
		return "", errors.New("CREATE INDEX requires that the index have a name")
	}
	opt := func(name string) string { return idx.DialectOptions[h.Name()+"_"+name] }
	lengths, err := indexLengths(idx.Name, opt("length"))
	if err != nil {
		return "", err
	}
	parts := make([]string, len(idx.Elements))
	for i, el := range idx.Elements {
		switch {
		case el.Column != "":
			parts[i] = c.Ident(el.Column)
			if n, ok := lengths[el.Column]; ok {
				parts[i] += fmt.Sprintf("(%d)", n)
			} else if n, ok := lengths[""]; ok {
				parts[i] += fmt.Sprintf("(%d)", n)
			}
		case el.Expr != "":
			parts[i] = el.Expr
		default:
			return "", fmt.Errorf("index %q: element %d is empty", idx.Name, i)
		}
		if el.Desc {
			parts[i] += " DESC"
		}
	}
	if len(parts) == 0 {
		return "", fmt.Errorf("index %q has no columns", idx.Name)
	}
	s := "CREATE "
	if idx.Unique {
		s += "UNIQUE "
	}
	if p := opt("prefix"); p != "" {
		s += p + " "
	}
	s += "INDEX "
	if ifNotExists && h.mariadbServer {
		s += "IF NOT EXISTS "
	}
	s += c.Ident(idx.Name) + " ON " + c.Table(idx.Schema, idx.Table) + " (" + strings.Join(parts, ", ") + ")"
	// SQLAlchemy reads with_parser and using under "mysql_" on both flavours.
	if p := idx.DialectOptions["mysql_with_parser"]; p != "" {
		s += " WITH PARSER " + p
	}
	if u := idx.DialectOptions["mysql_using"]; u != "" {
		s += " USING " + c.Ident(u)
	}
	return s, nil
}

// indexLengths reads mysql_length: either one number for every column
// ("10") or per column ("a:10, b:5", also "a=10" or a Python dict literal
// "{'a': 10}"). The key "" holds the number for every column.
func indexLengths(index, raw string) (map[string]int, error) {
	raw = strings.TrimSpace(raw)
	out := map[string]int{}
	if raw == "" {
		return out, nil
	}
	if n, err := strconv.Atoi(raw); err == nil {
		out[""] = n
		return out, nil
	}
	body := strings.Trim(raw, "{}")
	for _, item := range strings.Split(body, ",") {
		item = strings.TrimSpace(item)
		if item == "" {
			continue
		}
		sep := strings.IndexAny(item, ":=")
		if sep < 0 {
			return nil, fmt.Errorf("index %q: cannot read mysql_length %q", index, raw)
		}
		col := strings.Trim(strings.TrimSpace(item[:sep]), `'"`)
		n, err := strconv.Atoi(strings.TrimSpace(item[sep+1:]))
		if err != nil {
			return nil, fmt.Errorf("index %q: cannot read mysql_length %q", index, raw)
		}
		out[col] = n
	}
	return out, nil
}

// DropIndexSQL renders DROP INDEX [IF EXISTS] name ON table; IF EXISTS
// on MariaDB only, which has it.
func (h *hooks) DropIndexSQL(c *ddl.Compiler, o *ops.DropIndex) (string, error) {
	if o.Table == "" {
		return "", errors.New("drop_index on MySQL needs table_name")
	}
	s := "DROP INDEX "
	if o.IfExists && h.mariadbServer {
		s += "IF EXISTS "
	}
	return s + c.Ident(o.Name) + " ON " + c.Table(o.Schema, o.Table), nil
}

// DropConstraintSQL picks MySQL's statement by constraint type: MySQL has no
// generic DROP CONSTRAINT (MariaDB has, and uses it for CHECK).
func (h *hooks) DropConstraintSQL(c *ddl.Compiler, o *ops.DropConstraint) (string, error) {
	kind := o.Type
	if kind == "" {
		switch o.Existing.(type) {
		case *schema.ForeignKey:
			kind = "foreignkey"
		case *schema.PrimaryKey:
			kind = "primary"
		case *schema.Unique:
			kind = "unique"
		case *schema.Check:
			kind = "check"
		}
	}
	prefix := c.AlterTable(o.Schema, o.Table)
	switch kind {
	case "foreignkey":
		return prefix + " DROP FOREIGN KEY " + c.Ident(o.Name), nil
	case "primary":
		return prefix + " DROP PRIMARY KEY", nil
	case "unique":
		return prefix + " DROP INDEX " + c.Ident(o.Name), nil
	case "check":
		if h.mariadbServer {
			return prefix + " DROP CONSTRAINT " + c.Ident(o.Name), nil
		}
		return prefix + " DROP CHECK " + c.Ident(o.Name), nil
	case "":
		return "", errors.New("No generic 'DROP CONSTRAINT' in MySQL - please specify constraint type")
	}
	return "", fmt.Errorf("unknown constraint type %q (want foreignkey, primary, unique or check)", kind)
}

// CheckForeignKey rejects MATCH, which MySQL accepts but then ignores ON
// DELETE / ON UPDATE.
func (*hooks) CheckForeignKey(fk *schema.ForeignKey) error {
	if fk.Match != "" {
		return errors.New("MySQL ignores the 'MATCH' keyword while at the same time causes ON UPDATE/ON DELETE clauses to be ignored.")
	}
	return nil
}

// typeSQL is MySQLTypeCompiler.
func typeSQL(t *schema.Type, dialectName string) (string, error) {
	if t == nil {
		return "", errors.New("column has no type")
	}
	kind := strings.ToUpper(t.Kind)
	numeric := func(base string) string {
		s := base
		if t.Unsigned {
			s += " UNSIGNED"
		}
		return s
	}
	// String types take CHARACTER SET then COLLATE, as MySQLTypeCompiler's
	// _extend_string writes them.
	collate := func(s string) string {
		if t.Charset != "" {
			s += " CHARACTER SET " + t.Charset
		}
		return ddl.Collate(s, t, func(x string) string { return x })
	}
	switch kind {
	case "INTEGER", "INT", "SMALLINTEGER", "SMALLINT", "BIGINTEGER", "BIGINT", "TINYINT", "MEDIUMINT":
		base := map[string]string{"INTEGER": "INTEGER", "INT": "INTEGER", "SMALLINTEGER": "SMALLINT", "SMALLINT": "SMALLINT",
			"BIGINTEGER": "BIGINT", "BIGINT": "BIGINT", "TINYINT": "TINYINT", "MEDIUMINT": "MEDIUMINT"}[kind]
		// mysql.INTEGER(display_width=11) keeps its width in Length.
		return numeric(base + ddl.Paren(t.Length)), nil
	case "BOOLEAN":
		return "BOOL", nil
	case "NUMERIC", "DECIMAL":
		return numeric(kind + ddl.PrecisionScale(t)), nil
	case "FLOAT", "DOUBLE", "REAL":
		if kind == "FLOAT" && t.Precision != nil && t.Scale == nil {
			return numeric(fmt.Sprintf("FLOAT(%d)", *t.Precision)), nil
		}
		return numeric(kind + ddl.PrecisionScale(t)), nil
	case "STRING", "UNICODE", "VARCHAR":
		if t.Length <= 0 {
			return "", fmt.Errorf("VARCHAR requires a length on dialect %s", dialectName)
		}
		return collate(fmt.Sprintf("VARCHAR(%d)", t.Length)), nil
	case "NVARCHAR":
		if t.Length <= 0 {
			return "", fmt.Errorf("NVARCHAR requires a length on dialect %s", dialectName)
		}
		return collate(fmt.Sprintf("NATIONAL VARCHAR(%d)", t.Length)), nil
	case "CHAR":
		return collate("CHAR" + ddl.Paren(t.Length)), nil
	case "NCHAR":
		return collate("NATIONAL CHAR" + ddl.Paren(t.Length)), nil
	case "TEXT", "UNICODETEXT":
		return collate("TEXT" + ddl.Paren(t.Length)), nil
	case "TINYTEXT", "MEDIUMTEXT", "LONGTEXT":
		return collate(kind), nil
	case "DATETIME", "TIMESTAMP", "TIME":
		if t.Precision != nil {
			return fmt.Sprintf("%s(%d)", kind, *t.Precision), nil
		}
		return kind, nil
	case "INTERVAL":
		// Without a native interval SQLAlchemy stores it as a DATETIME.
		return "DATETIME", nil
	case "DATE":
		return "DATE", nil
	case "YEAR":
		return "YEAR" + ddl.Paren(t.Length), nil
	case "LARGEBINARY":
		return "BLOB" + ddl.Paren(t.Length), nil
	case "BLOB", "TINYBLOB", "MEDIUMBLOB", "LONGBLOB":
		return kind + ddl.Paren(t.Length), nil
	case "BINARY", "VARBINARY":
		return kind + ddl.Paren(t.Length), nil
	case "BIT":
		return "BIT" + ddl.Paren(t.Length), nil
	case "JSON":
		return "JSON", nil
	case "UUID":
		// sa.Uuid on a database without a UUID type is CHAR(32) hex.
		return "CHAR(32)", nil
	case "ENUM":
		if !t.NativeEnum {
			return "VARCHAR" + ddl.Paren(ddl.EnumLength(t)), nil
		}
		return collate("ENUM(" + quotedValues(t.Values) + ")"), nil
	case "SET":
		return collate("SET(" + quotedValues(t.Values) + ")"), nil
	}
	if s, ok := ddl.GenericTypeSQL(t); ok && t.Dialect != "postgresql" {
		return s, nil
	}
	name := t.Kind
	if t.Dialect != "" {
		name = t.Dialect + "." + t.Kind
	}
	return "", fmt.Errorf("type %s is not supported on MySQL: %w", name, ddl.ErrUnsupported)
}

// quotedValues renders ENUM/SET values as MySQL does: 'a','b' with no space.
func quotedValues(values []string) string {
	parts := make([]string, len(values))
	for i, v := range values {
		parts[i] = literals.String(v)
	}
	return strings.Join(parts, ",")
}
