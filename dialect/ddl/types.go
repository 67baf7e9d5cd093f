package ddl

import (
	"fmt"
	"strings"

	"github.com/retort-dev/retort/schema"
)

// Paren renders "(n)" when n > 0, else "".
func Paren(n int) string {
	if n > 0 {
		return fmt.Sprintf("(%d)", n)
	}
	return ""
}

// PrecisionScale renders "(p)" or "(p, s)" or "" as SQLAlchemy's NUMERIC does.
func PrecisionScale(t *schema.Type) string {
	switch {
	case t.Precision == nil:
		return ""
	case t.Scale == nil:
		return fmt.Sprintf("(%d)", *t.Precision)
	default:
		return fmt.Sprintf("(%d, %d)", *t.Precision, *t.Scale)
	}
}

// EnumLength is the VARCHAR length of a non-native Enum: its longest value.
func EnumLength(t *schema.Type) int {
	n := 0
	for _, v := range t.Values {
		if l := len([]rune(v)); l > n {
			n = l
		}
	}
	if t.Length > n {
		n = t.Length
	}
	return n
}

// IsEnum reports whether t is sa.Enum or a dialect ENUM.
func IsEnum(t *schema.Type) bool {
	return t != nil && strings.EqualFold(t.Kind, "Enum")
}

// EnumValuesSQL renders the quoted values joined with sep.
func (c *Compiler) EnumValuesSQL(values []string, sep string) string {
	parts := make([]string, len(values))
	for i, v := range values {
		parts[i] = c.String(v)
	}
	return strings.Join(parts, sep)
}

// TypeCheckConstraint returns the CHECK constraint SQLAlchemy attaches to a
// column whose type has create_constraint=True (named by the type's name=,
// kept in Type.EnumName for Boolean too): non-native Enum
// (IN the values) and, where booleans are not native, Boolean (IN (0, 1)).
func (c *Compiler) TypeCheckConstraint(col *schema.Column, nativeBoolean, nativeEnum bool) *schema.Check {
	t := ResolveVariant(col.Type, c.Hooks.Name())
	if t == nil || !t.CreateConstraint {
		return nil
	}
	switch {
	case IsEnum(t) && (!t.NativeEnum || !nativeEnum):
		return &schema.Check{Name: t.EnumName, SQL: c.Ident(col.Name) + " IN (" + c.EnumValuesSQL(t.Values, ", ") + ")"}
	case strings.EqualFold(t.Kind, "Boolean") && !nativeBoolean:
		return &schema.Check{Name: t.EnumName, SQL: c.Ident(col.Name) + " IN (0, 1)"}
	}
	return nil
}

// GenericTypeSQL renders the SQL-standard upper-case types that every
// dialect spells the same way (VARCHAR(n), INTEGER, NUMERIC(p, s), ...). It
// reports false for kinds it does not know.
func GenericTypeSQL(t *schema.Type) (string, bool) {
	switch strings.ToUpper(t.Kind) {
	case "INTEGER", "INT":
		return "INTEGER", true
	case "SMALLINTEGER", "SMALLINT":
		return "SMALLINT", true
	case "BIGINTEGER", "BIGINT":
		return "BIGINT", true
	case "NUMERIC":
		return "NUMERIC" + PrecisionScale(t), true
	case "DECIMAL":
		return "DECIMAL" + PrecisionScale(t), true
	case "FLOAT":
		if t.Precision != nil {
			return fmt.Sprintf("FLOAT(%d)", *t.Precision), true
		}
		return "FLOAT", true
	case "REAL":
		return "REAL", true
	case "DATE":
		return "DATE", true
	case "CHAR":
		return "CHAR" + Paren(t.Length), true
	case "NCHAR":
		return "NCHAR" + Paren(t.Length), true
	case "VARCHAR":
		return "VARCHAR" + Paren(t.Length), true
	case "NVARCHAR":
		return "NVARCHAR" + Paren(t.Length), true
	case "TEXT", "UNICODETEXT":
		return "TEXT" + Paren(t.Length), true
	case "CLOB":
		return "CLOB", true
	case "BLOB":
		return "BLOB", true
	case "BINARY":
		return "BINARY" + Paren(t.Length), true
	case "VARBINARY":
		return "VARBINARY" + Paren(t.Length), true
	case "JSON":
		return "JSON", true
	}
	return "", false
}

// Collate appends " COLLATE x" rendered by quote when t has a collation.
func Collate(s string, t *schema.Type, quote func(string) string) string {
	if t.Collation == "" {
		return s
	}
	return s + " COLLATE " + quote(t.Collation)
}
