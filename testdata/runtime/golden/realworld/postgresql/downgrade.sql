BEGIN;

-- Running downgrade r4 -> r3

DROP INDEX ix_book_title;

UPDATE alembic_version SET version_num='r3' WHERE alembic_version.version_num = 'r4';

-- Running downgrade r3 -> r2

DROP TABLE status;

UPDATE alembic_version SET version_num='r2' WHERE alembic_version.version_num = 'r3';

-- Running downgrade r2 -> r1

DELETE FROM book;

DELETE FROM author;

UPDATE alembic_version SET version_num='r1' WHERE alembic_version.version_num = 'r2';

-- Running downgrade r1 -> 

DROP TABLE book;

DROP TABLE editor;

DROP TABLE author;

DELETE FROM alembic_version WHERE alembic_version.version_num = 'r1';

DROP TABLE alembic_version;

COMMIT;

