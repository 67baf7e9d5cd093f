package pyscript

import (
	"context"
	"errors"
	"strings"
	"testing"
)

const modelsPy = `import sqlalchemy as sa
from sqlalchemy.dialects import postgresql

metadata = sa.MetaData(naming_convention={"uq": "uq_%(table_name)s_%(column_0_name)s"})

user = sa.Table(
    "user",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("email", sa.String(255), nullable=False, unique=True),
    sa.Column("data", postgresql.JSONB),
    sa.Column("created", sa.DateTime(timezone=True), server_default=sa.func.now(), index=True),
)

order = sa.Table(
    "order",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("user_id", sa.Integer, sa.ForeignKey("user.id", ondelete="CASCADE")),
    sa.Index("ix_order_user", "user_id"),
    schema="shop",
)
`

func TestLoadMetaData(t *testing.T) {
	m, err := LoadMetaData(context.Background(), "models.py", []byte(modelsPy), "")
	if err != nil {
		t.Fatal(err)
	}
	if len(m.Tables) != 2 || m.Tables[0].Name != "user" || m.Tables[1].Name != "order" {
		t.Fatalf("tables: %+v", m.Tables)
	}
	user, order := m.Tables[0], m.Tables[1]
	if len(user.Constraints) != 1 || user.Constraints[0].ConstraintName() != "uq_user_email" {
		t.Errorf("user constraints: %+v", user.Constraints)
	}
	if len(user.Indexes) != 1 || user.Indexes[0].Name != "ix_user_created" {
		t.Errorf("user indexes: %+v", user.Indexes)
	}
	if c := user.Column("data"); c == nil || c.Type.Kind != "JSONB" || c.Type.Dialect != "postgresql" {
		t.Errorf("data column: %+v", c)
	}
	if order.Schema != "shop" || len(order.Indexes) != 1 || order.Indexes[0].Name != "ix_order_user" {
		t.Errorf("order: %+v", order)
	}
	if fk := order.Column("user_id").ForeignKeys; len(fk) != 1 || fk[0].Target != "user.id" || fk[0].OnDelete != "CASCADE" {
		t.Errorf("order fk: %+v", fk)
	}
}

func TestLoadMetaDataErrors(t *testing.T) {
	cases := []struct {
		name, src, global, want string
	}{
		{"missing global", "x = 1\n", "", "models.py: no global named target_metadata holds the metadata"},
		{"wrong type", "target_metadata = 5\n", "", "models.py: target_metadata is a int, not sa.MetaData()"},
		{"named global", "import sqlalchemy as sa\nm = sa.MetaData()\n", "meta", "models.py: no global named meta holds the metadata"},
		{"op is not available", "from alembic import op\nop.drop_table('x')\n", "", "models.py:2:14: op.drop_table: called outside a migration run"},
		{"batch is not available", "from alembic import op\nwith op.batch_alter_table('x') as b:\n    pass\n", "", "models.py:2:"},
		{"duplicate table", "import sqlalchemy as sa\nm = sa.MetaData()\nsa.Table('t', m)\nsa.Table('t', m)\n", "", `models.py:4:9: sa.Table: table "t" is already defined for this MetaData`},
		{"bad column", "import sqlalchemy as sa\nm = sa.MetaData()\nsa.Table('t', m, sa.Column('a', sa.Integer, nulable=True))\n", "", "models.py:3:27: sa.Column: unexpected keyword argument 'nulable'"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, err := LoadMetaData(context.Background(), "models.py", []byte(tc.src), tc.global)
			var pe *Error
			if err == nil || !strings.HasPrefix(err.Error(), tc.want) || !errors.As(err, &pe) {
				t.Fatalf("got %v, want prefix %q", err, tc.want)
			}
		})
	}
}
