CREATE TYPE ticket_state AS ENUM ('open', 'closed');

CREATE TABLE ticket (
	id SERIAL NOT NULL, 
	state ticket_state, 
	PRIMARY KEY (id)
);

