import enum


class Status(str, enum.Enum):
    ACTIVE = "active"
    INACTIVE = "inactive"
    OLD = "active"


class Kind(enum.Enum):
    A = enum.auto()
    B = enum.auto()


def upgrade():
    op.create_table(
        "account",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("status", sa.Enum(Status), nullable=False, server_default=Status.ACTIVE.value),
        sa.Column("kind", sa.Enum(Kind, name="account_kind")),
        sa.Column("plain", sa.Enum(*[s.value for s in Status], name="plain_status")),
    )
    op.add_column(
        "account",
        sa.Column("status2", sa.Enum(Status, name="status_values", values_callable=lambda cls: [m.value for m in cls])),
    )
