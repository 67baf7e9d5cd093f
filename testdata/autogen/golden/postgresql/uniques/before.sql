CREATE TABLE member (
	id SERIAL NOT NULL, 
	email VARCHAR(120), 
	handle VARCHAR(40), 
	org VARCHAR(40), 
	seat INTEGER, 
	PRIMARY KEY (id), 
	CONSTRAINT uq_member_handle UNIQUE (handle)
);

