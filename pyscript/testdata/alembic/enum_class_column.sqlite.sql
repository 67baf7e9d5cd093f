CREATE TABLE account (
    id INTEGER NOT NULL, 
    status VARCHAR(8) DEFAULT 'active' NOT NULL, 
    kind VARCHAR(1), 
    plain VARCHAR(8), 
    PRIMARY KEY (id)
);

ALTER TABLE account ADD COLUMN status2 VARCHAR(8);

