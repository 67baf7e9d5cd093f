package migration_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/retort-dev/retort/dialect"
	"github.com/retort-dev/retort/dialect/mysql"
	"github.com/retort-dev/retort/dialect/postgres"
	"github.com/retort-dev/retort/dialect/sqlite"
	"github.com/retort-dev/retort/migration"
	"github.com/retort-dev/retort/ops"
)

// oracleProject mirrors the project the expected texts below were taken
// from (Alembic 1.8.1, `alembic upgrade ... --sql`): a1 -> (b1, c1) -> m1,
// creating t1, t2 and t3.
func oracleProject(t testing.TB) *project {
	return newProject(t,
		script{id: "a1", message: "create t1", up: exec("CREATE TABLE t1 (id INTEGER)"), dn: exec("DROP TABLE t1")},
		script{id: "b1", message: "branch b", down: []string{"a1"}, up: exec("CREATE TABLE t2 (id INTEGER)"), dn: exec("DROP TABLE t2")},
		script{id: "c1", message: "branch c", down: []string{"a1"}, up: exec("CREATE TABLE t3 (id INTEGER)"), dn: exec("DROP TABLE t3")},
		script{id: "m1", message: "merge", down: []string{"b1", "c1"}},
	)
}

// Alembic's output for `upgrade heads --sql` on PostgreSQL.
const pgUpgradeHeads = `BEGIN;

CREATE TABLE alembic_version (
    version_num VARCHAR(32) NOT NULL, 
    CONSTRAINT alembic_version_pkc PRIMARY KEY (version_num)
);

-- Running upgrade  -> a1

CREATE TABLE t1 (id INTEGER);

INSERT INTO alembic_version (version_num) VALUES ('a1') RETURNING alembic_version.version_num;

-- Running upgrade a1 -> c1

CREATE TABLE t3 (id INTEGER);

UPDATE alembic_version SET version_num='c1' WHERE alembic_version.version_num = 'a1';

-- Running upgrade a1 -> b1

CREATE TABLE t2 (id INTEGER);

INSERT INTO alembic_version (version_num) VALUES ('b1') RETURNING alembic_version.version_num;

-- Running upgrade b1, c1 -> m1

DELETE FROM alembic_version WHERE alembic_version.version_num = 'b1';

UPDATE alembic_version SET version_num='m1' WHERE alembic_version.version_num = 'c1';

COMMIT;

`

// Alembic's output for `upgrade a1:m1 --sql` then `downgrade m1:base --sql`
// with version_table="MyVersion", version_table_schema="sch" and
// transaction_per_migration=True, on PostgreSQL.
const pgPerMigrationRoundTrip = `BEGIN;

-- Running upgrade a1 -> c1

CREATE TABLE t3 (id INTEGER);

UPDATE sch."MyVersion" SET version_num='c1' WHERE sch."MyVersion".version_num = 'a1';

COMMIT;

BEGIN;

-- Running upgrade a1 -> b1

CREATE TABLE t2 (id INTEGER);

INSERT INTO sch."MyVersion" (version_num) VALUES ('b1') RETURNING sch."MyVersion".version_num;

COMMIT;

BEGIN;

-- Running upgrade b1, c1 -> m1

DELETE FROM sch."MyVersion" WHERE sch."MyVersion".version_num = 'b1';

UPDATE sch."MyVersion" SET version_num='m1' WHERE sch."MyVersion".version_num = 'c1';

COMMIT;

BEGIN;

-- Running downgrade m1 -> b1, c1

INSERT INTO sch."MyVersion" (version_num) VALUES ('b1') RETURNING sch."MyVersion".version_num;

UPDATE sch."MyVersion" SET version_num='c1' WHERE sch."MyVersion".version_num = 'm1';

COMMIT;

BEGIN;

-- Running downgrade b1 -> a1

DROP TABLE t2;

DELETE FROM sch."MyVersion" WHERE sch."MyVersion".version_num = 'b1';

COMMIT;

BEGIN;

-- Running downgrade c1 -> a1

DROP TABLE t3;

UPDATE sch."MyVersion" SET version_num='a1' WHERE sch."MyVersion".version_num = 'c1';

COMMIT;

BEGIN;

-- Running downgrade a1 -> 

DROP TABLE t1;

DELETE FROM sch."MyVersion" WHERE sch."MyVersion".version_num = 'a1';

COMMIT;

DROP TABLE sch."MyVersion";

`

// Alembic's output for `upgrade heads --sql` on MySQL (non-transactional DDL).
const mysqlUpgradeHeads = `CREATE TABLE alembic_version (
    version_num VARCHAR(32) NOT NULL, 
    CONSTRAINT alembic_version_pkc PRIMARY KEY (version_num)
);

-- Running upgrade  -> a1

CREATE TABLE t1 (id INTEGER);

INSERT INTO alembic_version (version_num) VALUES ('a1');

-- Running upgrade a1 -> c1

CREATE TABLE t3 (id INTEGER);

UPDATE alembic_version SET version_num='c1' WHERE alembic_version.version_num = 'a1';

-- Running upgrade a1 -> b1

CREATE TABLE t2 (id INTEGER);

INSERT INTO alembic_version (version_num) VALUES ('b1');

-- Running upgrade b1, c1 -> m1

DELETE FROM alembic_version WHERE alembic_version.version_num = 'b1';

UPDATE alembic_version SET version_num='m1' WHERE alembic_version.version_num = 'c1';

`

// Alembic's output for the per-migration round trip on MySQL.
const mysqlPerMigrationRoundTrip = "-- Running upgrade a1 -> c1\n\nCREATE TABLE t3 (id INTEGER);\n\n" +
	"UPDATE sch.`MyVersion` SET version_num='c1' WHERE sch.`MyVersion`.version_num = 'a1';\n\n" +
	"-- Running upgrade a1 -> b1\n\nCREATE TABLE t2 (id INTEGER);\n\n" +
	"INSERT INTO sch.`MyVersion` (version_num) VALUES ('b1');\n\n" +
	"-- Running upgrade b1, c1 -> m1\n\n" +
	"DELETE FROM sch.`MyVersion` WHERE sch.`MyVersion`.version_num = 'b1';\n\n" +
	"UPDATE sch.`MyVersion` SET version_num='m1' WHERE sch.`MyVersion`.version_num = 'c1';\n\n" +
	"-- Running downgrade m1 -> b1, c1\n\n" +
	"INSERT INTO sch.`MyVersion` (version_num) VALUES ('b1');\n\n" +
	"UPDATE sch.`MyVersion` SET version_num='c1' WHERE sch.`MyVersion`.version_num = 'm1';\n\n" +
	"-- Running downgrade b1 -> a1\n\nDROP TABLE t2;\n\n" +
	"DELETE FROM sch.`MyVersion` WHERE sch.`MyVersion`.version_num = 'b1';\n\n" +
	"-- Running downgrade c1 -> a1\n\nDROP TABLE t3;\n\n" +
	"UPDATE sch.`MyVersion` SET version_num='a1' WHERE sch.`MyVersion`.version_num = 'c1';\n\n" +
	"-- Running downgrade a1 -> \n\nDROP TABLE t1;\n\n" +
	"DELETE FROM sch.`MyVersion` WHERE sch.`MyVersion`.version_num = 'a1';\n\n" +
	"DROP TABLE sch.`MyVersion`;\n\n"

// Alembic's `stamp b1 --sql` followed by `stamp b1:m1 --sql` on PostgreSQL.
const pgStamps = `BEGIN;

CREATE TABLE alembic_version (
    version_num VARCHAR(32) NOT NULL, 
    CONSTRAINT alembic_version_pkc PRIMARY KEY (version_num)
);

-- Running stamp_revision  -> b1

INSERT INTO alembic_version (version_num) VALUES ('b1') RETURNING alembic_version.version_num;

COMMIT;

BEGIN;

-- Running stamp_revision b1 -> m1

UPDATE alembic_version SET version_num='m1' WHERE alembic_version.version_num = 'b1';

COMMIT;

`

// Alembic's `ensure_version --sql` on PostgreSQL: the table is created and,
// since the (empty) run ends at base, dropped again.
const pgEnsureVersion = `BEGIN;

CREATE TABLE alembic_version (
    version_num VARCHAR(32) NOT NULL, 
    CONSTRAINT alembic_version_pkc PRIMARY KEY (version_num)
);

DROP TABLE alembic_version;

COMMIT;

`

// Alembic's output for a step using autocommit_block, `upgrade a1:a2 --sql`
// on PostgreSQL.
const pgAutocommit = `BEGIN;

-- Running upgrade a1 -> a2

INSERT INTO t1 VALUES (1);

COMMIT;

CREATE INDEX CONCURRENTLY ix ON t1 (id);

BEGIN;

INSERT INTO t1 VALUES (2);

UPDATE alembic_version SET version_num='a2' WHERE alembic_version.version_num = 'a1';

COMMIT;

`

var returning = regexp.MustCompile(` RETURNING [^;]*;`)

// sqliteFromPG derives retort's SQLite output from Alembic's PostgreSQL
// output: retort runs SQLite DDL transactionally, so BEGIN/COMMIT are placed
// as on PostgreSQL, and SQLite has no implicit RETURNING.
func sqliteFromPG(s string) string { return returning.ReplaceAllString(s, ";") }

func TestOffline(t *testing.T) {
	type run func(ctx context.Context, c *migration.Context, p *project) error
	upgradeHeads := func(ctx context.Context, c *migration.Context, p *project) error {
		return c.RunOffline(ctx, p.m, nil, p.fixed(true, "a1", "c1", "b1", "m1"))
	}
	roundTrip := func(ctx context.Context, c *migration.Context, p *project) error {
		if err := c.RunOffline(ctx, p.m, []string{"a1"}, p.fixed(true, "c1", "b1", "m1")); err != nil {
			return err
		}
		return c.RunOffline(ctx, p.m, []string{"m1"}, p.fixed(false, "m1", "b1", "c1", "a1"))
	}
	stamps := func(ctx context.Context, c *migration.Context, p *project) error {
		if err := c.Stamp(ctx, p.m, []string{"b1"}, false); err != nil {
			return err
		}
		return c.StampOffline(ctx, p.m, []string{"b1"}, []string{"m1"}, false)
	}
	ensure := func(ctx context.Context, c *migration.Context, p *project) error { return c.EnsureVersion(ctx) }
	autocommit := func(ctx context.Context, c *migration.Context, p *project) error {
		q := newProject(t,
			script{id: "a1", up: exec("CREATE TABLE t1 (id INTEGER)")},
			script{id: "a2", down: []string{"a1"}, up: func(ctx context.Context, sink ops.Sink) error {
				steps := []ops.Op{
					&ops.Execute{SQL: "INSERT INTO t1 VALUES (1)"},
					&ops.AutocommitBlock{Begin: true},
					&ops.Execute{SQL: "CREATE INDEX CONCURRENTLY ix ON t1 (id)"},
					&ops.AutocommitBlock{Begin: false},
					&ops.Execute{SQL: "INSERT INTO t1 VALUES (2)"},
				}
				for _, o := range steps {
					if err := sink.Invoke(ctx, o); err != nil {
						return err
					}
				}
				return nil
			}},
		)
		return c.RunOffline(ctx, q.m, []string{"a1"}, q.fixed(true, "a2"))
	}
	myVersion := migration.Options{VersionTable: "MyVersion", VersionTableSchema: "sch", TransactionPerMigration: true}

	tests := []struct {
		name    string
		dialect dialect.Dialect
		opts    migration.Options
		run     run
		want    string
	}{
		{"postgresql upgrade heads", postgres.New(), migration.Options{}, upgradeHeads, pgUpgradeHeads},
		{"mysql upgrade heads", mysql.New(), migration.Options{}, upgradeHeads, mysqlUpgradeHeads},
		{"sqlite upgrade heads", sqlite.New(), migration.Options{}, upgradeHeads, sqliteFromPG(pgUpgradeHeads)},
		{"postgresql per migration round trip", postgres.New(), myVersion, roundTrip, pgPerMigrationRoundTrip},
		{"mysql per migration round trip", mysql.New(), myVersion, roundTrip, mysqlPerMigrationRoundTrip},
		{"sqlite per migration round trip", sqlite.New(), myVersion, roundTrip, sqliteFromPG(pgPerMigrationRoundTrip)},
		{"postgresql stamps", postgres.New(), migration.Options{TransactionPerMigration: true}, stamps, pgStamps},
		{"postgresql ensure_version", postgres.New(), migration.Options{}, ensure, pgEnsureVersion},
		{"postgresql autocommit block", postgres.New(), migration.Options{}, autocommit, pgAutocommit},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var out bytes.Buffer
			c, err := migration.New(tt.dialect, nil, &out, tt.opts)
			if err != nil {
				t.Fatal(err)
			}
			if err := tt.run(context.Background(), c, oracleProject(t)); err != nil {
				t.Fatalf("run: %v", err)
			}
			if got := out.String(); got != tt.want {
				t.Errorf("output differs from Alembic's\n--- got\n%s\n--- want\n%s", got, tt.want)
			}
		})
	}
}

func TestOfflineEvents(t *testing.T) {
	var lines []string
	var out bytes.Buffer
	c, err := migration.New(postgres.New(), nil, &out, migration.Options{Events: func(e migration.Event) {
		if le, ok := e.(migration.LogEvent); ok {
			lines = append(lines, le.LogMessage())
		}
	}})
	if err != nil {
		t.Fatal(err)
	}
	p := oracleProject(t)
	if err := c.RunOffline(context.Background(), p.m, nil, p.fixed(true, "a1", "c1", "b1", "m1")); err != nil {
		t.Fatal(err)
	}
	want := []string{
		"Context impl PostgresqlImpl.",
		"Generating static SQL",
		"Will assume transactional DDL.",
		"Running upgrade  -> a1, create t1",
		"Running upgrade a1 -> c1, branch c",
		"Running upgrade a1 -> b1, branch b",
		"Running upgrade b1, c1 -> m1, merge",
	}
	if strings.Join(lines, "\n") != strings.Join(want, "\n") {
		t.Errorf("log lines:\n%s\nwant:\n%s", strings.Join(lines, "\n"), strings.Join(want, "\n"))
	}
}

func TestOfflineRefusals(t *testing.T) {
	var out bytes.Buffer
	c, err := migration.New(postgres.New(), nil, &out, migration.Options{})
	if err != nil {
		t.Fatal(err)
	}
	p := oracleProject(t)
	ctx := context.Background()
	if err := c.StampOffline(ctx, p.m, nil, []string{"a1"}, true); err == nil || err.Error() != "Can't use --purge with --sql mode" {
		t.Errorf("StampOffline(purge) error = %v, want Alembic's refusal", err)
	}
	if _, err := c.Heads(ctx); err == nil {
		t.Errorf("Heads in offline mode: want an error")
	}
	queried := errors.New("not called")
	q := newProject(t, script{id: "a1", up: func(ctx context.Context, sink ops.Sink) error {
		_, queried = sink.Query(ctx, "SELECT 1")
		return nil
	}})
	if err := c.RunOffline(ctx, q.m, nil, q.fixed(true, "a1")); err != nil {
		t.Fatal(err)
	}
	if !errors.Is(queried, ops.ErrOffline) {
		t.Errorf("Query offline error = %v, want ops.ErrOffline", queried)
	}
	if _, err := migration.New(postgres.New(), nil, nil, migration.Options{}); err == nil {
		t.Errorf("New without db or writer: want an error")
	}
	if _, err := migration.New(nil, nil, &out, migration.Options{}); err == nil {
		t.Errorf("New without a dialect: want an error")
	}
	noRevision := migration.Plan{Steps: []migration.PlannedStep{{}}}.Func()
	if err := c.RunOffline(ctx, p.m, nil, noRevision); err == nil || !strings.Contains(err.Error(), "no revision") {
		t.Errorf("plan step without a revision: error = %v", err)
	}
	planErr := errors.New("Destination x is not a valid upgrade target")
	failingPlan := func([]string) ([]migration.PlannedStep, error) { return nil, planErr }
	if err := c.RunOffline(ctx, p.m, nil, failingPlan); err != planErr {
		t.Errorf("plan error = %v, want it returned unchanged", err)
	}
}

func BenchmarkOffline5000(b *testing.B) {
	const n = 5000
	scripts := make([]script, n)
	ids := make([]string, n)
	for i := range scripts {
		id := fmt.Sprintf("r%05d", i)
		ids[i] = id
		scripts[i] = script{id: id, message: "step " + id, up: exec("CREATE TABLE t_" + id + " (id INTEGER)")}
		if i > 0 {
			scripts[i].down = []string{ids[i-1]}
		}
	}
	p := newProject(b, scripts...)
	plan := p.fixed(true, ids...)
	var out bytes.Buffer
	b.ResetTimer()
	for b.Loop() {
		out.Reset()
		c, err := migration.New(postgres.New(), nil, &out, migration.Options{})
		if err != nil {
			b.Fatal(err)
		}
		if err := c.RunOffline(context.Background(), p.m, nil, plan); err != nil {
			b.Fatal(err)
		}
	}
}
