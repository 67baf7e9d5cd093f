package dburl

import (
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

func TestParse(t *testing.T) {
	tests := []struct {
		raw  string
		want URL
	}{
		{"postgresql://scott:tiger@localhost/test", URL{Dialect: "postgresql", Username: "scott", Password: "tiger", HasPassword: true, Host: "localhost", Database: "test", HasDatabase: true}},
		{"postgresql+psycopg2://scott:p%40ss%3Aw%2Fd@db.example.com:5433/app?sslmode=require&application_name=my%20app",
			URL{Dialect: "postgresql", Driver: "psycopg2", Username: "scott", Password: "p@ss:w/d", HasPassword: true, Host: "db.example.com", Port: 5433, Database: "app", HasDatabase: true,
				Query: []QueryParam{{"sslmode", "require"}, {"application_name", "my app"}}}},
		{"postgres://u@h/d", URL{Dialect: "postgresql", Username: "u", Host: "h", Database: "d", HasDatabase: true}},
		{"mysql+pymysql://u:pw@[::1]:3306/db?charset=utf8mb4", URL{Dialect: "mysql", Driver: "pymysql", Username: "u", Password: "pw", HasPassword: true, Host: "::1", Port: 3306, Database: "db", HasDatabase: true, Query: []QueryParam{{"charset", "utf8mb4"}}}},
		{"mariadb://u@h/db", URL{Dialect: "mysql", Flavor: "mariadb", Username: "u", Host: "h", Database: "db", HasDatabase: true}},
		{"mariadb+mariadbconnector://u@h/db", URL{Dialect: "mysql", Flavor: "mariadb", Driver: "mariadbconnector", Username: "u", Host: "h", Database: "db", HasDatabase: true}},
		{"sqlite://", URL{Dialect: "sqlite"}},
		{"sqlite:///rel.db", URL{Dialect: "sqlite", Database: "rel.db", HasDatabase: true}},
		{"sqlite:////abs/x.db", URL{Dialect: "sqlite", Database: "/abs/x.db", HasDatabase: true}},
		{"sqlite:///:memory:", URL{Dialect: "sqlite", Database: ":memory:", HasDatabase: true}},
		{"sqlite:///a%20b.db", URL{Dialect: "sqlite", Database: "a%20b.db", HasDatabase: true}},
		{"postgresql://u:@h/d", URL{Dialect: "postgresql", Username: "u", HasPassword: true, Host: "h", Database: "d", HasDatabase: true}},
		{"postgresql:///d?host=/var/run/postgresql", URL{Dialect: "postgresql", Database: "d", HasDatabase: true, Query: []QueryParam{{"host", "/var/run/postgresql"}}}},
		{"postgresql://h/d?empty=&a=x+y", URL{Dialect: "postgresql", Host: "h", Database: "d", HasDatabase: true, Query: []QueryParam{{"a", "x y"}}}},
		{"postgresql://h", URL{Dialect: "postgresql", Host: "h"}},
	}
	for _, tt := range tests {
		t.Run(tt.raw, func(t *testing.T) {
			got, err := Parse(tt.raw)
			if err != nil {
				t.Fatalf("Parse: %v", err)
			}
			if !reflect.DeepEqual(*got, tt.want) {
				t.Errorf("got  %+v\nwant %+v", *got, tt.want)
			}
		})
	}
}

func TestParse_UnsupportedDialectIsTyped(t *testing.T) {
	_, err := Parse("oracle://scott:tiger@h/db")
	if !errors.Is(err, ErrUnsupportedDialect) {
		t.Errorf("error %v does not match ErrUnsupportedDialect", err)
	}
	if _, err := Parse("postgresql://h:x/db"); errors.Is(err, ErrUnsupportedDialect) {
		t.Errorf("a bad port matched ErrUnsupportedDialect: %v", err)
	}
}

func TestParseErrors(t *testing.T) {
	tests := []struct {
		raw     string
		wantMsg string
	}{
		{"not a url", "Could not parse SQLAlchemy URL from string 'not a url'"},
		{"user:secret@host/db", "Could not parse SQLAlchemy URL from string 'user:***@host/db'"},
		{"postgresql//u:secret@h/db", "Could not parse SQLAlchemy URL from string 'postgresql//u:***@h/db'"},
		{"oracle://scott:tiger@h/db", `unsupported database dialect "oracle"`},
		{"postgresql://u:secret@h:port/db", `invalid port "port"`},
		{"postgresql://u:secret@h:70000/db", `invalid port "70000"`},
		{"postgresql://u:se@cret@h/db", `"@" in the password must be percent-encoded`},
		{"postgresql://u:secret@[::1/db", "unterminated ["},
		{"postgresql+://u:secret@h/db", "invalid driver"},
		{"sqlite://relative.db", "invalid sqlite URL"},
		{"postgresql://u:sec%zzret@h/db", "invalid percent-encoding in the password"},
	}
	for _, tt := range tests {
		t.Run(tt.raw, func(t *testing.T) {
			_, err := Parse(tt.raw)
			if err == nil {
				t.Fatalf("Parse(%q) succeeded, want error containing %q", tt.raw, tt.wantMsg)
			}
			if !strings.Contains(err.Error(), tt.wantMsg) {
				t.Errorf("error %q does not contain %q", err, tt.wantMsg)
			}
			for _, secret := range []string{"secret", "tiger", "cret"} {
				if strings.Contains(err.Error(), secret) {
					t.Errorf("error %q leaks the password", err)
				}
			}
			var ue *Error
			if !errors.As(err, &ue) {
				t.Errorf("error %T is not a *dburl.Error", err)
			}
		})
	}
}

// The expected strings are SQLAlchemy 1.4's repr() of the same URLs.
func TestURL_String(t *testing.T) {
	tests := []struct{ raw, want string }{
		{"postgresql://scott:tiger@localhost/test", "postgresql://scott:***@localhost/test"},
		{"postgresql+psycopg2://scott:p%40ss%3Aw%2Fd@db.example.com:5433/app?sslmode=require&application_name=my%20app",
			"postgresql+psycopg2://scott:***@db.example.com:5433/app?application_name=my+app&sslmode=require"},
		{"mysql+pymysql://u:pw@[::1]:3306/db?charset=utf8mb4", "mysql+pymysql://u:***@[::1]:3306/db?charset=utf8mb4"},
		{"mariadb://u@h/db", "mariadb://u@h/db"},
		{"sqlite://", "sqlite://"},
		{"sqlite:///rel.db", "sqlite:///rel.db"},
		{"sqlite:////abs/x.db", "sqlite:////abs/x.db"},
		{"sqlite:///:memory:", "sqlite:///:memory:"},
		{"postgresql://u:@h/d", "postgresql://u:***@h/d"},
		{"postgresql://h/d?b=2&a=1&b=0", "postgresql://h/d?a=1&b=2&b=0"},
		{"postgresql://us%20er:x@h/d", "postgresql://us er:***@h/d"},
		{"postgresql://u:p~q@h/d?x=a~b+c", "postgresql://u:***@h/d?x=a~b+c"},
		{"postgresql:///d?host=/var/run/postgresql", "postgresql:///d?host=%2Fvar%2Frun%2Fpostgresql"},
		{"sqlite:///a%20b.db", "sqlite:///a%20b.db"},
		{"postgres://u:pw@h/d", "postgresql://u:***@h/d"},
	}
	for _, tt := range tests {
		t.Run(tt.raw, func(t *testing.T) {
			u, err := Parse(tt.raw)
			if err != nil {
				t.Fatal(err)
			}
			if got := u.String(); got != tt.want {
				t.Errorf("String() = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestURL_UnmaskedRoundTrip(t *testing.T) {
	raw := "postgresql://scott:p%40ss%3Aw%2Fd@h:5432/app"
	u, err := Parse(raw)
	if err != nil {
		t.Fatal(err)
	}
	if got := u.Unmasked(); got != raw {
		t.Errorf("Unmasked() = %q, want %q", got, raw)
	}
}

func TestURL_DriverNameAndDSN(t *testing.T) {
	cwd, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		raw, driver, dsn string
	}{
		{"postgresql://scott:tiger@localhost/test", "pgx", "postgres://scott:tiger@localhost/test"},
		{"postgresql+psycopg2://scott:p%40ss%3Aw%2Fd@db:5433/app?sslmode=require&application_name=my%20app", "pgx",
			"postgres://scott:p%40ss%3Aw%2Fd@db:5433/app?sslmode=require&application_name=my+app"},
		{"postgresql:///d?host=/var/run/postgresql", "pgx", "postgres:///d?host=%2Fvar%2Frun%2Fpostgresql"},
		{"postgresql://u@[::1]:5432/d", "pgx", "postgres://u@[::1]:5432/d"},
		{"mysql://root:pw@127.0.0.1:3307/app?charset=utf8mb4", "mysql", "root:pw@tcp(127.0.0.1:3307)/app?parseTime=true&charset=utf8mb4"},
		{"mariadb+pymysql://u:p%2Fw@db/app", "mysql", "u:p/w@tcp(db:3306)/app?parseTime=true"},
		{"mysql://u@/app?unix_socket=/run/mysqld/mysqld.sock&connect_timeout=5", "mysql", "u@unix(/run/mysqld/mysqld.sock)/app?parseTime=true&timeout=5s"},
		{"mysql://u@h/app?ssl_mode=REQUIRED&parseTime=false&binary_prefix=true", "mysql", "u@tcp(h:3306)/app?tls=skip-verify&parseTime=false"},
		{"mysql://u@[::1]/app", "mysql", "u@tcp([::1]:3306)/app?parseTime=true"},
		{"mysql:///app", "mysql", "/app?parseTime=true"},
		{"sqlite://", "sqlite", ":memory:?_pragma=busy_timeout(30000)&_txlock=immediate"},
		{"sqlite:///:memory:", "sqlite", ":memory:?_pragma=busy_timeout(30000)&_txlock=immediate"},
		{"sqlite:////abs/x.db", "sqlite", "/abs/x.db?_pragma=busy_timeout(30000)&_txlock=immediate"},
		{"sqlite:///rel.db?timeout=5", "sqlite", filepath.Join(cwd, "rel.db") + "?_pragma=busy_timeout(5000)&_txlock=immediate"},
		{"sqlite:////abs/a#b.db", "sqlite", "file:/abs/a%23b.db?_pragma=busy_timeout(30000)&_txlock=immediate"},
		{"sqlite:///file:/abs/x.db?mode=ro&uri=true", "sqlite", "file:/abs/x.db?mode=ro&_pragma=busy_timeout(30000)&_txlock=immediate"},
		{"sqlite:////abs/x.db?check_same_thread=false", "sqlite", "/abs/x.db?_pragma=busy_timeout(30000)&_txlock=immediate"},
	}
	for _, tt := range tests {
		t.Run(tt.raw, func(t *testing.T) {
			u, err := Parse(tt.raw)
			if err != nil {
				t.Fatal(err)
			}
			if got := u.DriverName(); got != tt.driver {
				t.Errorf("DriverName() = %q, want %q", got, tt.driver)
			}
			got, err := u.DSN()
			if err != nil {
				t.Fatalf("DSN: %v", err)
			}
			if got != tt.dsn {
				t.Errorf("DSN() = %q, want %q", got, tt.dsn)
			}
		})
	}
}

func TestURL_DSNErrors(t *testing.T) {
	tests := []struct{ raw, want string }{
		{"mysql://u:secret@h/app?init_command=SET+x%3D1", `unsupported mysql URL query parameter "init_command"`},
		{"mysql://u:secret@h/app?ssl_mode=sometimes", `unknown ssl_mode "sometimes"`},
		{"mysql://u:secret@h/app?connect_timeout=soon", `connect_timeout="soon" is not a number of seconds`},
		{"sqlite:///x.db?journal=wal", `unsupported sqlite URL query parameter "journal"`},
		{"sqlite:///x.db?timeout=never", `timeout="never" is not a number of seconds`},
	}
	for _, tt := range tests {
		t.Run(tt.raw, func(t *testing.T) {
			u, err := Parse(tt.raw)
			if err != nil {
				t.Fatal(err)
			}
			_, err = u.DSN()
			if err == nil {
				t.Fatalf("DSN() succeeded, want error containing %q", tt.want)
			}
			if !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error %q does not contain %q", err, tt.want)
			}
			if strings.Contains(err.Error(), "secret") {
				t.Errorf("error %q leaks the password", err)
			}
		})
	}
}

func TestURL_IsMemory(t *testing.T) {
	tests := map[string]bool{
		"sqlite://": true, "sqlite:///": true, "sqlite:///:memory:": true,
		"sqlite:///x.db": false, "postgresql:///": false,
	}
	for raw, want := range tests {
		u, err := Parse(raw)
		if err != nil {
			t.Fatal(err)
		}
		if got := u.IsMemory(); got != want {
			t.Errorf("%s: IsMemory() = %v, want %v", raw, got, want)
		}
	}
}

func TestMask(t *testing.T) {
	u, err := Parse("postgresql://scott:p%40ss%2Fw@h/d")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct{ in, want string }{
		{`connect "postgres://scott:p%40ss%2Fw@h/d": password authentication failed`, `connect "postgres://scott:***@h/d": password authentication failed`},
		{"password p@ss/w rejected", "password *** rejected"},
		{"nothing to hide", "nothing to hide"},
	}
	for _, tt := range tests {
		if got := Mask(tt.in, u); got != tt.want {
			t.Errorf("Mask(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
	short, err := Parse("mysql://root:pw@h/db")
	if err != nil {
		t.Fatal(err)
	}
	if got, want := Mask(`Access denied for user 'root' (password pw) at pwd; dsn root:pw@tcp(h)/db`, short),
		`Access denied for user 'root' (password ***) at pwd; dsn root:***@tcp(h)/db`; got != want {
		t.Errorf("Mask with a short password = %q, want %q", got, want)
	}
	if got := Mask("x", nil); got != "x" {
		t.Errorf("Mask with nil URL = %q", got)
	}
}
