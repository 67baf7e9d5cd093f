package pyscript

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/retort-dev/retort/ops"
)

func TestShimStdlibImports(t *testing.T) {
	cases := []struct{ name, in, want string }{
		{"import json", "import json\n", "json = _retort_py_json\n"},
		{"import several", "import json, re as regex\n", "json = _retort_py_json; regex = _retort_py_re\n"},
		{"from datetime", "from datetime import datetime, timedelta as td\n", "datetime = _retort_py_datetime.datetime; td = _retort_py_datetime.timedelta\n"},
		{"semicolons", "import os; import time\n", "os = _retort_py_os; time = _retort_py_time\n"},
		{"sqlalchemy.exc", "from sqlalchemy.exc import IntegrityError\n", "IntegrityError = _retort_py_sqlalchemy_exc.IntegrityError\n"},
		{"alembic.util", "from alembic.util import CommandError\n", "CommandError = _retort_py_alembic_util.CommandError\n"},
		{"sqlalchemy.sql names", "from sqlalchemy.sql import table, column, text\n", "table = sa.table; column = sa.column; text = sa.text\n"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got, err := shim(tc.in)
			if err != nil {
				t.Fatal(err)
			}
			if got != tc.want {
				t.Errorf("got %q, want %q", got, tc.want)
			}
		})
	}
}

func TestStdlibInScripts(t *testing.T) {
	t.Setenv("RETORT_TEST_TENANT", "acme")
	cases := []struct {
		name, header, body string
		want               []string // printed lines
	}{
		{"os.environ and getenv", "import os", `print(os.environ.get("RETORT_TEST_TENANT"), os.getenv("RETORT_TEST_TENANT", "x"), os.environ["RETORT_TEST_TENANT"])`, []string{"acme acme acme"}},
		{"__name__ as Alembic names the module", "import logging", `print(__name__, logging.getLogger(__name__).name)`, []string{"test_py test_py"}},
		{"time.sleep does nothing", "import time", "t0 = time.time()\ntime.sleep(30)\nprint(time.time() - t0 < 5)", []string{"True"}},
		{"exception from sqlalchemy.exc", "import sqlalchemy.exc", `print(str(sa.exc.IntegrityError("dup")))`, []string{"IntegrityError: dup"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			var printed []string
			src := strings.Replace(script(tc.body), "\n\nrevision", "\n"+tc.header+"\nrevision", 1)
			_, err := runUpgrade(t, src, Env{Print: func(m string) { printed = append(printed, m) }})
			if err != nil {
				t.Fatal(err)
			}
			if strings.Join(printed, "\n") != strings.Join(tc.want, "\n") {
				t.Errorf("got %q, want %q", printed, tc.want)
			}
		})
	}
}

func TestLoggingGoesToEnvLog(t *testing.T) {
	src := strings.Replace(script(`log = logging.getLogger("alembic.runtime.migration")
log.info("backfilling %s rows of %r", 3, "users")
logging.getLogger().warning("root %(n)d", {"n": 1})`), "\n\nrevision", "\nimport logging\nrevision", 1)
	var got []string
	_, err := runUpgrade(t, src, Env{Log: func(level, name, msg string) { got = append(got, level+" "+name+" "+msg) }})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"INFO alembic.runtime.migration backfilling 3 rows of 'users'", "WARNING root root 1"}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got %q, want %q", got, want)
	}
}

func TestStdlibValuesReachOps(t *testing.T) {
	src := strings.Replace(script(`Mood = enum.Enum("Mood", "happy sad")
op.add_column("t", sa.Column("m", sa.Enum(Mood)))
t = sa.table("t", sa.column("at", sa.DateTime), sa.column("m"))
op.bulk_insert(t, [{"at": datetime(2024, 1, 2, 3, 4, 5), "m": Mood.sad}])
op.execute("INSERT INTO log VALUES (%s)" % json.dumps({"k": [1, "v"]}))`),
		"\n\nrevision", "\nimport enum, json; from datetime import datetime\nrevision", 1)
	got, err := runUpgrade(t, src, Env{})
	if err != nil {
		t.Fatal(err)
	}
	ac := got[0].(*ops.AddColumn)
	if ty := ac.Column.Type; strings.Join(ty.Values, ",") != "happy,sad" || ty.EnumName != "mood" {
		t.Errorf("sa.Enum(Mood): values %v, name %q", ty.Values, ty.EnumName)
	}
	bi := got[1].(*ops.BulkInsert)
	if at, ok := bi.Rows[0]["at"].(time.Time); !ok || !at.Equal(time.Date(2024, 1, 2, 3, 4, 5, 0, time.UTC)) || bi.Rows[0]["m"] != "sad" {
		t.Errorf("bulk_insert row: %#v", bi.Rows[0])
	}
	if e := got[2].(*ops.Execute); e.SQL != `INSERT INTO log VALUES ({"k": [1, "v"]})` {
		t.Errorf("execute: %q", e.SQL)
	}
}

func TestStdlibRefusals(t *testing.T) {
	cases := []struct{ name, header, body, want string }{
		{"backreference", "import re", `re.compile(r"(a)\1")`, "test.py:8:15: re.error: "},
		{"verbose", "import re", `re.compile("a", re.X)`, "retort does not support re.VERBOSE"},
		{"os.system", "import os", `os.system("rm -rf /")`, `test.py:8:7: module os has no attribute "system"`},
		{"from os import system", "from os import system", `pass`, `test.py:3:16: unsupported import: os has no name "system"`},
		{"json default", "import json", `json.dumps({}, default=str)`, "retort does not support json.dumps(default=...)"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			src := strings.Replace(script(tc.body), "\n\nrevision", "\n"+tc.header+"\nrevision", 1)
			s, err := Compile("test.py", []byte(src))
			if err == nil {
				err = s.Upgrade(context.Background(), &recordingSink{}, Env{})
			}
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("got %v, want %q", err, tc.want)
			}
		})
	}
}
