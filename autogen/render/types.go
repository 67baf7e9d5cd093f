package render

import (
	"fmt"
	"slices"
	"strings"

	"github.com/retort-dev/retort/schema"
)

// typ renders a type as its SQLAlchemy constructor, the way Alembic's
// _repr_type does, and records the import it needs.
func (r *renderer) typ(t *schema.Type) (string, error) {
	if t == nil {
		return "sa.NullType()", nil
	}
	if t.Python != "" {
		for _, imp := range t.PythonImports {
			r.imports[imp] = true
		}
		for _, d := range []string{"postgresql", "mysql", "sqlite"} {
			if strings.Contains(t.Python, d+".") {
				r.imports["from sqlalchemy.dialects import "+d] = true
			}
		}
		return t.Python, nil
	}
	base, err := r.plainType(t)
	if err != nil {
		return "", err
	}
	for _, d := range sortedKeys(t.Variants) {
		v := *t.Variants[d]
		v.Variants = nil
		vs, err := r.typ(&v)
		if err != nil {
			return "", err
		}
		base += ".with_variant(" + vs + ", " + pyStr(d) + ")"
	}
	return base, nil
}

func (r *renderer) plainType(t *schema.Type) (string, error) {
	if t.Kind == "" {
		return "", fmt.Errorf("a type without a name cannot be rendered")
	}
	module := "sa"
	if t.Dialect != "" {
		module = t.Dialect
		r.imports["from sqlalchemy.dialects import "+t.Dialect] = true
	}
	args, err := r.typeArgs(t)
	if err != nil {
		return "", err
	}
	if t.Dialect == "mysql" {
		// MySQL's types print their keyword arguments in name order.
		slices.SortStableFunc(args, func(a, b string) int {
			ak, bk := keyOf(a), keyOf(b)
			if ak == "" || bk == "" {
				return 0
			}
			return strings.Compare(ak, bk)
		})
	}
	return module + "." + t.Kind + "(" + strings.Join(args, ", ") + ")", nil
}

func keyOf(arg string) string {
	k, _, ok := strings.Cut(arg, "=")
	if !ok || strings.ContainsAny(k, "'\" (") {
		return ""
	}
	return k
}

// typeArgs are a type's constructor arguments, as SQLAlchemy's repr
// prints them: only what differs from the defaults, by keyword.
func (r *renderer) typeArgs(t *schema.Type) ([]string, error) {
	kind := strings.ToUpper(t.Kind)
	var args []string
	intp := func(k string, p *int) {
		if p != nil {
			args = append(args, fmt.Sprintf("%s=%d", k, *p))
		}
	}
	switch kind {
	case "ENUM":
		args = quoteAll(t.Values)
		if t.EnumName != "" {
			args = append(args, "name="+pyStr(t.EnumName))
		}
		if !t.NativeEnum && t.Dialect == "" {
			args = append(args, "native_enum=False")
		}
		if t.CreateConstraint {
			args = append(args, "create_constraint=True")
		}
		if t.Dialect == "postgresql" && !t.CreateType {
			// retort's scripts manage enum types explicitly (see autogen).
			args = append(args, "create_type=False")
		}
		return args, nil
	case "ARRAY":
		item, err := r.typ(t.Item)
		if err != nil {
			return nil, err
		}
		args = []string{item}
		if t.Dimensions > 1 {
			args = append(args, fmt.Sprintf("dimensions=%d", t.Dimensions))
		}
		return args, nil
	}
	if t.Dialect == "mysql" {
		return mysqlArgs(t, kind), nil
	}
	switch kind {
	case "STRING", "UNICODE", "VARCHAR", "CHAR", "NVARCHAR", "NCHAR", "TEXT", "UNICODETEXT", "CLOB", "LARGEBINARY", "BLOB", "BINARY", "VARBINARY", "BYTEA", "BIT":
		if t.Length > 0 {
			args = append(args, fmt.Sprintf("length=%d", t.Length))
		}
		if t.Collation != "" {
			args = append(args, "collation="+pyStr(t.Collation))
		}
	case "NUMERIC", "DECIMAL", "FLOAT", "REAL", "DOUBLE_PRECISION":
		intp("precision", t.Precision)
		intp("scale", t.Scale)
	case "DATETIME", "TIMESTAMP", "TIME":
		if t.Timezone {
			args = append(args, "timezone=True")
		}
		if t.Dialect == "postgresql" {
			intp("precision", t.Precision)
		}
	case "UUID", "UUID_":
		if t.AsUUID != nil && *t.AsUUID {
			args = append(args, "as_uuid=True")
		}
	case "JSONB", "JSON":
		if t.Dialect == "postgresql" {
			args = append(args, "astext_type=sa.Text()")
		}
	}
	return args, nil
}

func mysqlArgs(t *schema.Type, kind string) []string {
	var args []string
	switch kind {
	case "INTEGER", "TINYINT", "SMALLINT", "MEDIUMINT", "BIGINT", "YEAR":
		if t.Length > 0 {
			args = append(args, fmt.Sprintf("display_width=%d", t.Length))
		}
	case "VARCHAR", "CHAR", "TEXT", "BINARY", "VARBINARY", "BIT", "BLOB":
		if t.Length > 0 {
			args = append(args, fmt.Sprintf("length=%d", t.Length))
		}
	case "DECIMAL", "NUMERIC", "DOUBLE", "FLOAT":
		if t.Precision != nil {
			args = append(args, fmt.Sprintf("precision=%d", *t.Precision))
		}
		if t.Scale != nil {
			args = append(args, fmt.Sprintf("scale=%d", *t.Scale))
		}
	case "DATETIME", "TIMESTAMP", "TIME":
		if t.Precision != nil {
			args = append(args, fmt.Sprintf("fsp=%d", *t.Precision))
		}
	}
	if t.Unsigned {
		args = append(args, "unsigned=True")
	}
	if t.Charset != "" {
		args = append(args, "charset="+pyStr(t.Charset))
	}
	if t.Collation != "" {
		args = append(args, "collation="+pyStr(t.Collation))
	}
	return args
}
