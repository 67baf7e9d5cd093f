package pyscript_test

import (
	"strings"
	"testing"
)

// A data migration in the style real projects write: read rows with
// sa.select on an sa.table, then update each through sa.update.
func TestCoreSelectAndUpdateOnline(t *testing.T) {
	body := `users = sa.table('users', sa.column('id', sa.Integer), sa.column('Name', sa.String), sa.column('slug', sa.String))
conn = op.get_bind()
rows = conn.execute(sa.select(users.c.id, users.c.Name).where(users.c.slug == None).order_by(users.c.id)).fetchall()
for row in rows:
    conn.execute(sa.update(users).where(users.c.id == row.id).values(slug=row.Name.lower() + '-' + str(row[0])))
n = conn.execute(sa.select(sa.func.count()).select_from(users)).scalar()
op.execute(sa.insert(users).values(id=100, Name='count', slug=str(n)))
op.execute(sa.delete(users).where(users.c.id == 3))`
	for _, d := range []string{"sqlite", "postgresql"} {
		t.Run(d, func(t *testing.T) {
			db := openDB(t, d)
			mustExec(t, db, `CREATE TABLE users (id INTEGER PRIMARY KEY, "Name" VARCHAR(20), slug VARCHAR(40))`,
				`INSERT INTO users (id, "Name", slug) VALUES (1, 'Ann', NULL), (2, 'Bob', 'keep'), (3, 'Cy', NULL)`)
			if err := onlineRun(t, d, db, body); err != nil {
				t.Fatalf("upgrade: %v", err)
			}
			got := strings.Join(queryStrings(t, db, "SELECT slug FROM users ORDER BY id"), ",")
			if got != "ann-1,keep,3" {
				t.Errorf("slugs %s, want ann-1,keep,3", got)
			}
		})
	}
}
