CREATE TABLE alembic_version (
    version_num VARCHAR(32) NOT NULL, 
    CONSTRAINT alembic_version_pkc PRIMARY KEY (version_num)
);

-- Running upgrade  -> r1

CREATE TABLE author (
    id INTEGER NOT NULL AUTO_INCREMENT, 
    name VARCHAR(80) NOT NULL, 
    age INTEGER CHECK (age >= 0), 
    PRIMARY KEY (id)
);

CREATE INDEX ix_author_name ON author (name);

CREATE TABLE editor (
    id INTEGER NOT NULL, 
    desk VARCHAR(20), 
    PRIMARY KEY (id), 
    FOREIGN KEY(id) REFERENCES author (id)
);

CREATE TABLE book (
    id INTEGER NOT NULL AUTO_INCREMENT, 
    title VARCHAR(200) NOT NULL, 
    author_id INTEGER, 
    price INTEGER, 
    discount INTEGER, 
    PRIMARY KEY (id), 
    CONSTRAINT ck_book_price CHECK (price IS NULL AND discount IS NULL OR price > 0), 
    FOREIGN KEY(author_id) REFERENCES author (id)
);

ALTER TABLE book ADD COLUMN pages INTEGER CHECK (pages > 0);

-- shapes made
INSERT INTO alembic_version (version_num) VALUES ('r1');

-- Running upgrade r1 -> r2

INSERT INTO author (id, name) VALUES (1, 'Ada');

INSERT INTO author (id, name) VALUES (2, 'Brian');

INSERT INTO book (id, title, author_id, price, discount) VALUES (1, 'Notes', 1, 10, 2);

INSERT INTO book (id, title, author_id, price, discount) VALUES (2, 'C', 2, 20, NULL);

UPDATE book SET discount=book.price WHERE book.discount IS NULL;

UPDATE book SET title=upper(book.title);

UPDATE alembic_version SET version_num='r2' WHERE alembic_version.version_num = 'r1';

-- Running upgrade r2 -> r3

CREATE TABLE status (
    id INTEGER NOT NULL, 
    code VARCHAR(40) NOT NULL, 
    PRIMARY KEY (id), 
    UNIQUE (code)
);

INSERT INTO status (id, code) VALUES (1, 'draft');

INSERT INTO status (id, code) VALUES (2, 'published');

INSERT INTO status (id, code) VALUES (3, 'archived');

UPDATE alembic_version SET version_num='r3' WHERE alembic_version.version_num = 'r2';

-- Running upgrade r3 -> r4

UPDATE book SET pages = 100 WHERE pages IS NULL;

CREATE INDEX ix_book_title ON book (title);

UPDATE alembic_version SET version_num='r4' WHERE alembic_version.version_num = 'r3';

