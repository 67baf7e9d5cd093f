CREATE TABLE account (
	id INTEGER NOT NULL, 
	name VARCHAR(50), 
	legacy INTEGER, 
	email VARCHAR(100), 
	PRIMARY KEY (id)
);

CREATE INDEX ix_account_legacy ON account (legacy);

CREATE TABLE tag (
	id INTEGER NOT NULL, 
	label VARCHAR(30), 
	PRIMARY KEY (id)
);

