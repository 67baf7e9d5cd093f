CREATE SCHEMA app;

CREATE TABLE app.customer (
	id SERIAL NOT NULL, 
	name VARCHAR(50), 
	"old" INTEGER, 
	PRIMARY KEY (id)
);

CREATE TABLE note (
	id SERIAL NOT NULL, 
	PRIMARY KEY (id)
);

