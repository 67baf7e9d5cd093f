import enum


class Helper(object):
    prefix = "ix_"
    count = 0

    def __init__(self, table, cols=None):
        self.table = table
        self.cols = cols or []
        Helper.count += 1

    def name(self):
        return self.prefix + self.table + "_" + "_".join(self.cols)

    @staticmethod
    def quote(s):
        return '"' + s + '"'

    @classmethod
    def make(cls, table):
        return cls(table, ["id"])


class Unique(Helper):
    prefix = "uq_"

    def __init__(self, table, cols):
        super().__init__(table, cols)
        self.unique = True

    def name(self):
        return "u:" + super().name()


class Status(str, enum.Enum):
    ACTIVE = "active"
    INACTIVE = "inactive"
    LEGACY = "active"

    @classmethod
    def values(cls):
        return [e.value for e in cls]

    def label(self):
        return self.name.title()


class Color(enum.Enum):
    RED = enum.auto()
    GREEN = enum.auto()
    BLUE = 10
    PINK = enum.auto()


class Level(enum.IntEnum):
    LOW = 1
    HIGH = 2


class MigrationFailed(RuntimeError):
    pass


def upgrade():
    h = Helper("users", ["email"])
    print(h.name(), Helper.quote("x"), Helper.make("t").name(), Helper.count)
    u = Unique("orders", ["ref"])
    print(u.name(), u.unique, u.table, isinstance(u, Helper), isinstance(h, Unique), Helper.count)
    print([e.value for e in Status], Status.values(), Status.ACTIVE.label(), Status.LEGACY is Status.ACTIVE)
    print(Status("inactive").name, Status["ACTIVE"].value, Status.ACTIVE == "active", str(Status.ACTIVE), repr(Status.INACTIVE))
    print([(c.name, c.value) for c in Color], len(Color), Color(10).name, list(Status.__members__))
    print(Level.HIGH == 2, str(Level.LOW), Level.HIGH.value + 1, isinstance(Color.RED, Color))
    try:
        raise MigrationFailed("boom")
    except RuntimeError as e:
        print("caught", e)
    try:
        Status("nope")
    except ValueError as e:
        print("value error:", e)
    try:
        Helper("a").missing
    except AttributeError as e:
        print("attr error:", e)


def downgrade():
    pass
