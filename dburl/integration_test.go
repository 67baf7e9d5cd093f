package dburl_test

import (
	"context"
	"database/sql"
	"path/filepath"
	"testing"
	"time"

	_ "github.com/go-sql-driver/mysql"
	_ "github.com/jackc/pgx/v5/stdlib"
	_ "modernc.org/sqlite"

	"github.com/retort-dev/retort/dburl"
	"github.com/retort-dev/retort/internal/dbtest"
)

// openURL opens a connection the way retort's commands do: Parse, then
// sql.Open(DriverName, DSN).
func openURL(t *testing.T, raw string) *sql.DB {
	t.Helper()
	u, err := dburl.Parse(raw)
	if err != nil {
		t.Fatalf("Parse: %v", err)
	}
	dsn, err := u.DSN()
	if err != nil {
		t.Fatalf("DSN: %v", err)
	}
	db, err := sql.Open(u.DriverName(), dsn)
	if err != nil {
		t.Fatalf("sql.Open: %v", dburl.Mask(err.Error(), u))
	}
	t.Cleanup(func() { db.Close() })
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := db.PingContext(ctx); err != nil {
		t.Fatalf("ping %s: %v", u, dburl.Mask(err.Error(), u))
	}
	return db
}

func TestDSN_Postgres(t *testing.T) {
	_, raw := dbtest.Postgres(t)
	db := openURL(t, raw)
	var name string
	if err := db.QueryRow("SELECT current_database()").Scan(&name); err != nil {
		t.Fatal(err)
	}
	u, _ := dburl.Parse(raw)
	if name != u.Database {
		t.Errorf("connected to database %q, want %q", name, u.Database)
	}
}

func TestDSN_MySQL(t *testing.T) {
	_, raw := dbtest.MySQL(t)
	db := openURL(t, raw+"?charset=utf8mb4&connect_timeout=5")
	var name string
	if err := db.QueryRow("SELECT DATABASE()").Scan(&name); err != nil {
		t.Fatal(err)
	}
	u, _ := dburl.Parse(raw)
	if name != u.Database {
		t.Errorf("connected to database %q, want %q", name, u.Database)
	}
	var charset string
	if err := db.QueryRow("SELECT @@character_set_client").Scan(&charset); err != nil {
		t.Fatal(err)
	}
	if charset != "utf8mb4" {
		t.Errorf("character_set_client = %q, want utf8mb4", charset)
	}
}

func TestDSN_SQLite(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "odd name #1.db")
	db := openURL(t, "sqlite:///"+path)
	if _, err := db.Exec("CREATE TABLE t (x INTEGER)"); err != nil {
		t.Fatal(err)
	}
	var timeout int
	if err := db.QueryRow("PRAGMA busy_timeout").Scan(&timeout); err != nil {
		t.Fatal(err)
	}
	if timeout != dburl.SQLiteBusyTimeoutMillis {
		t.Errorf("busy_timeout = %d, want %d", timeout, dburl.SQLiteBusyTimeoutMillis)
	}
	// The file must be the one the URL names, not a mangled name.
	var file string
	if err := db.QueryRow("SELECT file FROM pragma_database_list WHERE name = 'main'").Scan(&file); err != nil {
		t.Fatal(err)
	}
	if file != path {
		t.Errorf("database file = %q, want %q", file, path)
	}
}

func TestDSN_SQLiteMemory(t *testing.T) {
	db := openURL(t, "sqlite://")
	db.SetMaxOpenConns(1)
	if _, err := db.Exec("CREATE TABLE t (x INTEGER)"); err != nil {
		t.Fatal(err)
	}
	var file string
	if err := db.QueryRow("SELECT file FROM pragma_database_list WHERE name = 'main'").Scan(&file); err != nil {
		t.Fatal(err)
	}
	if file != "" {
		t.Errorf("memory database has file %q", file)
	}
}
