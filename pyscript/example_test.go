package pyscript_test

import (
	"context"
	"fmt"

	"github.com/retort-dev/retort/ops"
	"github.com/retort-dev/retort/pyscript"
)

// printSink prints each op it receives; a real runtime compiles and runs them.
type printSink struct{}

func (printSink) Invoke(_ context.Context, op ops.Op) error {
	switch op := op.(type) {
	case *ops.CreateTable:
		fmt.Printf("create table %s with %d columns\n", op.Table.Name, len(op.Table.Columns))
	case *ops.DropTable:
		fmt.Printf("drop table %s\n", op.Name)
	default:
		fmt.Printf("%T\n", op)
	}
	return nil
}

func (printSink) Query(context.Context, string, ...any) (*ops.Rows, error) { return &ops.Rows{}, nil }
func (printSink) Offline() bool                                            { return false }
func (printSink) DialectName() string                                      { return "sqlite" }

func ExampleCompile() {
	src := `"""create account table"""
from alembic import op
import sqlalchemy as sa

revision: str = "1a2b3c4d5e6f"
down_revision = None

def upgrade() -> None:
    op.create_table(
        "account",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("name", sa.String(50), nullable=False),
    )

def downgrade() -> None:
    op.drop_table("account")
`
	script, err := pyscript.Compile("versions/1a2b3c4d5e6f_create_account_table.py", []byte(src))
	if err != nil {
		fmt.Println(err)
		return
	}
	if err := script.Upgrade(context.Background(), printSink{}, pyscript.Env{}); err != nil {
		fmt.Println(err)
	}
	if err := script.Downgrade(context.Background(), printSink{}, pyscript.Env{}); err != nil {
		fmt.Println(err)
	}
	// Output:
	// create table account with 2 columns
	// drop table account
}
