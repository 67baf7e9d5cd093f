package pyscript_test

import (
	"strings"
	"testing"
)

// sa.case online: the WHEN and THEN values travel as bound parameters, in
// the order the SQL names them, and the rows get what the CASE chose.
func TestCaseOnline(t *testing.T) {
	body := `t = sa.table('orders', sa.column('id', sa.Integer), sa.column('total', sa.Integer), sa.column('tier', sa.String))
op.execute(t.update().values(tier=sa.case((t.c.total > 100, 'gold'), (t.c.total > 10, 'silver'), else_='bronze')))
op.execute(t.update().where(t.c.id == 3).values(tier=sa.case({'bronze': 'copper'}, value=t.c.tier, else_=t.c.tier)))`
	for _, d := range []string{"sqlite", "postgresql", "mysql"} {
		t.Run(d, func(t *testing.T) {
			db := openDB(t, d)
			mustExec(t, db, "CREATE TABLE orders (id INTEGER PRIMARY KEY, total INTEGER, tier VARCHAR(10))",
				"INSERT INTO orders (id, total) VALUES (1, 500), (2, 50), (3, 5), (4, 1)")
			if err := onlineRun(t, d, db, body); err != nil {
				t.Fatal(err)
			}
			got := strings.Join(queryStrings(t, db, "SELECT tier FROM orders ORDER BY id"), ",")
			if got != "gold,silver,copper,bronze" {
				t.Errorf("tiers %s", got)
			}
		})
	}
}
