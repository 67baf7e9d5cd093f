CREATE TABLE region (
	id INTEGER NOT NULL, 
	PRIMARY KEY (id)
);

CREATE TABLE city (
	id INTEGER NOT NULL, 
	region_id INTEGER, 
	PRIMARY KEY (id), 
	FOREIGN KEY(region_id) REFERENCES region (id)
);

CREATE TABLE street (
	id INTEGER NOT NULL, 
	city_id INTEGER, 
	name VARCHAR(80) NOT NULL, 
	PRIMARY KEY (id), 
	FOREIGN KEY(city_id) REFERENCES city (id) ON DELETE CASCADE
);

CREATE UNIQUE INDEX ix_street_name ON street (name);

