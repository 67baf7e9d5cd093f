SELECT s.t.id, s.t.`Name` 
FROM s.t 
WHERE s.t.id > 3 ORDER BY s.t.id 
 LIMIT 5;

SELECT s.t.id, s.t.`Name` 
FROM s.t;

SELECT s.t.id 
FROM s.t 
WHERE s.t.`Name` = 'x';

INSERT INTO s.t (id, `Name`) VALUES (1, 'a');

UPDATE s.t SET `Name`='b''c' WHERE s.t.id = 1;

DELETE FROM s.t WHERE s.t.id = 2;

SELECT user.id 
FROM user 
WHERE user.`order` >= 2 AND user.id != 7;

SELECT user.id, user.`order` 
FROM user;

