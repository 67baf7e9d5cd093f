UPDATE t SET a = 'it''s' WHERE b = 3;

UPDATE t SET a = CAST('z' AS TEXT) WHERE c = 'x:y';

DELETE FROM t WHERE a = 'q';

