CREATE TABLE setting (
	id INTEGER NOT NULL, 
	kind VARCHAR(20) DEFAULT 'plain', 
	level INTEGER DEFAULT '0', 
	label VARCHAR(20), 
	flag INTEGER DEFAULT '1', 
	steady VARCHAR(20) DEFAULT 'same', 
	PRIMARY KEY (id)
);

