CREATE TABLE doc (
	id SERIAL NOT NULL, 
	title VARCHAR(100), 
	body TEXT, 
	draft INTEGER, 
	PRIMARY KEY (id)
);

COMMENT ON COLUMN doc.title IS 'the title';

COMMENT ON COLUMN doc.draft IS 'to be removed';

CREATE TABLE shelf (
	id SERIAL NOT NULL, 
	PRIMARY KEY (id)
);

COMMENT ON TABLE shelf IS 'old shelf';

CREATE TABLE box (
	id SERIAL NOT NULL, 
	PRIMARY KEY (id)
);

COMMENT ON TABLE box IS 'a box';

