package sqlite

import (
	"fmt"
	"strings"

	"github.com/retort-dev/retort/dialect/ddl"
	"github.com/retort-dev/retort/schema"
)

// typeSQL renders a column type as SQLAlchemy 1.4's SQLiteTypeCompiler
// does. Generic types map to the SQL names SQLite understands (DateTime is
// DATETIME, LargeBinary is BLOB, Enum is VARCHAR of its longest value
// without a native type). Types SQLAlchemy cannot render on SQLite
// (ARRAY, PostgreSQL-only types) are an error, as they are in Alembic.
func typeSQL(t *schema.Type) (string, error) {
	if t != nil && t.Kind == "" && t.Dialect == "sqlite" {
		// A reflected column declared without a type stays without one.
		return "", nil
	}
	if t == nil || t.Kind == "" || strings.EqualFold(t.Kind, "NullType") {
		return "", fmt.Errorf("can't generate DDL for NullType(); did you forget to specify a type on this Column?")
	}
	kind := strings.ToUpper(t.Kind)
	collate := func(s string) string {
		if t.Collation != "" {
			// SQLAlchemy always double-quotes the collation name here.
			return s + ` COLLATE "` + t.Collation + `"`
		}
		return s
	}
	if t.Dialect != "" && t.Dialect != "sqlite" {
		// Upper-case dialect types that are plain SQL types (mysql.VARCHAR,
		// postgresql.TIMESTAMP, ...) render like the generic ones.
		switch kind {
		case "INTEGER", "SMALLINT", "BIGINT", "NUMERIC", "DECIMAL", "FLOAT", "REAL", "DATE", "TIME",
			"TIMESTAMP", "DATETIME", "CHAR", "NCHAR", "VARCHAR", "NVARCHAR", "TEXT", "CLOB", "BLOB",
			"BOOLEAN", "JSON", "BINARY", "VARBINARY":
		default:
			return "", fmt.Errorf("can't render %s.%s on SQLite: the SQLite type compiler has no rendering for it", t.Dialect, t.Kind)
		}
	}
	switch kind {
	case "INTEGER", "INT":
		return "INTEGER", nil
	case "SMALLINTEGER", "SMALLINT":
		return "SMALLINT", nil
	case "BIGINTEGER", "BIGINT":
		return "BIGINT", nil
	case "NUMERIC":
		return "NUMERIC" + ddl.PrecisionScale(t), nil
	case "DECIMAL":
		return "DECIMAL" + ddl.PrecisionScale(t), nil
	case "FLOAT":
		// SQLAlchemy's generic FLOAT ignores the precision.
		return "FLOAT", nil
	case "REAL":
		return "REAL", nil
	case "BOOLEAN":
		return "BOOLEAN", nil
	case "DATE":
		return "DATE", nil
	case "TIME":
		return "TIME", nil
	case "DATETIME", "INTERVAL":
		// Interval is stored as a DateTime on databases without INTERVAL.
		return "DATETIME", nil
	case "TIMESTAMP":
		return "TIMESTAMP", nil
	case "STRING", "VARCHAR", "UNICODE":
		return collate("VARCHAR" + ddl.Paren(t.Length)), nil
	case "TEXT", "UNICODETEXT":
		return collate("TEXT" + ddl.Paren(t.Length)), nil
	case "CHAR":
		return collate("CHAR" + ddl.Paren(t.Length)), nil
	case "NCHAR":
		return collate("NCHAR" + ddl.Paren(t.Length)), nil
	case "NVARCHAR":
		return collate("NVARCHAR" + ddl.Paren(t.Length)), nil
	case "CLOB":
		return "CLOB", nil
	case "ENUM":
		return collate("VARCHAR" + ddl.Paren(ddl.EnumLength(t))), nil
	case "LARGEBINARY", "BLOB", "PICKLETYPE":
		return "BLOB", nil
	case "BINARY":
		return "BINARY" + ddl.Paren(t.Length), nil
	case "VARBINARY":
		return "VARBINARY" + ddl.Paren(t.Length), nil
	case "JSON":
		return "JSON", nil
	case "UUID":
		// SQLAlchemy's Uuid without a native UUID type is CHAR(32).
		return "CHAR(32)", nil
	case "DATETIME_CHAR", "DATE_CHAR", "TIME_CHAR":
		return kind, nil
	}
	if t.Dialect == "sqlite" {
		// A reflected declaration SQLAlchemy has no class for, kept as written.
		return collate(t.Kind), nil
	}
	return "", fmt.Errorf("can't render type %s on SQLite", t.Kind)
}

// affinity is SQLAlchemy's _type_affinity reduced to a name: the generic
// type family a type belongs to. Batch mode CASTs a column's data only when
// the family changes (String(10) to Text copies as is, String to Integer
// casts).
func affinity(t *schema.Type) string {
	if t == nil {
		return "null"
	}
	switch strings.ToUpper(t.Kind) {
	case "INTEGER", "INT", "SMALLINTEGER", "SMALLINT", "BIGINTEGER", "BIGINT", "TINYINT", "MEDIUMINT":
		return "integer"
	case "STRING", "VARCHAR", "UNICODE", "TEXT", "UNICODETEXT", "CHAR", "NCHAR", "NVARCHAR", "CLOB", "ENUM":
		return "string"
	case "NUMERIC", "DECIMAL", "FLOAT", "REAL", "DOUBLE", "DOUBLE_PRECISION":
		return "numeric"
	case "DATETIME", "TIMESTAMP", "DATETIME_CHAR":
		return "datetime"
	case "DATE", "DATE_CHAR":
		return "date"
	case "TIME", "TIME_CHAR":
		return "time"
	case "BOOLEAN":
		return "boolean"
	case "LARGEBINARY", "BLOB", "BINARY", "VARBINARY":
		return "binary"
	case "JSON":
		return "json"
	case "INTERVAL", "PICKLETYPE":
		// Both are TypeDecorators in SQLAlchemy, sharing that affinity.
		return "typedecorator"
	}
	return strings.ToLower(t.Kind)
}

// needsCast is SQLiteImpl.cast_for_batch_migrate: copy with CAST when the
// type family changes, except into JSON.
func needsCast(from, to *schema.Type) bool {
	if to == nil {
		return false
	}
	to = ddl.ResolveVariant(to, "sqlite")
	from = ddl.ResolveVariant(from, "sqlite")
	if strings.EqualFold(to.Kind, "JSON") {
		return false
	}
	return affinity(from) != affinity(to)
}
