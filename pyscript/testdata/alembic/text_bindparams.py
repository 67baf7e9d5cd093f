    op.execute(sa.text("UPDATE t SET a = :v WHERE b = :w").bindparams(v="it's", w=3))
    op.execute(sa.text("UPDATE t SET a = CAST(:v AS TEXT) WHERE c = 'x\:y'").bindparams(v='z'))
    op.get_context().bind.execute(sa.text("DELETE FROM t WHERE a = :a").bindparams(a='q'))
