import dataclasses
from dataclasses import dataclass, field
from typing import List, Optional

from alembic import op


@dataclass
class ColumnChange:
    table: str
    column: str
    nullable: bool = True
    tags: List[str] = field(default_factory=list)
    note: Optional[str] = None

    def ddl(self):
        return "ALTER TABLE %s ALTER COLUMN %s %s" % (self.table, self.column, "DROP NOT NULL" if self.nullable else "SET NOT NULL")


@dataclass(frozen=True)
class Key:
    schema: str
    name: str


@dataclass
class Renamed(ColumnChange):
    new_name: str = ""

    def __post_init__(self):
        self.tags.append("renamed")


class Plain:
    kind: str = "plain"
    count: int


def upgrade():
    c = ColumnChange("users", "email", nullable=False)
    print(c)
    print(c.ddl(), c.tags, c == ColumnChange("users", "email", False), c != ColumnChange("users", "name"))
    c.tags.append("x")
    print(ColumnChange("a", "b").tags, dataclasses.asdict(c))
    k = Key("public", "users")
    print(k, {k: 1}[Key("public", "users")], dataclasses.astuple(k))
    try:
        k.name = "x"
    except Exception as e:
        print(e)
    r = Renamed("t", "c", new_name="d")
    print(r, r.tags)
    try:
        ColumnChange("only_table")
    except TypeError as e:
        print(e)
    print(Plain.kind, Plain().kind)


def downgrade():
    pass
