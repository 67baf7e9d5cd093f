SELECT name FROM account ORDER BY id;
SELECT event FROM audit_log ORDER BY id;
