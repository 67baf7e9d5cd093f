from alembic import op


def upgrade():
    log = []
    try:
        log.append("body")
    except ValueError:
        log.append("handler")
    else:
        log.append("else")
    finally:
        log.append("finally")
    print(log)

    try:
        int("x")
    except ValueError as e:
        print("caught:", e)
    else:
        print("not printed")
    finally:
        print("cleanup 1")

    try:
        print("no except, no error")
    finally:
        print("cleanup 2")

    try:
        try:
            {}["missing"]
        finally:
            print("inner cleanup")
    except KeyError as e:
        print("outer caught", repr(e))

    try:
        try:
            [][3]
        except KeyError:
            print("not printed")
        finally:
            print("inner cleanup 2")
    except IndexError as e:
        print("outer caught", e)

    for table in ["a", "b"]:
        try:
            if table == "b":
                raise RuntimeError("no " + table)
        except RuntimeError as e:
            print(e)
        else:
            print("ok", table)
        finally:
            print("done", table)


def downgrade():
    pass
