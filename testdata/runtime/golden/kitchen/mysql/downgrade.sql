-- Running downgrade a4c0de000004 -> a3c0de000003

DROP TABLE event;

UPDATE alembic_version SET version_num='a3c0de000003' WHERE alembic_version.version_num = 'a4c0de000004';

-- Running downgrade a3c0de000003 -> a2c0de000002

ALTER TABLE label_tag RENAME TO tag;

ALTER TABLE tag MODIFY label VARCHAR(30) NOT NULL;

ALTER TABLE tag DROP CHECK ck_tag_label;

ALTER TABLE tag DROP FOREIGN KEY fk_tag_customer;

DROP TABLE tag;

UPDATE alembic_version SET version_num='a2c0de000002' WHERE alembic_version.version_num = 'a3c0de000003';

-- Running downgrade a2c0de000002 -> a1c0de000001

DROP INDEX ix_customer_handle ON customer;

ALTER TABLE customer DROP INDEX uq_customer_email;

ALTER TABLE customer CHANGE handle nickname VARCHAR(40) NULL;

ALTER TABLE customer MODIFY email VARCHAR(120) NULL;

DELETE FROM customer WHERE id IN (1, 2);

ALTER TABLE invoice DROP COLUMN note;

ALTER TABLE customer DROP COLUMN email;

UPDATE alembic_version SET version_num='a1c0de000001' WHERE alembic_version.version_num = 'a2c0de000002';

-- Running downgrade a1c0de000001 -> 

DROP INDEX ix_invoice_number ON invoice;

DROP TABLE invoice;

DROP TABLE customer;

DELETE FROM alembic_version WHERE alembic_version.version_num = 'a1c0de000001';

DROP TABLE alembic_version;

