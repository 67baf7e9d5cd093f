CREATE TABLE account (
    id INTEGER NOT NULL AUTO_INCREMENT, 
    status ENUM('ACTIVE','INACTIVE','OLD') NOT NULL DEFAULT 'active', 
    kind ENUM('A','B'), 
    plain ENUM('active','inactive'), 
    PRIMARY KEY (id)
);

ALTER TABLE account ADD COLUMN status2 ENUM('active','inactive');

