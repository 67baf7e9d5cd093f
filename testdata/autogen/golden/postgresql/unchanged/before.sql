CREATE TABLE parent (
	id SERIAL NOT NULL, 
	name VARCHAR(50) DEFAULT 'x' NOT NULL, 
	qty INTEGER DEFAULT '0', 
	ratio NUMERIC(10, 2) DEFAULT '1.5', 
	created TIMESTAMP WITHOUT TIME ZONE DEFAULT CURRENT_TIMESTAMP, 
	flag BOOLEAN DEFAULT false, 
	body TEXT, 
	big BIGINT, 
	day DATE, 
	price FLOAT, 
	PRIMARY KEY (id)
);

COMMENT ON COLUMN parent.name IS 'display name';

CREATE TABLE child (
	id SERIAL NOT NULL, 
	parent_id INTEGER NOT NULL, 
	label VARCHAR(30), 
	code VARCHAR(10), 
	PRIMARY KEY (id), 
	CONSTRAINT uq_child_parent_code UNIQUE (parent_id, code), 
	FOREIGN KEY(parent_id) REFERENCES parent (id) ON DELETE CASCADE, 
	UNIQUE (label)
);

CREATE INDEX ix_child_code_parent ON child (code, parent_id);

