import sqlalchemy as sa

metadata = sa.MetaData()

sa.Table(
    "parent", metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("name", sa.String(50), nullable=False, server_default="x", comment="display name"),
    sa.Column("qty", sa.Integer, server_default="0"),
    sa.Column("ratio", sa.Numeric(10, 2), server_default="1.5"),
    sa.Column("created", sa.DateTime, server_default=sa.text("CURRENT_TIMESTAMP")),
    sa.Column("flag", sa.Boolean, server_default=sa.false()),
    sa.Column("body", sa.Text),
    sa.Column("big", sa.BigInteger),
    sa.Column("day", sa.Date),
    sa.Column("price", sa.Float),
)
sa.Table(
    "child", metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("parent_id", sa.Integer, sa.ForeignKey("parent.id", ondelete="CASCADE"), nullable=False),
    sa.Column("label", sa.String(30), unique=True),
    sa.Column("code", sa.String(10)),
    sa.Index("ix_child_code_parent", "code", "parent_id"),
    sa.UniqueConstraint("parent_id", "code", name="uq_child_parent_code"),
)
