from alembic import op

try:
    import json
except ImportError:
    json = None


def read(value):
    try:
        parsed = int(value)
        kind = "int"
    except ValueError:
        parsed = None
        kind = "bad"
    else:
        kind = kind + "!"
    return parsed, kind


def upgrade():
    print(read("12"), read("x"))
    count = 0
    for item in ["1", "a", "3"]:
        try:
            count += int(item)
            last = item
        except ValueError:
            continue_marker = True
    print(count, last, continue_marker)
    try:
        missing = {}["k"]
    except KeyError:
        pass
    try:
        print(missing)
    except NameError as e:
        print("unbound:", e)

    def total():
        return count * 2

    print(total())


def downgrade():
    pass
