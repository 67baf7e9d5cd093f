package lint

import (
	"strings"

	"github.com/retort-dev/retort/ops"
	"github.com/retort-dev/retort/schema"
)

// actionKind is what a statement does, in the terms the rules need.
type actionKind int

const (
	actCreateTable actionKind = iota + 1
	actDropTable
	actRenameTable
	actAddColumn
	actDropColumn
	actRenameColumn
	actAlterType
	actSetNotNull
	actCreateIndex
	actDropIndex
	actAddForeignKey
	actAddCheck
)

// action is one effect of a statement. A statement may have several
// (ALTER TABLE t ADD a ..., DROP b).
type action struct {
	kind   actionKind
	table  string // unqualified, unquoted, lower case
	column string // unquoted, lower case
	// newName is the target of a rename.
	newName string
	// concurrently: CREATE/DROP INDEX CONCURRENTLY.
	concurrently bool
	// notNull and hasDefault describe an added column.
	notNull, hasDefault bool
	// notValid: a constraint added NOT VALID.
	notValid bool
	// oldType and newType are known for ops only; using is a USING clause.
	oldType, newType *schema.Type
	using            bool
	// alreadyNotNull: SET NOT NULL on a column the op says is NOT NULL.
	alreadyNotNull bool
}

// tableKey is the name a table is remembered by: without schema or quotes.
func tableKey(name string) string {
	name = unquote(name)
	if i := strings.LastIndexByte(name, '.'); i >= 0 {
		name = name[i+1:]
	}
	return strings.ToLower(unquote(name))
}

// unquote removes one level of identifier quoting.
func unquote(s string) string {
	if len(s) >= 2 {
		switch {
		case s[0] == '"' && s[len(s)-1] == '"', s[0] == '`' && s[len(s)-1] == '`', s[0] == '[' && s[len(s)-1] == ']':
			return s[1 : len(s)-1]
		}
	}
	return s
}

// isTrue reads a dialect option's truth as the scripts spell it.
func isTrue(s string) bool {
	switch strings.ToLower(s) {
	case "true", "1", "yes":
		return true
	}
	return false
}

// opActions are the effects of one op. op.execute's SQL is read as SQL;
// a batch block contributes its inner ops.
func opActions(op ops.Op) []action {
	switch o := op.(type) {
	case *ops.CreateTable:
		if o.Table == nil {
			return nil
		}
		return []action{{kind: actCreateTable, table: tableKey(o.Table.Name)}}
	case *ops.DropTable:
		return []action{{kind: actDropTable, table: tableKey(o.Name)}}
	case *ops.RenameTable:
		return []action{{kind: actRenameTable, table: tableKey(o.OldName), newName: tableKey(o.NewName)}}
	case *ops.AddColumn:
		if o.Column == nil {
			return nil
		}
		c := o.Column
		return []action{{kind: actAddColumn, table: tableKey(o.Table), column: strings.ToLower(c.Name),
			notNull: !c.Nullable, hasDefault: c.ServerDefault != nil || c.Identity != nil || c.Computed != nil}}
	case *ops.DropColumn:
		return []action{{kind: actDropColumn, table: tableKey(o.Table), column: strings.ToLower(o.Column)}}
	case *ops.AlterColumn:
		return alterColumnActions(o)
	case *ops.CreateIndex:
		if o.Index == nil {
			return nil
		}
		return []action{{kind: actCreateIndex, table: tableKey(o.Index.Table), concurrently: isTrue(o.Index.DialectOptions["postgresql_concurrently"])}}
	case *ops.DropIndex:
		return []action{{kind: actDropIndex, table: tableKey(o.Table), concurrently: isTrue(o.DialectOptions["postgresql_concurrently"])}}
	case *ops.CreateForeignKey:
		return []action{{kind: actAddForeignKey, table: tableKey(o.Table)}}
	case *ops.CreateCheckConstraint:
		return []action{{kind: actAddCheck, table: tableKey(o.Table)}}
	case *ops.Execute:
		if o.DML != nil {
			return nil
		}
		return sqlActions(o.SQL)
	case *ops.BatchAlterTable:
		var out []action
		for _, inner := range o.Ops {
			out = append(out, opActions(inner)...)
		}
		return out
	}
	return nil
}

// alterColumnActions splits op.alter_column into its changes.
func alterColumnActions(o *ops.AlterColumn) []action {
	table, column := tableKey(o.Table), strings.ToLower(o.Column)
	var out []action
	if o.Type != nil {
		out = append(out, action{kind: actAlterType, table: table, column: column,
			oldType: o.ExistingType, newType: o.Type, using: o.DialectOptions["postgresql_using"] != ""})
	}
	if o.Nullable != nil && !*o.Nullable {
		out = append(out, action{kind: actSetNotNull, table: table, column: column,
			alreadyNotNull: o.ExistingNullable != nil && !*o.ExistingNullable})
	}
	if o.NewName != "" && !strings.EqualFold(o.NewName, o.Column) {
		out = append(out, action{kind: actRenameColumn, table: table, column: column, newName: strings.ToLower(o.NewName)})
	}
	return out
}

// safeTypeChange reports a PostgreSQL type change known not to rewrite the
// table: a varchar widened or made unbounded (or turned into text), a
// numeric given more precision at the same scale.
func safeTypeChange(old, new *schema.Type) bool {
	if old == nil || new == nil {
		return false
	}
	stringy := func(t *schema.Type) bool {
		switch strings.ToUpper(t.Kind) {
		case "STRING", "UNICODE", "VARCHAR", "NVARCHAR", "TEXT", "UNICODETEXT":
			return true
		}
		return false
	}
	text := func(t *schema.Type) bool {
		k := strings.ToUpper(t.Kind)
		return k == "TEXT" || k == "UNICODETEXT"
	}
	if stringy(old) && stringy(new) && old.Collation == new.Collation {
		switch {
		case text(old):
			return text(new) && new.Length == 0
		case new.Length == 0:
			return true
		default:
			return old.Length > 0 && new.Length >= old.Length
		}
	}
	numeric := func(t *schema.Type) bool {
		k := strings.ToUpper(t.Kind)
		return k == "NUMERIC" || k == "DECIMAL"
	}
	if numeric(old) && numeric(new) {
		if new.Precision == nil {
			return true
		}
		scale := func(t *schema.Type) int {
			if t.Scale == nil {
				return 0
			}
			return *t.Scale
		}
		return old.Precision != nil && *new.Precision >= *old.Precision && scale(new) == scale(old)
	}
	return false
}
