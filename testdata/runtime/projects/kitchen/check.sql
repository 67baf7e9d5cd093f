SELECT name FROM customer ORDER BY id;
SELECT email FROM customer ORDER BY id;
