CREATE TABLE item (
	id INTEGER NOT NULL AUTO_INCREMENT, 
	qty INTEGER, 
	price INTEGER, 
	PRIMARY KEY (id), 
	CONSTRAINT ck_item_price CHECK (price >= 0)
);

