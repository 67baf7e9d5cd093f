package dburl

import (
	"strings"
	"testing"
)

// FuzzParse checks that Parse never panics, that a parsed URL renders to a
// string Parse accepts again with the same parts, and that DSN never panics.
func FuzzParse(f *testing.F) {
	for _, s := range []string{
		"postgresql://scott:tiger@localhost:5432/test?sslmode=require",
		"mysql+pymysql://u:p%40w@[::1]/db?charset=utf8mb4",
		"sqlite:////abs/x.db?timeout=3", "sqlite://", "mariadb://u@h/d",
		"postgres://a:b@c", "x://", "://", "sqlite:///a#b?c=d",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, raw string) {
		u, err := Parse(raw)
		if err != nil {
			return
		}
		_, _ = u.DSN()
		_ = Mask(raw, u)
		again, err := Parse(u.Unmasked())
		if err != nil {
			t.Fatalf("Parse(%q) ok, but its rendering %q fails: %v", raw, u.Unmasked(), err)
		}
		if again.Username != u.Username || again.Password != u.Password || again.Host != u.Host ||
			again.Port != u.Port || again.Database != u.Database || again.Dialect != u.Dialect {
			t.Fatalf("round trip of %q changed it: %+v -> %+v", raw, u, again)
		}
		if u.HasPassword && len(u.Password) >= 4 && strings.Contains(Mask("x "+u.Unmasked()+" y", u), u.Password) {
			t.Fatalf("Mask left the password of %q", raw)
		}
	})
}
