package dburl_test

import (
	"testing"

	"github.com/go-sql-driver/mysql"
	"github.com/jackc/pgx/v5"

	"github.com/retort-dev/retort/dburl"
)

// The DSNs must mean to the real drivers what the URL means to SQLAlchemy,
// including passwords full of URL syntax.
func TestDSN_DriversReadBack(t *testing.T) {
	const password = "p@ss:w/rd?#%&= x"
	const encoded = "p%40ss%3Aw%2Frd%3F%23%25%26%3D%20x"

	t.Run("pgx", func(t *testing.T) {
		u, err := dburl.Parse("postgresql+psycopg2://sc%40tt:" + encoded + "@db.example.com:5433/a%20pp?sslmode=disable&application_name=retort")
		if err != nil {
			t.Fatal(err)
		}
		dsn, err := u.DSN()
		if err != nil {
			t.Fatal(err)
		}
		cfg, err := pgx.ParseConfig(dsn)
		if err != nil {
			t.Fatalf("pgx.ParseConfig: %v", dburl.Mask(err.Error(), u))
		}
		if cfg.User != "sc@tt" || cfg.Password != password || cfg.Host != "db.example.com" || cfg.Port != 5433 || cfg.Database != "a%20pp" {
			t.Errorf("pgx config = user %q host %q port %d db %q (password ok: %v)", cfg.User, cfg.Host, cfg.Port, cfg.Database, cfg.Password == password)
		}
		if got := cfg.RuntimeParams["application_name"]; got != "retort" {
			t.Errorf("application_name = %q", got)
		}
	})

	t.Run("mysql", func(t *testing.T) {
		u, err := dburl.Parse("mysql+pymysql://root:" + encoded + "@[::1]:3307/a%20pp?charset=utf8mb4&read_timeout=2.5")
		if err != nil {
			t.Fatal(err)
		}
		dsn, err := u.DSN()
		if err != nil {
			t.Fatal(err)
		}
		cfg, err := mysql.ParseDSN(dsn)
		if err != nil {
			t.Fatalf("mysql.ParseDSN: %v", dburl.Mask(err.Error(), u))
		}
		if cfg.User != "root" || cfg.Passwd != password || cfg.Net != "tcp" || cfg.Addr != "[::1]:3307" || cfg.DBName != "a%20pp" {
			t.Errorf("mysql config = user %q net %q addr %q db %q (password ok: %v)", cfg.User, cfg.Net, cfg.Addr, cfg.DBName, cfg.Passwd == password)
		}
		if !cfg.ParseTime || cfg.ReadTimeout.Seconds() != 2.5 {
			t.Errorf("parseTime = %v, readTimeout = %v", cfg.ParseTime, cfg.ReadTimeout)
		}
	})
}
