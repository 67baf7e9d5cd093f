package dburl

import (
	"strings"
	"testing"
)

// Parse errors never show any part of a password made of the characters
// that break URLs: a raw "%" (not a valid escape), "@", ":" and "/".
func TestParseErrors_PasswordCharacters(t *testing.T) {
	tests := []struct {
		raw, want string
		secrets   []string
	}{
		{"postgresql://app:p%zz:ss@db/app", "invalid percent-encoding in the password: postgresql://app:***@db/app", []string{"zz", "p%", ":ss"}},
		{"postgresql://app:p%ss@w0rd@db/app", `invalid URL: "@" in the password must be percent-encoded as %40: postgresql://app:***@db/app`, []string{"w0rd", "p%ss"}},
		{"mysql://app:pa:ss@w0rd@db:3306/app", `invalid URL: "@" in the password must be percent-encoded as %40: mysql://app:***@db:3306/app`, []string{"pa:ss", "w0rd"}},
		{"postgresql://app:pa/ss@w0rd@db/app", `invalid URL: "@" in the password must be percent-encoded as %40: postgresql://app:***@db/app`, []string{"pa/ss", "w0rd"}},
		{"postgresql://app:pa/ss:w0rd@db:port/app", `invalid port "port" in URL: postgresql://app:***@db:port/app`, []string{"pa/ss", "w0rd", `"pa"`}},
		{"oracle://app:p%ss@w:rd@db/app", `unsupported database dialect "oracle"`, []string{"ss@w", "w:rd"}},
	}
	for _, tt := range tests {
		t.Run(tt.raw, func(t *testing.T) {
			_, err := Parse(tt.raw)
			if err == nil {
				t.Fatalf("Parse(%q) succeeded", tt.raw)
			}
			if !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error %q, want it to contain %q", err, tt.want)
			}
			for _, s := range tt.secrets {
				if strings.Contains(err.Error(), s) {
					t.Errorf("error %q shows %q of the password", err, s)
				}
			}
		})
	}
}

// A password may hold a raw "/" and ":" as SQLAlchemy's URL grammar allows
// ("user:" starts a password that runs to the next "@"); the rest of the
// URL parses as usual.
func TestParse_SlashInPassword(t *testing.T) {
	u, err := Parse("postgresql://app:pa/ss:w0rd@db:5433/app?sslmode=disable")
	if err != nil {
		t.Fatal(err)
	}
	if u.Username != "app" || u.Password != "pa/ss:w0rd" || u.Host != "db" || u.Port != 5433 || u.Database != "app" {
		t.Errorf("Parse = %+v, want app / pa/ss:w0rd @ db:5433 / app", u)
	}
	if got, want := u.String(), "postgresql://app:***@db:5433/app?sslmode=disable"; got != want {
		t.Errorf("String() = %q, want %q", got, want)
	}
	if got, want := Mask("password authentication failed for pa/ss:w0rd", u), "password authentication failed for ***"; got != want {
		t.Errorf("Mask = %q, want %q", got, want)
	}
	// Without a "/" in the password, "host:port/db" is no password.
	u, err = Parse("mysql://db:3306/app")
	if err != nil {
		t.Fatal(err)
	}
	if u.HasPassword || u.Host != "db" || u.Port != 3306 {
		t.Errorf("Parse(mysql://db:3306/app) = %+v", u)
	}
}
