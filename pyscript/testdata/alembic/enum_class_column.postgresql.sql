CREATE TYPE status AS ENUM ('ACTIVE', 'INACTIVE', 'OLD');

CREATE TYPE account_kind AS ENUM ('A', 'B');

CREATE TYPE plain_status AS ENUM ('active', 'inactive');

CREATE TABLE account (
    id SERIAL NOT NULL, 
    status status DEFAULT 'active' NOT NULL, 
    kind account_kind, 
    plain plain_status, 
    PRIMARY KEY (id)
);

ALTER TABLE account ADD COLUMN status2 status_values;

