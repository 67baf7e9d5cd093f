// Package dbtest gives tests fresh, throwaway databases on the real servers
// that scripts/dbup starts (PostgreSQL and MariaDB) and on SQLite files.
//
// Each helper returns an open *sql.DB and the SQLAlchemy-style URL of a new,
// empty database that is dropped when the test ends. When the server's
// environment variable (RETORT_TEST_POSTGRES_URL, RETORT_TEST_MYSQL_URL) is
// unset the test is skipped on a laptop, but fails when CI=true: integration
// tests never go missing silently in CI.
package dbtest

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	_ "github.com/go-sql-driver/mysql" // MySQL/MariaDB driver, test-only
	_ "github.com/jackc/pgx/v5/stdlib" // PostgreSQL driver, test-only
	_ "modernc.org/sqlite"             // SQLite driver, test-only
)

// PostgresEnv and MySQLEnv name the variables that point at the servers.
const (
	PostgresEnv = "RETORT_TEST_POSTGRES_URL"
	MySQLEnv    = "RETORT_TEST_MYSQL_URL"
)

func serverURL(t testing.TB, env string) *url.URL {
	t.Helper()
	raw := os.Getenv(env)
	if raw == "" {
		if os.Getenv("CI") == "true" {
			t.Fatalf("%s is not set, and CI=true: integration tests must run in CI (see scripts/dbup)", env)
		}
		t.Skipf("%s not set; run eval \"$(scripts/dbup)\" to start the servers", env)
	}
	u, err := url.Parse(raw)
	if err != nil {
		t.Fatalf("%s: %v", env, err)
	}
	return u
}

func uniqueName() string {
	var b [6]byte
	_, _ = rand.Read(b[:])
	return "retort_t_" + hex.EncodeToString(b[:])
}

// Postgres creates a new database on the PostgreSQL test server.
func Postgres(t testing.TB) (*sql.DB, string) {
	t.Helper()
	u := serverURL(t, PostgresEnv)
	admin, err := sql.Open("pgx", u.String())
	if err != nil {
		t.Fatalf("postgres: %v", err)
	}
	t.Cleanup(func() { admin.Close() })
	name := uniqueName()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	if _, err := admin.ExecContext(ctx, "CREATE DATABASE "+name); err != nil {
		t.Fatalf("postgres: create database: %v", err)
	}
	dbURL := *u
	dbURL.Path = "/" + name
	db, err := sql.Open("pgx", dbURL.String())
	if err != nil {
		t.Fatalf("postgres: %v", err)
	}
	t.Cleanup(func() {
		db.Close()
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		defer cancel()
		if _, err := admin.ExecContext(ctx, "DROP DATABASE IF EXISTS "+name+" WITH (FORCE)"); err != nil {
			t.Errorf("postgres: drop database %s: %v", name, err)
		}
	})
	return db, dbURL.String()
}

// MySQLDSN turns a mysql:// URL into a go-sql-driver/mysql DSN.
func MySQLDSN(u *url.URL) string {
	pass, _ := u.User.Password()
	return fmt.Sprintf("%s:%s@tcp(%s)/%s?parseTime=true&multiStatements=false",
		u.User.Username(), pass, u.Host, strings.TrimPrefix(u.Path, "/"))
}

// MySQL creates a new database on the MariaDB/MySQL test server.
func MySQL(t testing.TB) (*sql.DB, string) {
	t.Helper()
	u := serverURL(t, MySQLEnv)
	admin, err := sql.Open("mysql", MySQLDSN(u))
	if err != nil {
		t.Fatalf("mysql: %v", err)
	}
	t.Cleanup(func() { admin.Close() })
	name := uniqueName()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	if _, err := admin.ExecContext(ctx, "CREATE DATABASE "+name); err != nil {
		t.Fatalf("mysql: create database: %v", err)
	}
	dbURL := *u
	dbURL.Path = "/" + name
	db, err := sql.Open("mysql", MySQLDSN(&dbURL))
	if err != nil {
		t.Fatalf("mysql: %v", err)
	}
	t.Cleanup(func() {
		db.Close()
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		defer cancel()
		if _, err := admin.ExecContext(ctx, "DROP DATABASE IF EXISTS "+name); err != nil {
			t.Errorf("mysql: drop database %s: %v", name, err)
		}
	})
	return db, dbURL.String()
}

// SQLiteDSN is the modernc.org/sqlite DSN retort's tests use for a file.
func SQLiteDSN(path string) string {
	return "file:" + path + "?_pragma=busy_timeout(30000)"
}

// SQLite creates a new SQLite database file in the test's temporary directory.
func SQLite(t testing.TB) (*sql.DB, string) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "test.db")
	db, err := sql.Open("sqlite", SQLiteDSN(path))
	if err != nil {
		t.Fatalf("sqlite: %v", err)
	}
	if err := db.Ping(); err != nil {
		t.Fatalf("sqlite: %v", err)
	}
	t.Cleanup(func() { db.Close() })
	return db, "sqlite:///" + path
}
