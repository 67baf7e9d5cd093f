package pyscript_test

import (
	"testing"
)

// sa.text bind parameters, given with bindparams() or as execute's dict,
// run on every driver (PostgreSQL's and MySQL's take no named arguments).
func TestTextBindParametersOnline(t *testing.T) {
	body := `op.execute(sa.text("UPDATE t SET a = :v WHERE a = :w").bindparams(v="it's", w='x'))
conn = op.get_bind()
conn.execute(sa.text("UPDATE t SET b = :n WHERE a = :v"), {"v": "it's", "n": 7})
got = conn.execute(sa.text("SELECT b FROM t WHERE a = :v AND b > :low"), {"v": "it's", "low": 1}).scalar()
op.execute(sa.text("UPDATE t SET c = :c").bindparams(c='seen %d' % got))`
	for _, d := range []string{"sqlite", "postgresql", "mysql"} {
		t.Run(d, func(t *testing.T) {
			db := openDB(t, d)
			mustExec(t, db, "CREATE TABLE t (a VARCHAR(10), b INTEGER, c VARCHAR(20))", "INSERT INTO t (a, b) VALUES ('x', 0)")
			if err := onlineRun(t, d, db, body); err != nil {
				t.Fatalf("upgrade: %v", err)
			}
			got := queryStrings(t, db, "SELECT c FROM t WHERE a = 'it''s' AND b = 7")
			if len(got) != 1 || got[0] != "seen 7" {
				t.Errorf("got %q, want [seen 7]", got)
			}
		})
	}
}
