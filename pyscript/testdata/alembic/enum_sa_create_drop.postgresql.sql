CREATE TYPE mood AS ENUM ('a', 'b');

CREATE TYPE s1."Status" AS ENUM ('x', 'y''z');

DROP TYPE mood;

DROP TYPE s1."Status";

