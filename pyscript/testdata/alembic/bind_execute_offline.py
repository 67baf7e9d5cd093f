    conn = op.get_bind()
    conn.execute(sa.text("UPDATE t SET a = 1 WHERE b = 'x'"))
    conn.execute("DELETE FROM t WHERE a > 3")
    t = sa.table('t', sa.column('a', sa.Integer), sa.column('b', sa.String))
    conn.execute(t.update().where(t.c.a == 1).values(b='x'))
    r = conn.execute(sa.text("SELECT 1"))
    if r:
        op.execute("SELECT 2")
    op.execute("SELECT 3")
