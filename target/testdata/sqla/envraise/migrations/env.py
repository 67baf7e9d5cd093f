from alembic import context


def fail():
    raise RuntimeError("env.py refuses to run without TENANT")


fail()
