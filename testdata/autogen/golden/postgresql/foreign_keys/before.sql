CREATE TABLE org (
	id SERIAL NOT NULL, 
	name VARCHAR(50), 
	PRIMARY KEY (id)
);

CREATE TABLE team (
	id SERIAL NOT NULL, 
	name VARCHAR(50), 
	PRIMARY KEY (id)
);

CREATE TABLE player (
	id SERIAL NOT NULL, 
	org_id INTEGER, 
	team_id INTEGER, 
	PRIMARY KEY (id), 
	CONSTRAINT fk_player_team FOREIGN KEY(team_id) REFERENCES team (id)
);

