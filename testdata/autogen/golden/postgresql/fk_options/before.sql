CREATE TABLE owner (
	id SERIAL NOT NULL, 
	PRIMARY KEY (id)
);

CREATE TABLE pet (
	id SERIAL NOT NULL, 
	owner_id INTEGER, 
	vet_id INTEGER, 
	PRIMARY KEY (id), 
	CONSTRAINT fk_pet_owner FOREIGN KEY(owner_id) REFERENCES owner (id), 
	CONSTRAINT fk_pet_vet FOREIGN KEY(vet_id) REFERENCES owner (id) ON DELETE SET NULL
);

