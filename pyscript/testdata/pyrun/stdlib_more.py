import bisect
import collections
import hashlib
import textwrap
from collections import OrderedDict, defaultdict, namedtuple, Counter

from alembic import op
from alembic.script.revision import RevisionError
from alembic.util import CommandError
import sqlalchemy as sa

Change = namedtuple("Change", ["table", "column", "kind"])


def upgrade():
    sql = textwrap.dedent("""
        UPDATE t
          SET x = 1
        WHERE y = 2
    """)
    print(repr(sql))
    print(repr(textwrap.indent("a\n\nb\n", "-- ")))
    print(hashlib.md5("users_email".encode("utf-8")).hexdigest()[:8])
    h = hashlib.sha256()
    h.update(b"abc")
    print(h.hexdigest(), hashlib.sha1(b"x").hexdigest())
    by_table = defaultdict(list)
    for t, c in [("a", "x"), ("b", "y"), ("a", "z")]:
        by_table[t].append(c)
    print(sorted(by_table.items()), "c" in by_table, len(by_table))
    counts = Counter(["a", "b", "a", "c", "a", "b"])
    print(counts["a"], counts["zz"], counts.most_common(2))
    od = OrderedDict()
    od["z"] = 1
    od["a"] = 2
    print(list(od.keys()))
    ch = Change("users", "email", kind="add")
    print(ch, ch.table, ch[2], ch._asdict(), len(ch), collections.namedtuple("P", "x y")(1, 2))
    nums = [1, 3, 5, 7]
    print(bisect.bisect_left(nums, 5), bisect.bisect_right(nums, 5), bisect.bisect(nums, 4))
    bisect.insort(nums, 4)
    print(nums)
    try:
        raise RevisionError("no such revision")
    except RevisionError as e:
        print("revision error:", e)
    try:
        raise CommandError("stop")
    except CommandError as e:
        print("command error:", e)


def downgrade():
    pass
