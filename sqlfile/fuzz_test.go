package sqlfile

import (
	"strings"
	"testing"
)

// FuzzSplit checks that the lexer never panics and that what it returns is
// consistent with its input: each statement is a non-empty slice of the
// source starting on the line it reports.
func FuzzSplit(f *testing.F) {
	seeds := []string{
		"SELECT 1; SELECT 2",
		"SELECT 'a;b'; -- c\n/* d; */",
		"CREATE FUNCTION f() AS $x$ SELECT 1; $x$; $1",
		"CREATE TRIGGER t BEGIN SELECT CASE WHEN 1 THEN 2 END; END;",
		"DELIMITER //\nCREATE PROCEDURE p() BEGIN END//\nDELIMITER ;\n",
		"SELECT E'\\'';",
		"/*! code */; # c\n`a``b`; [x]",
		"-- retort:upgrade\nSELECT 1;",
		"'unterminated",
		"END END END; BEGIN",
	}
	for _, s := range seeds {
		f.Add(s, "postgresql")
		f.Add(s, "mysql")
		f.Add(s, "sqlite")
	}
	f.Fuzz(func(t *testing.T, src, dialect string) {
		if _, ok := dialectRules[dialect]; !ok {
			dialect = ""
		}
		stmts, err := Split(src, dialect)
		if err != nil {
			return
		}
		lines := strings.Count(src, "\n") + 1
		for _, st := range stmts {
			if strings.TrimSpace(st.SQL) == "" {
				t.Fatalf("empty statement %q from %q", st.SQL, src)
			}
			if !strings.Contains(src, st.SQL) {
				t.Fatalf("statement %q is not part of the source %q", st.SQL, src)
			}
			if st.Line < 1 || st.Line > lines {
				t.Fatalf("statement %q has line %d, source has %d lines", st.SQL, st.Line, lines)
			}
		}
		// Parse must not panic on the same input either.
		_, _ = Parse("fuzz.sql", []byte(src), dialect)
	})
}
