package pyscript

import (
	"fmt"
	"strconv"

	"go.starlark.net/starlark"
)

// rowClass is sa.Row (sqlalchemy.engine.Row), named in scripts' type
// hints; rows themselves come from connection.execute.
var rowClass = refused("sa.Row", "rows come from connection.execute(...)")

// sa.schema.CreateSequence and DropSequence, DDL elements a script hands
// to op.execute; they render as SQLAlchemy 1.4 compiles them, whatever
// the dialect (offline, SQLAlchemy writes them even for SQLite).
type sequenceDDL struct {
	base
	create   bool
	seq      *sequenceValue
	ifExists bool // IF NOT EXISTS for create, IF EXISTS for drop
}

func (d *sequenceDDL) String() string {
	if d.create {
		return "CreateSequence(" + d.seq.String() + ")"
	}
	return "DropSequence(" + d.seq.String() + ")"
}
func (d *sequenceDDL) Type() string { return "DDLElement" }

func sequenceDDLBuiltin(create bool) func(*starlark.Thread, *starlark.Builtin, starlark.Tuple, []starlark.Tuple) (starlark.Value, error) {
	return func(_ *starlark.Thread, b *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
		d := &sequenceDDL{create: create}
		flag := "if_exists?"
		if create {
			flag = "if_not_exists?"
		}
		if err := starlark.UnpackArgs(b.Name(), args, kwargs, "element", &d.seq, flag, &d.ifExists); err != nil {
			return nil, err
		}
		return d, nil
	}
}

// sql renders the statement with the dialect's identifier quoting.
func (d *sequenceDDL) sql(dialectName string) string {
	quote := identQuoter(dialectName)
	s := d.seq.s
	name := quote(s.Name)
	if s.Schema != "" {
		name = quote(s.Schema) + "." + name
	}
	if !d.create {
		if d.ifExists {
			return "DROP SEQUENCE IF EXISTS " + name
		}
		return "DROP SEQUENCE " + name
	}
	q := "CREATE SEQUENCE "
	if d.ifExists {
		q += "IF NOT EXISTS "
	}
	q += name
	if s.Increment != nil {
		q += " INCREMENT BY " + strconv.FormatInt(*s.Increment, 10)
	}
	start := int64(1)
	if s.Start != nil {
		start = *s.Start
	}
	return q + fmt.Sprintf(" START WITH %d", start)
}
