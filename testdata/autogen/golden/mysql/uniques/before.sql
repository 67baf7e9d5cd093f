CREATE TABLE member (
	id INTEGER NOT NULL AUTO_INCREMENT, 
	email VARCHAR(120), 
	handle VARCHAR(40), 
	org VARCHAR(40), 
	seat INTEGER, 
	PRIMARY KEY (id), 
	CONSTRAINT uq_member_handle UNIQUE (handle)
);

