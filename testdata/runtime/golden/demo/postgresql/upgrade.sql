BEGIN;

CREATE TABLE alembic_version (
    version_num VARCHAR(32) NOT NULL, 
    CONSTRAINT alembic_version_pkc PRIMARY KEY (version_num)
);

-- Running upgrade  -> 1a2b3c4d5e6f

CREATE TABLE account (
    id SERIAL NOT NULL, 
    name VARCHAR(50) NOT NULL, 
    description VARCHAR(200), 
    PRIMARY KEY (id)
);

INSERT INTO alembic_version (version_num) VALUES ('1a2b3c4d5e6f') RETURNING alembic_version.version_num;

-- Running upgrade 1a2b3c4d5e6f -> 2b3c4d5e6f70

ALTER TABLE account ADD COLUMN email VARCHAR(120);

CREATE UNIQUE INDEX ix_account_email ON account (email);

UPDATE alembic_version SET version_num='2b3c4d5e6f70' WHERE alembic_version.version_num = '1a2b3c4d5e6f';

-- Running upgrade 2b3c4d5e6f70 -> 4d5e6f708192

CREATE TABLE audit_log (
    id SERIAL NOT NULL, 
    event VARCHAR(40) NOT NULL, 
    detail TEXT, 
    PRIMARY KEY (id)
);

UPDATE alembic_version SET version_num='4d5e6f708192' WHERE alembic_version.version_num = '2b3c4d5e6f70';

-- Running upgrade 2b3c4d5e6f70 -> 3c4d5e6f7081

CREATE TABLE orders (
    id SERIAL NOT NULL, 
    account_id INTEGER NOT NULL, 
    total NUMERIC(10, 2) DEFAULT '0' NOT NULL, 
    created_at TIMESTAMP WITH TIME ZONE DEFAULT now(), 
    PRIMARY KEY (id), 
    FOREIGN KEY(account_id) REFERENCES account (id) ON DELETE CASCADE
);

CREATE INDEX ix_orders_account_id ON orders (account_id);

INSERT INTO alembic_version (version_num) VALUES ('3c4d5e6f7081') RETURNING alembic_version.version_num;

-- Running upgrade 3c4d5e6f7081, 4d5e6f708192 -> 5e6f708192a3

DELETE FROM alembic_version WHERE alembic_version.version_num = '3c4d5e6f7081';

UPDATE alembic_version SET version_num='5e6f708192a3' WHERE alembic_version.version_num = '4d5e6f708192';

-- Running upgrade 5e6f708192a3 -> 6f708192a3b4

INSERT INTO account (id, name, email) VALUES (1, 'Ada', 'ada@example.com');

INSERT INTO account (id, name, email) VALUES (2, 'Grace', 'grace@example.com');

ALTER TABLE account RENAME description TO bio;

INSERT INTO audit_log (event, detail) VALUES ('seeded', 'two accounts');

UPDATE alembic_version SET version_num='6f708192a3b4' WHERE alembic_version.version_num = '5e6f708192a3';

COMMIT;

