package sqlfile_test

import (
	"context"
	"database/sql"
	"testing"

	_ "github.com/go-sql-driver/mysql"
	_ "github.com/jackc/pgx/v5/stdlib"
	_ "modernc.org/sqlite"

	"github.com/retort-dev/retort/internal/dbtest"
	"github.com/retort-dev/retort/sqlfile"
)

// runScript splits src and executes each statement on db, as the migration
// runner does, so a wrong split shows up as a database syntax error.
func runScript(t *testing.T, db *sql.DB, src, dialect string) {
	t.Helper()
	stmts, err := sqlfile.Split(src, dialect)
	if err != nil {
		t.Fatalf("Split: %v", err)
	}
	ctx := context.Background()
	for _, st := range stmts {
		if _, err := db.ExecContext(ctx, st.SQL); err != nil {
			t.Fatalf("line %d: %v\n%s", st.Line, err, st.SQL)
		}
	}
}

func queryString(t *testing.T, db *sql.DB, q string) string {
	t.Helper()
	var s string
	if err := db.QueryRow(q).Scan(&s); err != nil {
		t.Fatalf("%s: %v", q, err)
	}
	return s
}

func TestSplit_ExecutesOnSQLite(t *testing.T) {
	db, _ := dbtest.SQLite(t)
	runScript(t, db, `
CREATE TABLE [order;s] (id INTEGER PRIMARY KEY, qty INTEGER, note TEXT);
CREATE TABLE log (msg TEXT);
-- a trigger whose body holds statements and a CASE
CREATE TRIGGER IF NOT EXISTS trg AFTER INSERT ON [order;s]
BEGIN
  INSERT INTO log VALUES (CASE WHEN NEW.qty > 1 THEN 'many;' ELSE 'one' END);
  UPDATE log SET msg = msg || '!' WHERE NEW.note = 'it''s';
END;
INSERT INTO [order;s] (qty, note) VALUES (2, 'it''s');
`, "sqlite")
	if got := queryString(t, db, "SELECT msg FROM log"); got != "many;!" {
		t.Errorf("log = %q, want %q", got, "many;!")
	}
}

func TestSplit_ExecutesOnPostgres(t *testing.T) {
	db, _ := dbtest.Postgres(t)
	runScript(t, db, `
CREATE TABLE account (id serial PRIMARY KEY, name text, touched text);
/* nested /* comment; */ still comment; */
CREATE FUNCTION touch() RETURNS trigger AS $fn$
BEGIN
  NEW.touched := 'yes; ' || $$quoted$$;
  RETURN NEW;
END;
$fn$ LANGUAGE plpgsql;
CREATE TRIGGER account_touch BEFORE INSERT ON account FOR EACH ROW EXECUTE FUNCTION touch();
CREATE FUNCTION double_it(x int) RETURNS int LANGUAGE sql
BEGIN ATOMIC
  SELECT x * 2;
END;
INSERT INTO account (name) VALUES (E'it\'s; ok');
`, "postgresql")
	if got := queryString(t, db, "SELECT name || '|' || touched || '|' || double_it(21) FROM account"); got != "it's; ok|yes; quoted|42" {
		t.Errorf("row = %q", got)
	}
}

func TestSplit_ExecutesOnMySQL(t *testing.T) {
	db, _ := dbtest.MySQL(t)
	// One connection, so the session variable below is visible to the query.
	db.SetMaxOpenConns(1)
	runScript(t, db, `
CREATE TABLE item (id INT PRIMARY KEY AUTO_INCREMENT, qty INT, note VARCHAR(50));
# a hash comment; with a semicolon
CREATE TRIGGER item_clamp BEFORE INSERT ON item FOR EACH ROW
BEGIN
  IF NEW.qty < 0 THEN SET NEW.qty = 0; END IF;
END;
CREATE PROCEDURE fill(n INT)
BEGIN
  DECLARE i INT DEFAULT 0;
  lbl: LOOP
    SET i = i + 1;
    IF i > n THEN LEAVE lbl; END IF;
    INSERT INTO item (qty, note) VALUES (i - 2, CASE WHEN i = 1 THEN 'it\'s; first' ELSE "x;\"y" END);
  END LOOP lbl;
  CASE n WHEN 0 THEN SELECT 1; ELSE BEGIN END; END CASE;
END;
DELIMITER //
CREATE FUNCTION total() RETURNS INT READS SQL DATA
BEGIN
  RETURN (SELECT SUM(qty) FROM item);
END//
DELIMITER ;
CALL fill(3);
BEGIN NOT ATOMIC
  DECLARE extra INT DEFAULT 0;
  SET extra = 1;
  UPDATE item SET qty = qty + extra WHERE id = 3;
END;
`, "mariadb")
	if got := queryString(t, db, "SELECT CONCAT(total(), '|', (SELECT note FROM item WHERE id = 1))"); got != "2|it's; first" {
		t.Errorf("row = %q, want %q", got, "2|it's; first")
	}
}
