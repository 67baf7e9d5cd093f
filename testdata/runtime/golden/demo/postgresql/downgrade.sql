BEGIN;

-- Running downgrade 6f708192a3b4 -> 5e6f708192a3

ALTER TABLE account RENAME bio TO description;

DELETE FROM audit_log WHERE event = 'seeded';

DELETE FROM account WHERE id IN (1, 2);

UPDATE alembic_version SET version_num='5e6f708192a3' WHERE alembic_version.version_num = '6f708192a3b4';

-- Running downgrade 5e6f708192a3 -> 3c4d5e6f7081, 4d5e6f708192

INSERT INTO alembic_version (version_num) VALUES ('3c4d5e6f7081') RETURNING alembic_version.version_num;

UPDATE alembic_version SET version_num='4d5e6f708192' WHERE alembic_version.version_num = '5e6f708192a3';

-- Running downgrade 3c4d5e6f7081 -> 2b3c4d5e6f70

DROP TABLE orders;

DELETE FROM alembic_version WHERE alembic_version.version_num = '3c4d5e6f7081';

-- Running downgrade 4d5e6f708192 -> 2b3c4d5e6f70

DROP TABLE audit_log;

UPDATE alembic_version SET version_num='2b3c4d5e6f70' WHERE alembic_version.version_num = '4d5e6f708192';

-- Running downgrade 2b3c4d5e6f70 -> 1a2b3c4d5e6f

DROP INDEX ix_account_email;

ALTER TABLE account DROP COLUMN email;

UPDATE alembic_version SET version_num='1a2b3c4d5e6f' WHERE alembic_version.version_num = '2b3c4d5e6f70';

-- Running downgrade 1a2b3c4d5e6f -> 

DROP TABLE account;

DELETE FROM alembic_version WHERE alembic_version.version_num = '1a2b3c4d5e6f';

DROP TABLE alembic_version;

COMMIT;

