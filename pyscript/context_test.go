package pyscript

import (
	"context"
	"reflect"
	"strings"
	"testing"

	"github.com/retort-dev/retort/ops"
)

// runWith runs body against sink with env and returns the SQL of every
// op.execute, which the cases use to report what the script saw.
func runWith(t *testing.T, body string, sink *recordingSink, env Env) []string {
	t.Helper()
	s, err := Compile("ctx.py", []byte("from alembic import context\n"+script(body)))
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Upgrade(context.Background(), sink, env); err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, op := range sink.ops {
		if e, ok := op.(*ops.Execute); ok {
			out = append(out, e.SQL)
		}
	}
	return out
}

func TestContextModule(t *testing.T) {
	cases := []struct {
		name string
		body string
		sink *recordingSink
		env  Env
		want []string
	}{
		{"offline mode", `op.execute("offline=%s" % context.is_offline_mode())`, &recordingSink{offline: true}, Env{}, []string{"offline=True"}},
		{"online mode", `op.execute("offline=%s" % context.is_offline_mode())`, &recordingSink{}, Env{}, []string{"offline=False"}},
		{"x arguments as list", `op.execute(",".join(context.get_x_argument()))`, &recordingSink{}, Env{XArgs: []string{"a=1", "flag"}}, []string{"a=1,flag"}},
		{"x arguments as dictionary", `d = context.get_x_argument(as_dictionary=True)
op.execute("%s|%s|%s" % (d["a"], d["b"], d.get("c")))`, &recordingSink{}, Env{XArgs: []string{"a=1=2", "b=", "a=1=2"}}, []string{"1=2||None"}},
		{"no x arguments", `op.execute("n=%d" % len(context.get_x_argument()))`, &recordingSink{}, Env{}, []string{"n=0"}},
		{"main option", `op.execute(context.config.get_main_option("sqlalchemy.url"))`, &recordingSink{}, Env{Config: map[string]string{"sqlalchemy.url": "sqlite://"}}, []string{"sqlite://"}},
		{"main option default", `op.execute(context.config.get_main_option("missing", "fallback"))`, &recordingSink{}, Env{}, []string{"fallback"}},
		{"dialect name from op", `op.execute(op.get_context().dialect.name)`, &recordingSink{dialect: "mysql"}, Env{}, []string{"mysql"}},
		{"dialect name from context and bind", `op.execute(context.get_context().dialect.name + "/" + op.get_bind().dialect.name)`, &recordingSink{dialect: "sqlite"}, Env{}, []string{"sqlite/sqlite"}},
		{"branch on dialect", `if op.get_context().dialect.name == "postgresql":
    op.execute("CREATE EXTENSION citext")`, &recordingSink{}, Env{}, []string{"CREATE EXTENSION citext"}},
		{"as_sql", `op.execute("as_sql=%s" % op.get_context().as_sql)`, &recordingSink{offline: true}, Env{}, []string{"as_sql=True"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got := runWith(t, tc.body, tc.sink, tc.env)
			if !reflect.DeepEqual(got, tc.want) {
				t.Errorf("got %q, want %q", got, tc.want)
			}
		})
	}
}

func TestXArgumentWithoutEquals(t *testing.T) {
	s, err := Compile("m.py", []byte("from alembic import context\n"+script(`context.get_x_argument(as_dictionary=True)`)))
	if err != nil {
		t.Fatal(err)
	}
	err = s.Upgrade(context.Background(), &recordingSink{}, Env{XArgs: []string{"flag"}})
	if err == nil || !strings.Contains(err.Error(), `m.py:9:27: context.get_x_argument: -x value "flag" is not of the form key=value`) {
		t.Fatalf("got %v", err)
	}
}

func TestGetBind(t *testing.T) {
	rows := &ops.Rows{Columns: []string{"id", "name"}, Values: [][]any{{int64(1), "ann"}, {int64(2), nil}}}
	cases := []struct {
		name string
		body string
		want []string
	}{
		{"fetchall tuples", `for r in op.get_bind().execute(sa.text("SELECT id, name FROM t")).fetchall():
    op.execute("%d:%s" % (r[0], r[1]))`, []string{"1:ann", "2:None"}},
		{"attribute and key access", `r = op.get_bind().execute("SELECT id, name FROM t").first()
op.execute("%s-%s-%s" % (r.id, r["name"], r._mapping["id"]))`, []string{"1-ann-1"}},
		{"scalar", `op.execute("n=%d" % op.get_bind().execute("SELECT id FROM t").scalar())`, []string{"n=1"}},
		{"fetchone walks the rows", `res = op.get_bind().execute("SELECT id FROM t")
a = res.fetchone()
b = res.fetchone()
c = res.fetchone()
op.execute("%s %s %s" % (a[0], b[0], c))`, []string{"1 2 None"}},
		{"tuple unpacking and iteration", `for id, name in op.get_bind().execute("SELECT id, name FROM t"):
    op.execute("%d" % id)`, []string{"1", "2"}},
		{"keys and scalars", `res = op.get_bind().execute("SELECT id FROM t")
op.execute(",".join(res.keys()) + "=" + str(res.scalars()))`, []string{"id,name=[1, 2]"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got := runWith(t, tc.body, &recordingSink{rows: rows}, Env{})
			if !reflect.DeepEqual(got, tc.want) {
				t.Errorf("got %q, want %q", got, tc.want)
			}
		})
	}
}

func TestGetBindParameters(t *testing.T) {
	sink := &recordingSink{rows: &ops.Rows{}}
	runWith(t, `conn = op.get_bind()
conn.execute(sa.text("SELECT 1 WHERE a = :a AND b = :b"), {"b": "x", "a": 1})
conn.execute("SELECT ?", [5])
conn.execute(sa.text("SELECT :z").bindparams(z=True))`, sink, Env{})
	// Named binds reach the driver as the dialect's positional
	// placeholders, in the order the query names them.
	want := [][]any{{int64(1), "x"}, {int64(5)}, {true}}
	if !reflect.DeepEqual(sink.queryArgs, want) {
		t.Errorf("got %#v, want %#v", sink.queryArgs, want)
	}
	wantQ := []string{"SELECT 1 WHERE a = $1 AND b = $2", "SELECT ?", "SELECT $1"}
	if !reflect.DeepEqual(sink.queries, wantQ) {
		t.Errorf("queries %q, want %q", sink.queries, wantQ)
	}
}

// Offline, connection.execute records the statement as op.execute does
// (Alembic's --sql connection is a recorder) instead of querying.
func TestGetBindOffline(t *testing.T) {
	s, err := Compile("m.py", []byte(script(`op.get_bind().execute("SELECT 1")`)))
	if err != nil {
		t.Fatal(err)
	}
	sink := &recordingSink{offline: true}
	if err := s.Upgrade(context.Background(), sink, Env{}); err != nil {
		t.Fatal(err)
	}
	want := []ops.Op{&ops.Execute{SQL: "SELECT 1"}}
	if !reflect.DeepEqual(sink.ops, want) || len(sink.queries) != 0 {
		t.Fatalf("ops %v, queries %q", sink.ops, sink.queries)
	}
}

func TestPrint(t *testing.T) {
	var printed []string
	runWith(t, `print("hello", 1)`, &recordingSink{}, Env{Print: func(s string) { printed = append(printed, s) }})
	if !reflect.DeepEqual(printed, []string{"hello 1"}) {
		t.Errorf("got %q", printed)
	}
	runWith(t, `print("dropped")`, &recordingSink{}, Env{})
}
