CREATE TABLE alembic_version (
    version_num VARCHAR(32) NOT NULL, 
    CONSTRAINT alembic_version_pkc PRIMARY KEY (version_num)
);

-- Running upgrade  -> a1c0de000001

CREATE TABLE customer (
    id INTEGER NOT NULL AUTO_INCREMENT, 
    name VARCHAR(80) NOT NULL, 
    nickname VARCHAR(40), 
    bio TEXT, 
    active BOOL NOT NULL DEFAULT true, 
    born DATE, 
    created_at DATETIME NOT NULL DEFAULT now(), 
    wake_at TIME, 
    balance NUMERIC(12, 2) DEFAULT '0', 
    score FLOAT, 
    visits BIGINT DEFAULT 0, 
    `rank` SMALLINT, 
    kind ENUM('person','company'), 
    avatar BLOB, 
    PRIMARY KEY (id), 
    CONSTRAINT uq_customer_name UNIQUE (name)
);

CREATE TABLE invoice (
    id INTEGER NOT NULL AUTO_INCREMENT, 
    customer_id INTEGER NOT NULL, 
    number VARCHAR(20) NOT NULL, 
    amount NUMERIC(10, 2) NOT NULL, 
    PRIMARY KEY (id), 
    CONSTRAINT fk_invoice_customer FOREIGN KEY(customer_id) REFERENCES customer (id) ON DELETE CASCADE, 
    CONSTRAINT ck_invoice_amount CHECK (amount >= 0)
);

CREATE UNIQUE INDEX ix_invoice_number ON invoice (number);

CREATE INDEX ix_invoice_customer_amount ON invoice (customer_id, amount);

INSERT INTO alembic_version (version_num) VALUES ('a1c0de000001');

-- Running upgrade a1c0de000001 -> a2c0de000002

ALTER TABLE customer ADD COLUMN email VARCHAR(120);

ALTER TABLE invoice ADD COLUMN note VARCHAR(200) DEFAULT 'none';

INSERT INTO customer (id, name, email) VALUES (1, 'O''Brien', 'ob@example.com');

INSERT INTO customer (id, name, email) VALUES (2, 'Zoë', NULL);

UPDATE customer SET email='zoe@example.com' WHERE customer.id = 2;

ALTER TABLE customer MODIFY email VARCHAR(120) NOT NULL;

ALTER TABLE customer CHANGE nickname handle VARCHAR(40) NULL;

ALTER TABLE customer ADD CONSTRAINT uq_customer_email UNIQUE (email);

CREATE INDEX ix_customer_handle ON customer (handle);

UPDATE alembic_version SET version_num='a2c0de000002' WHERE alembic_version.version_num = 'a1c0de000001';

-- Running upgrade a2c0de000002 -> a3c0de000003

CREATE TABLE tag (
    id INTEGER NOT NULL AUTO_INCREMENT, 
    label VARCHAR(30) NOT NULL, 
    customer_id INTEGER, 
    PRIMARY KEY (id)
);

ALTER TABLE tag ADD CONSTRAINT fk_tag_customer FOREIGN KEY(customer_id) REFERENCES customer (id) ON DELETE SET NULL;

ALTER TABLE tag ADD CONSTRAINT ck_tag_label CHECK (length(label) > 0);

ALTER TABLE tag MODIFY label VARCHAR(60) NOT NULL;

ALTER TABLE tag RENAME TO label_tag;

UPDATE alembic_version SET version_num='a3c0de000003' WHERE alembic_version.version_num = 'a2c0de000002';

-- Running upgrade a3c0de000003 -> a4c0de000004

CREATE TABLE event (
    id INTEGER NOT NULL AUTO_INCREMENT, 
    payload JSON, 
    flags SET('a','b','c'), 
    level TINYINT UNSIGNED NOT NULL DEFAULT '1', 
    body LONGTEXT, 
    at DATETIME(6), 
    PRIMARY KEY (id)
)COMMENT='events seen' ENGINE=InnoDB;

ALTER TABLE event MODIFY level SMALLINT UNSIGNED NOT NULL DEFAULT '1';

UPDATE alembic_version SET version_num='a4c0de000004' WHERE alembic_version.version_num = 'a3c0de000003';

