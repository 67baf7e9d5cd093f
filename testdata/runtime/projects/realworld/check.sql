SELECT name FROM author ORDER BY id;
SELECT title FROM book ORDER BY id;
SELECT discount FROM book ORDER BY id;
SELECT pages FROM book ORDER BY id;
SELECT code FROM status ORDER BY id;
