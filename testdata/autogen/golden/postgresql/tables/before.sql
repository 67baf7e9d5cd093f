CREATE TABLE account (
	id SERIAL NOT NULL, 
	name VARCHAR(50) NOT NULL, 
	PRIMARY KEY (id)
);

CREATE TABLE legacy (
	id SERIAL NOT NULL, 
	note VARCHAR(200), 
	PRIMARY KEY (id)
);

CREATE INDEX ix_legacy_note ON legacy (note);

