import enum

from alembic import op
import sqlalchemy as sa


class Role(str, enum.Enum):
    ADMIN = "admin"
    USER = "user"

    def __str__(self):
        return self.value


class Base:
    table = None
    columns = ("id",)
    label = "base"
    full = label + "!"

    def describe(self):
        return "%s(%s)" % (self.table, ", ".join(self.columns))


class Users(Base):
    table = "users"
    columns = Base.columns + ("email",)

    class Meta:
        ordering = ["email"]


def upgrade():
    print(str(Role.ADMIN), f"{Role.USER}", "role=%s" % Role.ADMIN, repr(Role.ADMIN), [str(r) for r in Role])
    print(Users().describe(), Users.Meta.ordering, Base.full, Users.label)

    class Local:
        def __init__(self, n):
            self.n = n

        def double(self):
            return Local(self.n * 2)

    print(Local(3).double().n)
    roles = {Role.ADMIN: 1}
    print(roles[Role.ADMIN], Role.ADMIN in roles, Role.ADMIN.name.lower())


def downgrade():
    pass
