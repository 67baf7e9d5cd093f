package render

import (
	"strings"

	"github.com/retort-dev/retort/ops"
	"github.com/retort-dev/retort/schema"
)

// alterIndent is where Alembic aligns alter_column's keyword arguments.
const alterIndent = "           "

// alterColumn renders op.alter_column with its changes and existing_*
// hints, one keyword per line, in Alembic's order.
func (r *renderer) alterColumn(o *ops.AlterColumn) (string, error) {
	var b strings.Builder
	if r.batch {
		b.WriteString("batch_op.alter_column(" + pyStr(o.Column))
	} else {
		b.WriteString("op.alter_column(" + pyStr(o.Table) + ", " + pyStr(o.Column))
	}
	kw := func(k, v string) { b.WriteString(",\n" + alterIndent + k + "=" + v) }
	if o.ExistingType != nil {
		t, err := r.typ(o.ExistingType)
		if err != nil {
			return "", err
		}
		kw("existing_type", t)
	}
	if o.ServerDefault != nil {
		kw("server_default", r.optDefault(o.ServerDefault.Expr))
	}
	if o.NewName != "" {
		kw("new_column_name", pyStr(o.NewName))
	}
	if o.Type != nil {
		t, err := r.typ(o.Type)
		if err != nil {
			return "", err
		}
		kw("type_", t)
	}
	if o.Nullable != nil {
		kw("nullable", pyBool(*o.Nullable))
	}
	if o.Comment != nil {
		kw("comment", pyOptPtr(o.Comment.Comment))
	}
	if o.ExistingComment != nil {
		kw("existing_comment", pyStr(*o.ExistingComment))
	}
	if o.Nullable == nil && o.ExistingNullable != nil {
		kw("existing_nullable", pyBool(*o.ExistingNullable))
	}
	if o.Autoincrement != nil {
		kw("autoincrement", pyBool(*o.Autoincrement))
	}
	if o.ServerDefault == nil && o.ExistingServerDefault != nil {
		kw("existing_server_default", r.serverDefault(o.ExistingServerDefault))
	}
	if o.Schema != "" && !r.batch {
		kw("schema", pyStr(o.Schema))
	}
	b.WriteString(")")
	return b.String(), nil
}

func (r *renderer) optDefault(e *schema.Expr) string {
	if e == nil {
		return "None"
	}
	return r.serverDefault(e)
}

func pyOptPtr(s *string) string {
	if s == nil {
		return "None"
	}
	return pyStr(*s)
}
