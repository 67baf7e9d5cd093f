CREATE TYPE s1."Status" AS ENUM ('x', 'y''z');

CREATE TYPE mood AS ENUM ('a', 'b');

DROP TYPE s1."Status";

DROP TYPE "user";

