UPDATE orders SET tier=CASE WHEN (orders.total > 100) THEN 'gold' WHEN (orders.total > 10) THEN 'silver' ELSE 'bronze' END;

UPDATE orders SET status=CASE WHEN (orders.status = 'new') THEN 'open' ELSE orders.status END WHERE orders.id > 5;

UPDATE orders SET status=CASE orders.status WHEN 'a' THEN 'active' WHEN 'x' THEN 'closed' ELSE 'other' END;

UPDATE orders SET total=CASE WHEN (orders.status = 'void') THEN 0 END;

SELECT orders.id, CASE WHEN (orders.total > 0) THEN 'paid' ELSE 'free' END AS anon_1 
FROM orders 
WHERE orders.id = 1;

UPDATE orders SET total=(orders.total + 1), tier=orders.status;

