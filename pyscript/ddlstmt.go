package pyscript

import (
	"fmt"

	"go.starlark.net/starlark"
)

// ddlValue is sa.DDL(statement, context=None): a statement run as it is,
// after SQLAlchemy's "statement % context" (so "%%" is one "%", and
// %(name)s takes a context value), with no bind parameters.
type ddlValue struct {
	base
	sql string
}

func (d *ddlValue) String() string { return fmt.Sprintf("<DDL@%s>", d.sql) }
func (d *ddlValue) Type() string   { return "DDL" }

func saDDL(_ *starlark.Thread, _ *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	var statement string
	var context starlark.Value = starlark.None
	if err := starlark.UnpackArgs("sa.DDL", args, kwargs, "statement", &statement, "context?", &context); err != nil {
		return nil, err
	}
	mapping, ok := context.(*starlark.Dict)
	if context == starlark.None {
		mapping, ok = starlark.NewDict(0), true
	}
	if !ok {
		return nil, fmt.Errorf("sa.DDL: context must be a dict, not %s", context.Type())
	}
	text, err := percentFormat(statement, mapping)
	if err != nil {
		return nil, fmt.Errorf("sa.DDL: %w", err)
	}
	return &ddlValue{sql: text}, nil
}
