UPDATE t SET a = 1 WHERE b = 'x';

DELETE FROM t WHERE a > 3;

UPDATE t SET b='x' WHERE t.a = 1;

SELECT 1;

SELECT 3;

