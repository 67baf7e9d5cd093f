CREATE TABLE team (
	id INTEGER NOT NULL, 
	CONSTRAINT pk_team PRIMARY KEY (id)
);

CREATE TABLE user (
	id INTEGER NOT NULL, 
	login VARCHAR(40), 
	mail VARCHAR(120), 
	CONSTRAINT pk_user PRIMARY KEY (id), 
	CONSTRAINT uq_user_mail UNIQUE (mail)
);

CREATE INDEX ix_user_login ON user (login);

