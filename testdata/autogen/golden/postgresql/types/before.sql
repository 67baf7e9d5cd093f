CREATE TABLE item (
	id SERIAL NOT NULL, 
	name VARCHAR(50) NOT NULL, 
	qty INTEGER, 
	price NUMERIC(10, 2), 
	notes VARCHAR(100), 
	same VARCHAR(30), 
	PRIMARY KEY (id)
);

