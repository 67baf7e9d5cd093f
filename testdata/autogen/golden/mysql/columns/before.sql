CREATE TABLE account (
	id INTEGER NOT NULL AUTO_INCREMENT, 
	name VARCHAR(50) NOT NULL, 
	legacy_code VARCHAR(10), 
	old_score INTEGER, 
	PRIMARY KEY (id)
);

