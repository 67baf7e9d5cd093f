CREATE TABLE sample (
	id INTEGER NOT NULL, 
	small SMALLINT, 
	stamp DATETIME, 
	title VARCHAR(20), 
	ratio FLOAT, 
	flag BOOLEAN, 
	blob BLOB, 
	at TIME, 
	day DATE, 
	code CHAR(3), 
	PRIMARY KEY (id)
);

