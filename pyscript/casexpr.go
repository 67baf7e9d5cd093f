package pyscript

import (
	"fmt"

	"go.starlark.net/starlark"

	"github.com/retort-dev/retort/schema"
)

// saCase is sa.case in SQLAlchemy 2.0's form, case((cond, result), ...,
// else_=x), 1.4's case([(cond, result), ...], else_=x), and the value
// form case({value: result, ...}, value=col, else_=x). Results and the
// dict's values are bound parameters, as in SQLAlchemy.
func saCase(_ *starlark.Thread, _ *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	fn := "sa.case"
	var subject, otherwise starlark.Value
	for _, kv := range kwargs {
		switch kv[0].(starlark.String) {
		case "value":
			subject = kv[1]
		case "else_":
			otherwise = kv[1]
		case "whens":
			args = append(args, kv[1])
		default:
			return nil, fmt.Errorf("%s: unexpected keyword argument %s", fn, kv[0])
		}
	}
	if len(args) == 1 {
		if l, ok := args[0].(*starlark.List); ok {
			args = nil
			for item := range starlark.Elements(l) {
				args = append(args, item)
			}
		}
	}
	var whens [][2]schema.Expr
	add := func(cond, result starlark.Value) error {
		var c schema.Expr
		var err error
		if subject != nil {
			c, err = toExpr(cond)
		} else {
			c, err = toCondition(cond)
		}
		if err != nil {
			return fmt.Errorf("%s: when: %w", fn, err)
		}
		r, err := toExpr(result)
		if err != nil {
			return fmt.Errorf("%s: then: %w", fn, err)
		}
		whens = append(whens, [2]schema.Expr{c, r})
		return nil
	}
	for _, a := range args {
		switch x := a.(type) {
		case *starlark.Dict:
			if subject == nil {
				return nil, fmt.Errorf("%s: a dict of whens needs value=", fn)
			}
			for _, kv := range x.Items() {
				if err := add(kv[0], kv[1]); err != nil {
					return nil, err
				}
			}
		case starlark.Tuple:
			if len(x) != 2 {
				return nil, fmt.Errorf("%s: a when is a (condition, result) pair, not %s", fn, pyRepr(x))
			}
			if err := add(x[0], x[1]); err != nil {
				return nil, err
			}
		default:
			return nil, fmt.Errorf("%s: a when is a (condition, result) pair, not %s", fn, a.Type())
		}
	}
	if len(whens) == 0 {
		return nil, fmt.Errorf("%s: no whens given", fn)
	}
	var subj, other *schema.Expr
	for _, p := range []struct {
		v   starlark.Value
		out **schema.Expr
	}{{subject, &subj}, {otherwise, &other}} {
		if p.v == nil {
			continue
		}
		e, err := toExpr(p.v)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", fn, err)
		}
		*p.out = &e
	}
	return &exprValue{e: schema.NewCase(subj, other, whens)}, nil
}
