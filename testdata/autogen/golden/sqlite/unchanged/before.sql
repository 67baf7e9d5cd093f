CREATE TABLE parent (
	id INTEGER NOT NULL, 
	name VARCHAR(50) DEFAULT 'x' NOT NULL, 
	qty INTEGER DEFAULT '0', 
	ratio NUMERIC(10, 2) DEFAULT '1.5', 
	created DATETIME DEFAULT CURRENT_TIMESTAMP, 
	flag BOOLEAN DEFAULT (0), 
	body TEXT, 
	big BIGINT, 
	day DATE, 
	price FLOAT, 
	PRIMARY KEY (id)
);

CREATE TABLE child (
	id INTEGER NOT NULL, 
	parent_id INTEGER NOT NULL, 
	label VARCHAR(30), 
	code VARCHAR(10), 
	PRIMARY KEY (id), 
	CONSTRAINT uq_child_parent_code UNIQUE (parent_id, code), 
	FOREIGN KEY(parent_id) REFERENCES parent (id) ON DELETE CASCADE, 
	UNIQUE (label)
);

CREATE INDEX ix_child_code_parent ON child (code, parent_id);

