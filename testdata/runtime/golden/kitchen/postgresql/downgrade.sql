BEGIN;

-- Running downgrade a4c0de000004 -> a3c0de000003

DROP TABLE event;

UPDATE alembic_version SET version_num='a3c0de000003' WHERE alembic_version.version_num = 'a4c0de000004';

-- Running downgrade a3c0de000003 -> a2c0de000002

ALTER TABLE label_tag RENAME TO tag;

ALTER TABLE tag ALTER COLUMN label TYPE VARCHAR(30);

ALTER TABLE tag DROP CONSTRAINT ck_tag_label;

ALTER TABLE tag DROP CONSTRAINT fk_tag_customer;

DROP TABLE tag;

UPDATE alembic_version SET version_num='a2c0de000002' WHERE alembic_version.version_num = 'a3c0de000003';

-- Running downgrade a2c0de000002 -> a1c0de000001

DROP INDEX ix_customer_handle;

ALTER TABLE customer DROP CONSTRAINT uq_customer_email;

ALTER TABLE customer RENAME handle TO nickname;

ALTER TABLE customer ALTER COLUMN email DROP NOT NULL;

DELETE FROM customer WHERE id IN (1, 2);

ALTER TABLE invoice DROP COLUMN note;

ALTER TABLE customer DROP COLUMN email;

UPDATE alembic_version SET version_num='a1c0de000001' WHERE alembic_version.version_num = 'a2c0de000002';

-- Running downgrade a1c0de000001 -> 

DROP INDEX ix_invoice_number;

DROP TABLE invoice;

DROP TABLE customer;

DROP TYPE customer_kind;

DELETE FROM alembic_version WHERE alembic_version.version_num = 'a1c0de000001';

DROP TABLE alembic_version;

COMMIT;

