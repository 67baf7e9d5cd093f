from alembic import op


def logged(fn):
    def wrapper(*args, **kwargs):
        print("before", args, kwargs)
        result = fn(*args, **kwargs)
        print("after", result)
        return result

    return wrapper


def tagged(tag):
    def decorate(fn):
        def inner(x):
            return tag + ":" + fn(x)

        return inner

    return decorate


@logged
def add(a, b=0):
    return a + b


@tagged("t")
@tagged("u")
def shout(s):
    return s.upper()


def register(cls):
    cls.registered = True
    return cls


@register
class Plain:
    pass


def upgrade():
    add(1, b=2)
    print(shout("hi"))
    print(Plain.registered)
    later()


def downgrade():
    pass


import functools


def traced(fn):
    @functools.wraps(fn)
    def inner(*args):
        return ["traced"] + fn(*args)

    return inner


@traced
@functools.lru_cache(maxsize=None)
def cols(table):
    return [table + ".id"]


def later():
    print(cols("users"), functools.reduce(lambda a, b: a + b, [1, 2, 3]), functools.partial(max, 5)(3))
