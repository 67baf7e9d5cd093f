package app_test

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"net/url"
	"os"
	"path/filepath"
	"testing"

	_ "github.com/jackc/pgx/v5/stdlib"
	_ "modernc.org/sqlite"

	"github.com/retort-dev/retort"
	"github.com/retort-dev/retort/retorttest"

	"example.com/goapp/app"
)

// sqliteDB is a throwaway SQLite file.
func sqliteDB(t *testing.T) *sql.DB {
	db, err := sql.Open("sqlite", filepath.Join(t.TempDir(), "app.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

// postgresDB is a fresh database on the server RETORT_TEST_POSTGRES_URL
// names, dropped at the end; the test is skipped without the variable.
func postgresDB(t *testing.T) *sql.DB {
	raw := os.Getenv("RETORT_TEST_POSTGRES_URL")
	if raw == "" {
		t.Skip("RETORT_TEST_POSTGRES_URL not set")
	}
	admin, err := sql.Open("pgx", raw)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { admin.Close() })
	var b [6]byte
	_, _ = rand.Read(b[:])
	name := "goapp_t_" + hex.EncodeToString(b[:])
	if _, err := admin.Exec("CREATE DATABASE " + name); err != nil {
		t.Fatal(err)
	}
	u, err := url.Parse(raw)
	if err != nil {
		t.Fatal(err)
	}
	u.Path = "/" + name
	db, err := sql.Open("pgx", u.String())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		db.Close()
		if _, err := admin.Exec("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)"); err != nil {
			t.Errorf("drop database %s: %v", name, err)
		}
	})
	return db
}

func provider(t *testing.T, d retort.Dialect, db *sql.DB) *retort.Provider {
	p, err := retort.NewProvider(d, db, app.Scripts(), retort.WithMigrations(app.Migrations()...))
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func TestStairwaySQLite(t *testing.T) {
	retorttest.Stairway(t, provider(t, retort.SQLite, sqliteDB(t)))
}

func TestStairwayPostgreSQL(t *testing.T) {
	retorttest.Stairway(t, provider(t, retort.PostgreSQL, postgresDB(t)))
}

func TestRoundTripSQLite(t *testing.T) {
	retorttest.UpgradeDowngradeRoundTrip(t, provider(t, retort.SQLite, sqliteDB(t)))
}

func TestRoundTripPostgreSQL(t *testing.T) {
	retorttest.UpgradeDowngradeRoundTrip(t, provider(t, retort.PostgreSQL, postgresDB(t)))
}

// TestWelcomeNote: the Go migration's row is there at head.
func TestWelcomeNote(t *testing.T) {
	db := sqliteDB(t)
	res, err := provider(t, retort.SQLite, db).Upgrade(context.Background(), "head")
	if err != nil {
		t.Fatal(err)
	}
	if got := len(res.Steps); got != 3 {
		t.Fatalf("%d steps, want 3", got)
	}
	var body string
	if err := db.QueryRow("SELECT body FROM notes WHERE id = 1").Scan(&body); err != nil || body != "Migrations in Go" {
		t.Errorf("welcome note body = %q, %v", body, err)
	}
}
