package pyscript

import (
	"strings"
	"testing"
)

func TestStepBudget(t *testing.T) {
	loop := "n = 0\nfor i in range(20000):\n    n += i\nprint(n)"
	cases := []struct {
		name string
		env  Env
		want string // error substring, or "" for success
	}{
		{"default budget is enough for a data loop", Env{}, ""},
		{"a small budget stops it and names the setting", Env{MaxSteps: 5000},
			"test.py:9:5: script exceeded its budget of 5000 execution steps (an endless loop?); if it needs more, raise script_max_steps in the [alembic] section of the config file"},
		{"the caller names its own setting", Env{MaxSteps: 5000, MaxStepsSetting: "--max-steps"}, "if it needs more, raise --max-steps"},
		{"a raised budget lets it finish", Env{MaxSteps: 1_000_000}, ""},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			var printed []string
			tc.env.Print = func(m string) { printed = append(printed, m) }
			_, err := runUpgrade(t, script(loop), tc.env)
			switch {
			case tc.want == "" && err != nil:
				t.Fatal(err)
			case tc.want == "" && strings.Join(printed, "") != "199990000":
				t.Fatalf("printed %q", printed)
			case tc.want != "" && (err == nil || !strings.Contains(err.Error(), tc.want)):
				t.Fatalf("got %v, want %q", err, tc.want)
			}
		})
	}
}
