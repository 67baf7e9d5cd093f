CREATE TABLE account (
	id INTEGER NOT NULL, 
	name VARCHAR(50), 
	nickname VARCHAR(20) NOT NULL, 
	age INTEGER, 
	PRIMARY KEY (id)
);

