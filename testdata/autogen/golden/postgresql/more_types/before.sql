CREATE TABLE sample (
	id SERIAL NOT NULL, 
	small SMALLINT, 
	stamp TIMESTAMP WITHOUT TIME ZONE, 
	title VARCHAR(20), 
	ratio FLOAT, 
	flag BOOLEAN, 
	blob BYTEA, 
	at TIME WITHOUT TIME ZONE, 
	day DATE, 
	code CHAR(3), 
	PRIMARY KEY (id)
);

