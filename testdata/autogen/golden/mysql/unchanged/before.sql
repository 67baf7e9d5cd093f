CREATE TABLE parent (
	id INTEGER NOT NULL AUTO_INCREMENT, 
	name VARCHAR(50) NOT NULL COMMENT 'display name' DEFAULT 'x', 
	qty INTEGER DEFAULT '0', 
	ratio NUMERIC(10, 2) DEFAULT '1.5', 
	created DATETIME DEFAULT CURRENT_TIMESTAMP, 
	flag BOOL DEFAULT false, 
	`body` TEXT, 
	big BIGINT, 
	day DATE, 
	price FLOAT, 
	PRIMARY KEY (id)
);

CREATE TABLE child (
	id INTEGER NOT NULL AUTO_INCREMENT, 
	parent_id INTEGER NOT NULL, 
	label VARCHAR(30), 
	code VARCHAR(10), 
	PRIMARY KEY (id), 
	CONSTRAINT uq_child_parent_code UNIQUE (parent_id, code), 
	FOREIGN KEY(parent_id) REFERENCES parent (id) ON DELETE CASCADE, 
	UNIQUE (label)
);

CREATE INDEX ix_child_code_parent ON child (code, parent_id);

