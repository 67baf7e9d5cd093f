package pyscript_test

import (
	"strings"
	"testing"
)

// op.sync_enum_values (the alembic_postgresql_enum plugin's op), offline.
// The expected statements follow the plugin's steps, read from its source
// (1.8): rename the type, create the new one, the = and != helpers between
// the two, each column's default dropped, its type changed through text
// (renamed values mapped) and its default set again, then the helpers and
// the old type dropped. The plugin is not installed here, so its own
// output could not be recorded.
func TestSyncEnumValuesOffline(t *testing.T) {
	src := moduleScript(`import alembic_postgresql_enum
from alembic_postgresql_enum import TableReference, ColumnType


def upgrade():
    op.sync_enum_values(
        enum_schema="public",
        enum_name="status",
        new_values=["active", "archived"],
        affected_columns=[
            TableReference(table_schema="public", table_name="orders", column_name="status", existing_server_default="'active'::status"),
            TableReference(table_name="orders", column_name="history", column_type=ColumnType.ARRAY),
        ],
        enum_values_to_rename=[("old", "archived")],
    )`)
	got, err := offlineScriptSQL(t, "postgresql", src)
	if err != nil {
		t.Fatal(err)
	}
	params := `new_enum_val "public"."status", old_enum_val "public"."status_old"`
	want := []string{
		`ALTER TYPE "public"."status" RENAME TO status_old`,
		`CREATE TYPE "public"."status" AS ENUM('active', 'archived')`,
		`CREATE FUNCTION new_old_not_equals(` + params + `) RETURNS boolean AS $$ SELECT new_enum_val::text != CASE WHEN old_enum_val::text = 'old' THEN 'archived' ELSE old_enum_val::text END; $$ LANGUAGE SQL IMMUTABLE`,
		`CREATE OPERATOR != (leftarg = "public"."status", rightarg = "public"."status_old", procedure = new_old_not_equals)`,
		`CREATE FUNCTION new_old_equals(` + params + `) RETURNS boolean AS $$ SELECT new_enum_val::text = CASE WHEN old_enum_val::text = 'old' THEN 'archived' ELSE old_enum_val::text END; $$ LANGUAGE SQL IMMUTABLE`,
		`CREATE OPERATOR = (leftarg = "public"."status", rightarg = "public"."status_old", procedure = new_old_equals)`,
		`ALTER TABLE "public"."orders" ALTER COLUMN "status" DROP DEFAULT`,
		`ALTER TABLE "public"."orders" ALTER COLUMN "status" TYPE "public"."status" USING CASE WHEN "status"::text = 'old' THEN 'archived'::"public"."status" ELSE "status"::text::"public"."status" END`,
		`ALTER TABLE "public"."orders" ALTER COLUMN "status" SET DEFAULT 'active'::public.status`,
		`ALTER TABLE "public"."orders" ALTER COLUMN "history" TYPE "public"."status"[] USING array_replace("history"::text[], 'old', 'archived')::"public"."status"[]`,
		`DROP FUNCTION new_old_not_equals(` + params + `) CASCADE`,
		`DROP FUNCTION new_old_equals(` + params + `) CASCADE`,
		`DROP TYPE "public"."status_old"`,
	}
	if w := strings.Join(want, ";\n\n") + ";\n\n"; got != w {
		t.Errorf("got\n%s\nwant\n%s", got, w)
	}
}

// Offline, a column given as a (table, column) tuple has a default only
// the database knows: a clear error instead of SQL that may fail.
func TestSyncEnumValuesOfflineTupleColumns(t *testing.T) {
	_, err := offlineSQL(t, "postgresql", `op.sync_enum_values("public", "status", ["a"], [("orders", "status")])`)
	if err == nil || !strings.Contains(err.Error(), "a1_x.py:12:") || !strings.Contains(err.Error(), "existing_server_default") {
		t.Fatalf("got %v", err)
	}
}

// Online on PostgreSQL: rows keep their values (a renamed one mapped), the
// default is renamed, a partial index comparing with a literal does not
// stop the change, and the type has the new labels; old-style tuple
// columns get their default read.
func TestSyncEnumValuesOnline(t *testing.T) {
	db := openDB(t, "postgresql")
	mustExec(t, db,
		"CREATE TYPE status AS ENUM ('active', 'old', 'gone')",
		"CREATE TABLE orders (id INTEGER PRIMARY KEY, status status NOT NULL DEFAULT 'old', tags status[])",
		"CREATE INDEX ix_orders_active ON orders (id) WHERE status = 'active'",
		"INSERT INTO orders VALUES (1, 'active', ARRAY['old']::status[]), (2, 'old', NULL)")
	body := `op.sync_enum_values("public", "status", ["active", "archived"],
    [("orders", "status"), ("orders", "tags", ColumnType.ARRAY)],
    enum_values_to_rename=[("old", "archived")])`
	if err := onlineRun(t, "postgresql", db, "from alembic_postgresql_enum import ColumnType\n"+body); err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(queryStrings(t, db, "SELECT status::text || ' ' || COALESCE(tags::text, '-') FROM orders ORDER BY id"), ","); got != "active {archived},archived -" {
		t.Errorf("rows %q", got)
	}
	if got := strings.Join(queryStrings(t, db, "SELECT e.enumlabel FROM pg_enum e JOIN pg_type t ON t.oid = e.enumtypid WHERE t.typname = 'status' ORDER BY e.enumsortorder"), ","); got != "active,archived" {
		t.Errorf("labels %q", got)
	}
	if got := queryStrings(t, db, "SELECT column_default FROM information_schema.columns WHERE table_name = 'orders' AND column_name = 'status'"); len(got) != 1 || got[0] != "'archived'::status" {
		t.Errorf("default %q", got)
	}
	if got := queryStrings(t, db, "SELECT count(*) FROM pg_type WHERE typname = 'status_old'"); got[0] != "0" {
		t.Errorf("old type left behind")
	}
	// The partial index compared with the old type while the column
	// changed, through the helper operator; dropping the helpers with
	// CASCADE drops it, as the plugin does.
	if got := queryStrings(t, db, "SELECT indexname FROM pg_indexes WHERE tablename = 'orders' AND indexname = 'ix_orders_active'"); len(got) != 0 {
		t.Errorf("partial index %q kept; the plugin's CASCADE drops it", got)
	}
}

// On other dialects the plugin only warns; so does retort.
func TestSyncEnumValuesSkipsOtherDialects(t *testing.T) {
	got, err := offlineSQL(t, "sqlite", `op.sync_enum_values("public", "status", ["a"], [("orders", "status")])`)
	if err != nil || got != "" {
		t.Fatalf("got %q, %v", got, err)
	}
}
