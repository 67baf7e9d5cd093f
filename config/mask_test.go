package config

import (
	"strings"
	"testing"
)

// No interpolation error shows any part of a password, whichever way the
// password breaks the value: a "%" that is not "%%", an "@" or a ":" in it,
// a "${" reference, or a %(name)s reference in the password's place (whose
// own errors then show nothing of the referenced value). The rest of the
// message keeps configparser's wording.
func TestLoad_InterpolationErrorsMaskPasswords(t *testing.T) {
	tests := []struct {
		name, ini, want string
		secrets         []string // no fragment of these may show
	}{
		{"percent in the password",
			"[alembic]\nsqlalchemy.url = postgresql://app:p%ss@w0rd@db/app\n",
			"option 'sqlalchemy.url' in section 'alembic': '%' must be followed by '%' or '(', found: '***@db/app'",
			[]string{"ss@w0rd", "w0rd"}},
		{"percent after a colon in the password",
			"[alembic]\nsqlalchemy.url = mysql://app:pa:ss%z@db:3306/app\n",
			"option 'sqlalchemy.url' in section 'alembic': '%' must be followed by '%' or '(', found: '***@db:3306/app'",
			[]string{"pa:ss", "ss%z", "%z"}},
		{"lone percent ending the password",
			"[alembic]\nsqlalchemy.url = postgresql://app:s3cret%@db/app\n",
			"option 'sqlalchemy.url' in section 'alembic': '%' must be followed by '%' or '(', found: '***@db/app'",
			[]string{"s3cret"}},
		{"bad reference in the password",
			"[alembic]\nsqlalchemy.url = postgresql://app:s3%(cr)et@db/app\n",
			"option 'sqlalchemy.url' in section 'alembic': bad interpolation variable reference '***@db/app'",
			[]string{"cr)et", "s3"}},
		{"unknown key in the password",
			"[alembic]\nsqlalchemy.url = postgresql://app:s3%(cr)set@db/app\n",
			"Bad value substitution: option 'sqlalchemy.url' in section 'alembic' contains an interpolation key '***' which is not a valid option name. Raw value: 'postgresql://app:***@db/app'",
			[]string{"cr", "s3", "set"}},
		{"referenced password key",
			"[alembic]\npw = se%cr@t\nsqlalchemy.url = postgresql://app:%(pw)s@db/app\n",
			"option 'pw' in section 'alembic': '%' must be followed by '%' or '(', found: '***'",
			[]string{"cr@t", "se%"}},
		{"password key referenced from DEFAULT",
			"[DEFAULT]\npw = p@ss%\n[alembic]\nsqlalchemy.url = postgresql://app:%(pw)s@db/app\n",
			"option 'pw' in section 'alembic': '%' must be followed by '%' or '(', found: '***'",
			[]string{"p@ss"}},
		{"unterminated environment reference in the password",
			"[alembic]\nsqlalchemy.url = postgresql://app:pa${ss:w@rd@db/app\n",
			"option 'sqlalchemy.url' in section 'alembic': unterminated environment reference '***@db/app'",
			[]string{"ss:w", "w@rd", "pa"}},
		{"bad environment reference in the password",
			"[alembic]\nsqlalchemy.url = postgresql://app:p${1s:s}w@db/app\n",
			"option 'sqlalchemy.url' in section 'alembic': bad environment reference '***'",
			[]string{"1s:s", "s}w"}},
		{"host part still shown",
			"[alembic]\nsqlalchemy.url = postgresql://app:pw@db/%d\n",
			"option 'sqlalchemy.url' in section 'alembic': '%' must be followed by '%' or '(', found: '%d'",
			nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := writeConfig(t, map[string]string{"alembic.ini": tt.ini})
			_, err := Load(path, Options{Getenv: noEnv})
			if err == nil {
				t.Fatal("Load succeeded, want an interpolation error")
			}
			msg := err.Error()
			if want := path + ": " + tt.want; !strings.HasPrefix(msg, want) {
				t.Errorf("error =\n  %q\nwant prefix\n  %q", msg, want)
			}
			for _, s := range tt.secrets {
				if strings.Contains(strings.TrimPrefix(msg, path), s) {
					t.Errorf("error %q shows %q of the password", msg, s)
				}
			}
		})
	}
}

func TestMaskRange(t *testing.T) {
	tests := []struct {
		s        string
		from, to int
		want     string
	}{
		{"postgresql://app:pw@db/x", 0, 24, "postgresql://app:***@db/x"},
		{"postgresql://app@db/x", 0, 21, "postgresql://app@db/x"},
		{"postgresql://db:5432/x", 0, 22, "postgresql://db:5432/x"},
		{"postgresql://app:pw@db/x", 18, 24, "***@db/x"},
		{"postgresql://app:pw@db/x", 19, 24, "@db/x"},
		{"a=mysql://u:p@h b=postgresql://v:q@i", 0, 36, "a=mysql://u:***@h b=postgresql://v:***@i"},
		{"sqlite:////tmp/a:b@c.db", 0, 23, "sqlite:////tmp/a:b@c.db"},
	}
	for _, tt := range tests {
		if got := maskRange(tt.s, tt.from, tt.to); got != tt.want {
			t.Errorf("maskRange(%q, %d, %d) = %q, want %q", tt.s, tt.from, tt.to, got, tt.want)
		}
	}
}
