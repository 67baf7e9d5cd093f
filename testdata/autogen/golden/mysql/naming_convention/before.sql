CREATE TABLE author (
	id INTEGER NOT NULL AUTO_INCREMENT, 
	name VARCHAR(50), 
	pen_name VARCHAR(50), 
	CONSTRAINT pk_author PRIMARY KEY (id), 
	CONSTRAINT uq_author_pen_name UNIQUE (pen_name)
);

CREATE INDEX ix_author_name ON author (name);

