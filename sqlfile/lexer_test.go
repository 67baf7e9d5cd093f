package sqlfile

import (
	"errors"
	"reflect"
	"strings"
	"testing"
)

// s builds a statement for the tables below.
func s(line int, sql string) Statement { return Statement{SQL: sql, Line: line} }

func TestSplit(t *testing.T) {
	tests := []struct {
		name    string
		dialect string
		src     string
		want    []Statement
	}{
		// Basics.
		{"empty input", "", "", nil},
		{"whitespace only", "", " \n\t\n", nil},
		{"one statement", "", "SELECT 1;", []Statement{s(1, "SELECT 1")}},
		{"no final semicolon", "", "SELECT 1;\nSELECT 2", []Statement{s(1, "SELECT 1"), s(2, "SELECT 2")}},
		{"two on one line", "", "SELECT 1; SELECT 2;", []Statement{s(1, "SELECT 1"), s(1, "SELECT 2")}},
		{"multi-line statement keeps its text", "", "\n\nCREATE TABLE t (\n  id INT\n);\n", []Statement{s(3, "CREATE TABLE t (\n  id INT\n)")}},
		{"empty statements dropped", "", ";;\n;SELECT 1;;", []Statement{s(2, "SELECT 1")}},
		{"crlf", "", "SELECT 1;\r\nSELECT 2;\r\n", []Statement{s(1, "SELECT 1"), s(2, "SELECT 2")}},

		// Comments.
		{"leading comment dropped, line of first token", "", "-- make t\nCREATE TABLE t (x INT);", []Statement{s(2, "CREATE TABLE t (x INT)")}},
		{"trailing comment dropped", "", "SELECT 1 -- one\n;", []Statement{s(1, "SELECT 1")}},
		{"comment-only chunk dropped", "", "SELECT 1;\n-- just a note;\n/* and; another */;\nSELECT 2;", []Statement{s(1, "SELECT 1"), s(4, "SELECT 2")}},
		{"semicolon in line comment", "", "SELECT 1 -- a; b\n, 2;", []Statement{s(1, "SELECT 1 -- a; b\n, 2")}},
		{"semicolon in block comment", "", "SELECT /* ; */ 1;", []Statement{s(1, "SELECT /* ; */ 1")}},
		{"block comment spanning lines", "", "/* a\n b;\n*/ SELECT 1;", []Statement{s(3, "SELECT 1")}},
		{"postgres nested block comment", "postgresql", "/* a /* b; */ c; */ SELECT 1;", []Statement{s(1, "SELECT 1")}},
		{"sqlite block comments do not nest", "sqlite", "/* a /* b */ SELECT 1;", []Statement{s(1, "SELECT 1")}},
		{"mysql hash comment", "mysql", "# note; here\nSELECT 1;", []Statement{s(2, "SELECT 1")}},
		{"hash is not a comment in postgres", "postgresql", "SELECT '{\"a\":1}'::jsonb #> '{a}';", []Statement{s(1, `SELECT '{"a":1}'::jsonb #> '{a}'`)}},
		{"mysql -- needs a space", "mysql", "SELECT 5--1;\nSELECT 2;", []Statement{s(1, "SELECT 5--1"), s(2, "SELECT 2")}},
		{"mysql -- with space is a comment", "mysql", "SELECT 5 -- ; x\n;", []Statement{s(1, "SELECT 5")}},
		{"mysql executable comment is code", "mysql", "/*!40101 SET NAMES utf8 */;\n/* plain */;", []Statement{s(1, "/*!40101 SET NAMES utf8 */")}},
		{"mysql optimizer hint kept", "mysql", "SELECT /*+ NO_ICP(t) */ a FROM t;", []Statement{s(1, "SELECT /*+ NO_ICP(t) */ a FROM t")}},

		// Strings and identifiers.
		{"semicolon in string", "", "INSERT INTO t VALUES ('a;b');", []Statement{s(1, "INSERT INTO t VALUES ('a;b')")}},
		{"doubled quote", "", "SELECT 'it''s; fine';", []Statement{s(1, "SELECT 'it''s; fine'")}},
		{"comment markers in string", "", "SELECT '-- no', '/* no';", []Statement{s(1, "SELECT '-- no', '/* no'")}},
		{"multi-line string", "", "SELECT 'a\n;b';\nSELECT 2;", []Statement{s(1, "SELECT 'a\n;b'"), s(3, "SELECT 2")}},
		{"backslash is literal in standard strings", "postgresql", `SELECT 'C:\';SELECT 2;`, []Statement{s(1, `SELECT 'C:\'`), s(1, "SELECT 2")}},
		{"postgres E string escapes", "postgresql", `SELECT E'it\'s; x';`, []Statement{s(1, `SELECT E'it\'s; x'`)}},
		{"postgres word ending in e is not an E string", "postgresql", `SELECT type'x;';`, []Statement{s(1, `SELECT type'x;'`)}},
		{"mysql backslash escape", "mysql", `INSERT INTO t VALUES ('it\'s; x');`, []Statement{s(1, `INSERT INTO t VALUES ('it\'s; x')`)}},
		{"mysql double-quoted string", "mysql", `SELECT "a;\"b";`, []Statement{s(1, `SELECT "a;\"b"`)}},
		{"double-quoted identifier", "postgresql", `CREATE TABLE "we;ird""name" (x int);`, []Statement{s(1, `CREATE TABLE "we;ird""name" (x int)`)}},
		{"backtick identifier", "mysql", "CREATE TABLE `a;b``c` (x int);", []Statement{s(1, "CREATE TABLE `a;b``c` (x int)")}},
		{"sqlite bracket identifier", "sqlite", "CREATE TABLE [a;b] (x int);", []Statement{s(1, "CREATE TABLE [a;b] (x int)")}},
		{"bracket is an array in postgres", "postgresql", "SELECT ARRAY[1,2][1];", []Statement{s(1, "SELECT ARRAY[1,2][1]")}},

		// PostgreSQL dollar quoting.
		{"dollar quote", "postgresql", "CREATE FUNCTION f() RETURNS int AS $$ SELECT 1; $$ LANGUAGE sql;\nSELECT 2;",
			[]Statement{s(1, "CREATE FUNCTION f() RETURNS int AS $$ SELECT 1; $$ LANGUAGE sql"), s(2, "SELECT 2")}},
		{"tagged dollar quote with inner $$", "postgresql", "DO $body$ BEGIN PERFORM '$$;'; END $body$;",
			[]Statement{s(1, "DO $body$ BEGIN PERFORM '$$;'; END $body$")}},
		{"plpgsql trigger function", "postgresql",
			"CREATE OR REPLACE FUNCTION touch() RETURNS trigger AS $fn$\nBEGIN\n  NEW.updated_at := now();\n  RETURN NEW;\nEND;\n$fn$ LANGUAGE plpgsql;\n\nCREATE TRIGGER t BEFORE UPDATE ON a FOR EACH ROW EXECUTE FUNCTION touch();",
			[]Statement{
				s(1, "CREATE OR REPLACE FUNCTION touch() RETURNS trigger AS $fn$\nBEGIN\n  NEW.updated_at := now();\n  RETURN NEW;\nEND;\n$fn$ LANGUAGE plpgsql"),
				s(8, "CREATE TRIGGER t BEFORE UPDATE ON a FOR EACH ROW EXECUTE FUNCTION touch()"),
			}},
		{"positional parameter is not a dollar quote", "postgresql", "PREPARE p AS SELECT $1; EXECUTE p(1);", []Statement{s(1, "PREPARE p AS SELECT $1"), s(1, "EXECUTE p(1)")}},
		{"dollar inside identifier", "postgresql", "SELECT a$b$ FROM t; SELECT 2;", []Statement{s(1, "SELECT a$b$ FROM t"), s(1, "SELECT 2")}},
		{"dollar is plain in sqlite", "sqlite", "SELECT $$; SELECT 2;", []Statement{s(1, "SELECT $$"), s(1, "SELECT 2")}},
		{"postgres BEGIN ATOMIC body", "postgresql", "CREATE FUNCTION f() RETURNS int LANGUAGE sql BEGIN ATOMIC SELECT 1; SELECT 2; END;\nSELECT 3;",
			[]Statement{s(1, "CREATE FUNCTION f() RETURNS int LANGUAGE sql BEGIN ATOMIC SELECT 1; SELECT 2; END"), s(2, "SELECT 3")}},

		// Trigger and routine bodies.
		{"sqlite trigger", "sqlite",
			"CREATE TRIGGER trg AFTER INSERT ON a BEGIN\n  INSERT INTO log VALUES (NEW.id);\n  UPDATE c SET n = n + 1;\nEND;\nSELECT 1;",
			[]Statement{s(1, "CREATE TRIGGER trg AFTER INSERT ON a BEGIN\n  INSERT INTO log VALUES (NEW.id);\n  UPDATE c SET n = n + 1;\nEND"), s(5, "SELECT 1")}},
		{"sqlite trigger with CASE inside", "sqlite",
			"CREATE TEMP TRIGGER IF NOT EXISTS trg BEFORE INSERT ON a BEGIN SELECT CASE WHEN NEW.x < 0 THEN RAISE(ABORT, 'neg;') END; END; SELECT 2;",
			[]Statement{s(1, "CREATE TEMP TRIGGER IF NOT EXISTS trg BEFORE INSERT ON a BEGIN SELECT CASE WHEN NEW.x < 0 THEN RAISE(ABORT, 'neg;') END; END"), s(1, "SELECT 2")}},
		{"qualified end column is not END", "sqlite",
			"CREATE TRIGGER trg AFTER UPDATE ON a BEGIN UPDATE b SET x = NEW.end; END; SELECT 2;",
			[]Statement{s(1, "CREATE TRIGGER trg AFTER UPDATE ON a BEGIN UPDATE b SET x = NEW.end; END"), s(1, "SELECT 2")}},
		{"lower-case keywords", "sqlite", "create trigger t after insert on a begin delete from b; end;\nselect 1;",
			[]Statement{s(1, "create trigger t after insert on a begin delete from b; end"), s(2, "select 1")}},
		{"mysql trigger", "mysql",
			"CREATE TRIGGER trg BEFORE INSERT ON a FOR EACH ROW BEGIN\n  IF NEW.x < 0 THEN SET NEW.x = 0; END IF;\nEND;\nSELECT 1;",
			[]Statement{s(1, "CREATE TRIGGER trg BEFORE INSERT ON a FOR EACH ROW BEGIN\n  IF NEW.x < 0 THEN SET NEW.x = 0; END IF;\nEND"), s(4, "SELECT 1")}},
		{"mysql trigger without body block", "mysql", "CREATE TRIGGER trg BEFORE INSERT ON a FOR EACH ROW SET NEW.x = 1;\nSELECT 1;",
			[]Statement{s(1, "CREATE TRIGGER trg BEFORE INSERT ON a FOR EACH ROW SET NEW.x = 1"), s(2, "SELECT 1")}},
		{"mysql procedure with loops, labels and CASE", "mysql",
			"CREATE DEFINER=`root`@`%` PROCEDURE p()\nBEGIN\n  DECLARE i INT DEFAULT 0;\n  lbl: LOOP\n    SET i = i + 1;\n    IF i > 3 THEN LEAVE lbl; END IF;\n  END LOOP lbl;\n  WHILE i > 0 DO SET i = i - 1; END WHILE;\n  REPEAT SET i = i + 1; UNTIL i > 2 END REPEAT;\n  CASE i WHEN 3 THEN SELECT 'three;'; ELSE BEGIN END; END CASE;\n  inner_block: BEGIN SELECT 1; END inner_block;\nEND;\nCALL p();",
			[]Statement{
				s(1, "CREATE DEFINER=`root`@`%` PROCEDURE p()\nBEGIN\n  DECLARE i INT DEFAULT 0;\n  lbl: LOOP\n    SET i = i + 1;\n    IF i > 3 THEN LEAVE lbl; END IF;\n  END LOOP lbl;\n  WHILE i > 0 DO SET i = i - 1; END WHILE;\n  REPEAT SET i = i + 1; UNTIL i > 2 END REPEAT;\n  CASE i WHEN 3 THEN SELECT 'three;'; ELSE BEGIN END; END CASE;\n  inner_block: BEGIN SELECT 1; END inner_block;\nEND"),
				s(13, "CALL p()"),
			}},
		{"mysql function with RETURN only", "mysql", "CREATE FUNCTION f() RETURNS INT DETERMINISTIC RETURN 1;\nSELECT f();",
			[]Statement{s(1, "CREATE FUNCTION f() RETURNS INT DETERMINISTIC RETURN 1"), s(2, "SELECT f()")}},
		{"mysql event", "mysql", "CREATE EVENT e ON SCHEDULE EVERY 1 DAY DO BEGIN DELETE FROM a; DELETE FROM b; END;",
			[]Statement{s(1, "CREATE EVENT e ON SCHEDULE EVERY 1 DAY DO BEGIN DELETE FROM a; DELETE FROM b; END")}},
		{"mariadb BEGIN NOT ATOMIC block", "mariadb", "BEGIN NOT ATOMIC\n  DECLARE x INT;\n  SET x = 1;\nEND;\nSELECT 1;",
			[]Statement{s(1, "BEGIN NOT ATOMIC\n  DECLARE x INT;\n  SET x = 1;\nEND"), s(5, "SELECT 1")}},
		{"table named function is not a routine", "mysql", "CREATE TABLE function (begin INT);\nSELECT 1;",
			[]Statement{s(1, "CREATE TABLE function (begin INT)"), s(2, "SELECT 1")}},
		{"transaction BEGIN is a statement", "sqlite", "BEGIN;\nCREATE TABLE t (x INT);\nCOMMIT;",
			[]Statement{s(1, "BEGIN"), s(2, "CREATE TABLE t (x INT)"), s(3, "COMMIT")}},
		{"view with CASE ... END", "postgresql", "CREATE VIEW v AS SELECT CASE WHEN x THEN 1 END AS y FROM t;\nSELECT 1;",
			[]Statement{s(1, "CREATE VIEW v AS SELECT CASE WHEN x THEN 1 END AS y FROM t"), s(2, "SELECT 1")}},

		// MySQL DELIMITER.
		{"mysql DELIMITER", "mysql",
			"DELIMITER //\nCREATE PROCEDURE p() BEGIN SELECT 1; SELECT 2; END//\nDELIMITER ;\nCALL p();",
			[]Statement{s(2, "CREATE PROCEDURE p() BEGIN SELECT 1; SELECT 2; END"), s(4, "CALL p()")}},
		{"mysql DELIMITER $$ and lower case", "mysql",
			"delimiter $$\nCREATE TRIGGER t BEFORE INSERT ON a FOR EACH ROW BEGIN SET NEW.x = 1; END $$\nSELECT 'a$$b' $$\ndelimiter ;\n",
			[]Statement{s(2, "CREATE TRIGGER t BEFORE INSERT ON a FOR EACH ROW BEGIN SET NEW.x = 1; END"), s(3, "SELECT 'a$$b'")}},
		{"DELIMITER is plain SQL outside mysql", "sqlite", "DELIMITER //\n;", []Statement{s(1, "DELIMITER //")}},
		{"a column named delimiter", "mysql", "SELECT 1,\ndelimiter FROM t;", []Statement{s(1, "SELECT 1,\ndelimiter FROM t")}},

		// Section markers are ordinary comments to Split.
		{"retort directives are comments", "", "-- retort:upgrade\nSELECT 1;\n-- retort:downgrade\n", []Statement{s(2, "SELECT 1")}},
		{"numbers with letters", "", "SELECT 1e5, 0x1F, 3.5;", []Statement{s(1, "SELECT 1e5, 0x1F, 3.5")}},
		{"unicode", "", "INSERT INTO t VALUES ('café; ☕');\nSELECT 'ü';", []Statement{s(1, "INSERT INTO t VALUES ('café; ☕')"), s(2, "SELECT 'ü'")}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Split(tt.src, tt.dialect)
			if err != nil {
				t.Fatalf("Split: %v", err)
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("Split(%q, %q)\n got  %+v\n want %+v", tt.src, tt.dialect, got, tt.want)
			}
		})
	}
}

func TestSplit_Errors(t *testing.T) {
	tests := []struct {
		name     string
		dialect  string
		src      string
		wantLine int
		wantMsg  string
	}{
		{"unterminated string", "", "SELECT 1;\nSELECT 'abc;\n", 2, "unterminated string starting with '"},
		{"unterminated quoted identifier", "postgresql", "SELECT \"abc;", 1, "unterminated quoted identifier"},
		{"unterminated backtick", "mysql", "\n\nSELECT `abc;", 3, "unterminated backtick identifier"},
		{"mysql escape hides the closing quote", "mysql", `SELECT 'abc\';`, 1, "unterminated string"},
		{"unterminated block comment", "", "SELECT 1;\n/* never\nends", 2, "unterminated /* comment"},
		{"unterminated nested comment", "postgresql", "/* a /* b */ c", 1, "unterminated /* comment"},
		{"unterminated dollar quote", "postgresql", "SELECT 1;\nDO $x$ BEGIN\nEND $y$;", 2, "unterminated dollar-quoted string $x$"},
		{"unterminated bracket", "sqlite", "SELECT [a;", 1, "unterminated [identifier]"},
		{"trigger without END", "sqlite", "SELECT 1;\nCREATE TRIGGER t AFTER INSERT ON a BEGIN\n DELETE FROM b;\n", 2, "without a matching END"},
		{"empty DELIMITER", "mysql", "DELIMITER\nSELECT 1;", 1, "DELIMITER needs a delimiter"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Split(tt.src, tt.dialect)
			var se *SyntaxError
			if !errors.As(err, &se) {
				t.Fatalf("Split error = %v, want a *SyntaxError", err)
			}
			if se.Line != tt.wantLine || !strings.Contains(se.Msg, tt.wantMsg) {
				t.Errorf("error = %q (line %d), want line %d and %q", err, se.Line, tt.wantLine, tt.wantMsg)
			}
		})
	}
}

func TestSplit_UnknownDialect(t *testing.T) {
	_, err := Split("SELECT 1", "oracle")
	if err == nil || !strings.Contains(err.Error(), `unknown dialect "oracle"`) {
		t.Errorf("error = %v, want unknown dialect", err)
	}
	if _, err := Split("SELECT `x`;", "mariadb"); err != nil {
		t.Errorf("mariadb: %v", err)
	}
}
