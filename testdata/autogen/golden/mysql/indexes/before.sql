CREATE TABLE person (
	id INTEGER NOT NULL AUTO_INCREMENT, 
	first VARCHAR(50), 
	last VARCHAR(50), 
	email VARCHAR(120), 
	city VARCHAR(50), 
	PRIMARY KEY (id)
);

CREATE INDEX ix_person_city ON person (city);

CREATE INDEX ix_person_email ON person (email);

CREATE INDEX ix_person_first ON person (first);

