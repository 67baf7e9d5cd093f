    op.execute(sa.schema.CreateSequence(sa.Sequence('order_seq')))
    op.execute(sa.schema.CreateSequence(sa.Sequence('s2', start=100, increment=5, schema='app')))
    op.execute(sa.schema.DropSequence(sa.Sequence('order_seq')))
    op.execute(sa.schema.DropSequence(sa.Sequence('s2', schema='app')))
