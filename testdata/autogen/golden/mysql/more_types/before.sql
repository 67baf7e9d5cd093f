CREATE TABLE sample (
	id INTEGER NOT NULL AUTO_INCREMENT, 
	small SMALLINT, 
	stamp DATETIME, 
	title VARCHAR(20), 
	ratio FLOAT, 
	flag BOOL, 
	`blob` BLOB, 
	at TIME, 
	day DATE, 
	code CHAR(3), 
	PRIMARY KEY (id)
);

