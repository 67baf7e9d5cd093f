package autogen

import (
	"fmt"
	"strings"

	"github.com/retort-dev/retort/ops"
	"github.com/retort-dev/retort/schema"
)

// compareColumn compares one column both sides have and emits a single
// alter_column carrying every change plus the existing_* hints the
// downgrade needs, as Alembic's column comparators do.
func (c *comparer) compareColumn(tt, lt *schema.Table, col, live *schema.Column) error {
	op := &ops.AlterColumn{Schema: tt.Schema, Table: tt.Name, Column: col.Name}
	// Changes are listed as Alembic's AlterColumnOp lists them: type,
	// nullability, default, comment.
	var changes []string

	op.ExistingType = live.Type.Clone()
	if c.o.CompareType && c.typeDiffers(col.Type, live.Type) {
		ty := col.Type.Clone()
		c.prepareEnumType(tt.Schema, ty)
		op.Type = ty
		changes = append(changes, fmt.Sprintf("('modify_type', %s, %s, %s, %s, %s)", pyOpt(tt.Schema), pyStr(tt.Name), pyStr(col.Name), pyStr(c.typeText(live.Type)), pyStr(c.typeText(col.Type))))
	}

	existingNullable := live.Nullable
	op.ExistingNullable = &existingNullable
	if col.Nullable != live.Nullable {
		n := col.Nullable
		op.Nullable = &n
		changes = append(changes, fmt.Sprintf("('modify_nullable', %s, %s, %s, %s, %s)", pyOpt(tt.Schema), pyStr(tt.Name), pyStr(col.Name), pyBool(live.Nullable), pyBool(col.Nullable)))
	}

	if live.ServerDefault != nil || col.ServerDefault != nil {
		op.ExistingServerDefault = live.ServerDefault.Clone()
		differs, err := c.defaultDiffers(tt, col, live)
		if err != nil {
			return fmt.Errorf("autogenerate: comparing the server default of %s.%s: %w", key(tt), col.Name, err)
		}
		if differs {
			op.ServerDefault = &ops.DefaultChange{Expr: col.ServerDefault.Clone()}
			changes = append(changes, fmt.Sprintf("('modify_default', %s, %s, %s)", pyOpt(tt.Schema), pyStr(tt.Name), pyStr(col.Name)))
		}
	}

	if c.supportsComments() && (col.Comment != nil || live.Comment != nil) {
		op.ExistingComment = clonePtr(live.Comment)
		if !sameText(col.Comment, live.Comment) {
			op.Comment = &ops.CommentChange{Comment: clonePtr(col.Comment)}
			changes = append(changes, fmt.Sprintf("('modify_comment', %s, %s, %s)", pyOpt(tt.Schema), pyStr(tt.Name), pyStr(col.Name)))
		}
	}

	if len(changes) == 0 {
		return nil
	}
	c.steps = append(c.steps, step{schema: tt.Schema, table: tt.Name, op: op})
	c.diffs = append(c.diffs, strings.Join(changes, ", "))
	return nil
}

func (c *comparer) supportsComments() bool { return c.o.Dialect != "sqlite" }

// sameText reports whether two optional strings (comments, default SQL)
// are both absent or equal.
func sameText(a, b *string) bool {
	if a == nil || b == nil {
		return a == nil && b == nil
	}
	return *a == *b
}

func clonePtr[T any](p *T) *T {
	if p == nil {
		return nil
	}
	v := *p
	return &v
}

func pyBool(b bool) string {
	if b {
		return "True"
	}
	return "False"
}
