package render

import (
	"slices"
	"strconv"
	"strings"

	"github.com/retort-dev/retort/internal/lazyre"
	"github.com/retort-dev/retort/schema"
)

// sqltypesIn lists, per dialect module, the type names that module merely
// re-exports from sqlalchemy.sql.sqltypes: Alembic renders those as sa.X,
// because it looks at the class's module, not at where it was imported from.
var sqltypesIn = map[string][]string{
	"postgresql": {"BIGINT", "BOOLEAN", "CHAR", "DATE", "FLOAT", "INTEGER", "NUMERIC", "REAL", "SMALLINT", "TEXT", "VARCHAR"},
	"mysql":      {"BINARY", "BLOB", "BOOLEAN", "DATE", "VARBINARY"},
	"sqlite":     {"BIGINT", "BLOB", "BOOLEAN", "CHAR", "DECIMAL", "FLOAT", "INTEGER", "NUMERIC", "REAL", "SMALLINT", "TEXT", "TIMESTAMP", "VARCHAR", "NCHAR", "NVARCHAR"},
}

// sqliteNames are the type names SQLAlchemy's SQLite reflection knows;
// other declarations get a type by SQLite's affinity rules.
var sqliteNames = []string{"BIGINT", "BLOB", "BOOL", "BOOLEAN", "CHAR", "DATE", "DATETIME", "DOUBLE", "DECIMAL", "FLOAT",
	"INT", "INTEGER", "JSON", "NUMERIC", "REAL", "SMALLINT", "TEXT", "TIME", "TIMESTAMP", "VARCHAR", "NVARCHAR", "NCHAR"}

var digits = lazyre.New(`\d+`)

var dialectPrefix = lazyre.New(`(?:^|[^\w.])(postgresql|mysql|sqlite|oracle|mssql)\.[A-Za-z_]`)

// typ renders a column type as Alembic's _repr_type does, collecting the
// dialect imports it needs.
func (r *renderer) typ(t *schema.Type) string {
	if t == nil {
		return "sa.NullType()"
	}
	if t.Python != "" {
		for _, imp := range t.PythonImports {
			r.imports[imp] = true
		}
		for _, m := range dialectPrefix().FindAllStringSubmatch(t.Python, -1) {
			r.imports["from sqlalchemy.dialects import "+m[1]] = true
		}
		return t.Python
	}
	out := r.baseType(t)
	if len(t.Variants) > 0 {
		names := make([]string, 0, len(t.Variants))
		for n := range t.Variants {
			names = append(names, n)
		}
		slices.Sort(names)
		for _, n := range names {
			out += ".with_variant(" + r.baseType(t.Variants[n]) + ", " + pyStr(n) + ")"
		}
	}
	return out
}

// baseType renders a type without its variants.
func (r *renderer) baseType(t *schema.Type) string {
	if t == nil {
		return "sa.NullType()"
	}
	if t.Python != "" {
		return r.typ(t)
	}
	d, kind := t.Dialect, t.Kind
	switch d {
	case "", "postgresql", "mysql":
	case "sqlite":
		if !slices.Contains(sqliteNames, kind) {
			return r.sqliteAffinity(kind)
		}
		switch kind {
		case "INT":
			kind = "INTEGER"
		case "BOOL":
			kind = "BOOLEAN"
		case "DOUBLE":
			kind = "FLOAT"
		case "DATE", "DATETIME", "TIME":
			// Reflection maps these names to the generic classes.
			d = ""
		}
	default:
		// A type from outside SQLAlchemy: Alembic prefixes the user module.
		prefix := r.o.UserModulePrefix
		if prefix == "" {
			prefix = d + "."
		}
		return prefix + kind + "()"
	}
	if d != "" && slices.Contains(sqltypesIn[d], kind) {
		d = ""
	}
	prefix := "sa."
	if d != "" {
		r.imports["from sqlalchemy.dialects import "+d] = true
		prefix = d + "."
	}
	args, kws := r.typeArgs(d, kind, t)
	return call(prefix+kind, args, kws)
}

// sqliteAffinity renders a declaration SQLAlchemy's SQLite reflection does
// not know, by the type affinity rules it applies (INT => INTEGER, CHAR,
// CLOB or TEXT => TEXT, BLOB or nothing => NullType, REAL, FLOA or DOUB =>
// REAL, anything else NUMERIC), keeping the numeric arguments it passes on.
func (r *renderer) sqliteAffinity(decl string) string {
	name, args := decl, ""
	if i := strings.IndexByte(decl, '('); i >= 0 {
		name, args = decl[:i], decl[i:]
	}
	name = strings.ToUpper(strings.TrimSpace(name))
	var nums []int
	for _, m := range digits().FindAllString(args, -1) {
		n, _ := strconv.Atoi(m)
		nums = append(nums, n)
	}
	t := &schema.Type{}
	switch {
	case strings.Contains(name, "INT"):
		return "sa.INTEGER()"
	case strings.Contains(name, "CHAR"), strings.Contains(name, "CLOB"), strings.Contains(name, "TEXT"):
		t.Kind = "TEXT"
		if len(nums) > 0 {
			t.Length = nums[0]
		}
	case strings.Contains(name, "BLOB"), name == "":
		return "sa.NullType()"
	case strings.Contains(name, "REAL"), strings.Contains(name, "FLOA"), strings.Contains(name, "DOUB"):
		t.Kind = "REAL"
		if len(nums) > 0 {
			t.Precision = &nums[0]
		}
	default:
		t.Kind = "NUMERIC"
		if len(nums) > 0 {
			t.Precision = &nums[0]
		}
		if len(nums) > 1 {
			t.Scale = &nums[1]
		}
	}
	return r.baseType(t)
}

func intKw(key string, n int) kw { return kw{key, strconv.Itoa(n)} }

// typeArgs returns the arguments SQLAlchemy's generic repr of the type's
// class shows: positional values, then the keywords whose value differs
// from the constructor's default, in the constructor's order.
func (r *renderer) typeArgs(d, kind string, t *schema.Type) (args []string, kws []kw) {
	length := func(key string) {
		if t.Length > 0 {
			kws = append(kws, intKw(key, t.Length))
		}
	}
	ptr := func(key string, p *int) {
		if p != nil {
			kws = append(kws, intKw(key, *p))
		}
	}
	str := func(key, v string) {
		if v != "" {
			kws = append(kws, kw{key, pyStr(v)})
		}
	}
	flag := func(key string, v bool) {
		if v {
			kws = append(kws, kw{key, "True"})
		}
	}
	values := func() {
		for _, v := range t.Values {
			args = append(args, pyStr(v))
		}
	}
	array := func() {
		args = append(args, r.typ(t.Item))
		// Reflection gives no dimensions (Dimensions 1 in retort's model),
		// so only a multi-dimensional array shows them.
		if t.Dimensions > 1 {
			kws = append(kws, intKw("dimensions", t.Dimensions))
		}
	}
	switch d {
	case "":
		switch kind {
		case "String", "Text", "VARCHAR", "CHAR", "TEXT", "CLOB":
			length("length")
			str("collation", t.Collation)
		case "Unicode", "UnicodeText", "NCHAR", "NVARCHAR", "LargeBinary", "BINARY", "VARBINARY", "BLOB":
			length("length")
		case "Numeric", "NUMERIC", "DECIMAL":
			ptr("precision", t.Precision)
			ptr("scale", t.Scale)
		case "Float", "FLOAT", "REAL":
			ptr("precision", t.Precision)
		case "DateTime", "DATETIME", "TIMESTAMP", "Time", "TIME":
			flag("timezone", t.Timezone)
		case "Boolean", "BOOLEAN":
			flag("create_constraint", t.CreateConstraint)
			str("name", t.EnumName)
		case "Enum":
			values()
			str("name", t.EnumName)
			if !t.NativeEnum {
				kws = append(kws, kw{"native_enum", "False"})
			}
			flag("create_constraint", t.CreateConstraint)
		case "ARRAY":
			array()
		}
	case "postgresql":
		switch kind {
		case "TIMESTAMP", "TIME":
			flag("timezone", t.Timezone)
			ptr("precision", t.Precision)
		case "ARRAY":
			array()
		case "UUID":
			if t.AsUUID != nil && *t.AsUUID {
				kws = append(kws, kw{"as_uuid", "True"})
			}
		case "JSON", "JSONB":
			// The PostgreSQL impl renders the astext_type every JSON type carries.
			kws = append(kws, kw{"astext_type", "sa.Text()"})
		case "HSTORE":
			kws = append(kws, kw{"text_type", "sa.Text()"})
		case "DOUBLE_PRECISION":
			// Reflection gives double precision its 53 bits.
			p := 53
			if t.Precision != nil {
				p = *t.Precision
			}
			kws = append(kws, intKw("precision", p))
		case "BIT", "BYTEA":
			length("length")
		case "INTERVAL":
			ptr("precision", t.Precision)
		case "ENUM":
			values()
			str("name", t.EnumName)
			if !t.CreateType {
				// retort's scripts create and drop enum types explicitly.
				kws = append(kws, kw{"create_type", "False"})
			}
		}
	case "mysql":
		switch kind {
		case "TINYINT", "SMALLINT", "MEDIUMINT", "INTEGER", "BIGINT":
			length("display_width")
			flag("unsigned", t.Unsigned)
		case "YEAR":
			length("display_width")
		case "VARCHAR", "CHAR", "NVARCHAR", "NCHAR", "TEXT", "TINYTEXT", "MEDIUMTEXT", "LONGTEXT":
			str("charset", t.Charset)
			str("collation", t.Collation)
			length("length")
		case "ENUM", "SET":
			values()
			str("charset", t.Charset)
			str("collation", t.Collation)
		case "DECIMAL", "NUMERIC":
			flag("unsigned", t.Unsigned)
			ptr("precision", t.Precision)
			ptr("scale", t.Scale)
		case "FLOAT", "DOUBLE", "REAL":
			ptr("precision", t.Precision)
			ptr("scale", t.Scale)
			if kind != "FLOAT" {
				kws = append(kws, kw{"asdecimal", "True"})
			}
			flag("unsigned", t.Unsigned)
		case "DATETIME", "TIMESTAMP", "TIME":
			flag("timezone", t.Timezone)
			ptr("fsp", t.Precision)
		case "BIT", "TINYBLOB", "MEDIUMBLOB", "LONGBLOB":
			length("length")
		}
	}
	return args, kws
}
