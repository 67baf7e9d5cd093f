-- create notes
--
-- Revision ID: a1f0c2d3e4b5
-- Revises:
-- retort:upgrade
CREATE TABLE notes (
    id INTEGER PRIMARY KEY,
    title VARCHAR(200) NOT NULL
);
-- retort:downgrade
DROP TABLE notes;
