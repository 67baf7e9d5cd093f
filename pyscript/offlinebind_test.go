package pyscript_test

import (
	"strings"
	"testing"
)

// In --sql mode reading the result of connection.execute fails at the
// script's line, as it does under Alembic (whose recorder returns None).
func TestOfflineBindReadingResultsFails(t *testing.T) {
	tests := []struct {
		name, body string
		want       []string
	}{
		{"fetchall", "conn = op.get_bind()\nrows = conn.execute(sa.text('SELECT id FROM t')).fetchall()",
			[]string{"a1_x.py:13", "AttributeError: 'NoneType' object has no attribute 'fetchall'", "--sql"}},
		{"scalar", "x = op.get_bind().execute('SELECT count(*) FROM t').scalar()",
			[]string{"a1_x.py:12", "no attribute 'scalar'"}},
		{"first", "r = op.get_bind().execute(sa.text('SELECT 1'))\n\nrow = r.first()",
			[]string{"a1_x.py:14", "no attribute 'first'"}},
		{"rowcount", "n = op.get_bind().execute(sa.text('UPDATE t SET a = 1')).rowcount",
			[]string{"a1_x.py:12", "no attribute 'rowcount'"}},
		{"iterating", "for row in op.get_bind().execute(sa.text('SELECT id FROM t')):\n    op.execute('SELECT 1')",
			[]string{"a1_x.py:12", "TypeError: 'NoneType' object is not iterable"}},
		{"exec_driver_sql", "op.get_bind().exec_driver_sql('UPDATE t SET a = 1')",
			[]string{"a1_x.py:12", "'MockConnection' object has no attribute 'exec_driver_sql'"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := offlineSQL(t, "postgresql", tt.body)
			if err == nil {
				t.Fatalf("want an error, got SQL\n%s", got)
			}
			for _, w := range tt.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q does not say %q", err, w)
				}
			}
		})
	}
}
