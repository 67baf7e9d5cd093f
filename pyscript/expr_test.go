package pyscript

import (
	"strings"
	"testing"

	"github.com/retort-dev/retort/ops"
)

// TestExpressions renders SQL expressions through create_check_constraint,
// which compiles its condition with literal values as SQLAlchemy does.
func TestExpressions(t *testing.T) {
	cases := []struct{ expr, want string }{
		{`sa.column("a") > 5`, "a > 5"},
		{`sa.column("a") <= 5.5`, "a <= 5.5"},
		{`sa.column("a") == "x'y"`, "a = 'x''y'"},
		{`sa.column("a") != None`, "a IS NOT NULL"},
		{`sa.column("a") is None`, "a IS NULL"},
		{`5 < sa.column("a")`, "5 < a"},
		{`sa.and_(sa.column("a") > 1, sa.column("b") < 2, sa.column("c") == 3)`, "a > 1 AND b < 2 AND c = 3"},
		// SQLAlchemy 1.4 prints these (AND binds tighter than OR).
		{`sa.or_(sa.column("a") > 1, sa.and_(sa.column("b") < 2, sa.column("c") == 3))`, "a > 1 OR b < 2 AND c = 3"},
		{`sa.and_(sa.column("a") > 1, sa.or_(sa.column("b") < 2, sa.column("c") == 3))`, "a > 1 AND (b < 2 OR c = 3)"},
		{`(sa.column("a") > 1) | (sa.column("b") > 2)`, "a > 1 OR b > 2"},
		{`sa.not_(sa.column("a") > 1)`, "NOT (a > 1)"},
		{`~(sa.column("flag") == True)`, "NOT (flag = true)"},
		{`sa.column("a") + 1 > sa.column("b") * 2`, "a + 1 > b * 2"},
		{`sa.column("name").like("a%")`, "name LIKE 'a%'"},
		{`sa.column("name").ilike("a%")`, "name ILIKE 'a%'"},
		{`sa.column("a").is_(None)`, "a IS NULL"},
		{`sa.column("a").is_not(None)`, "a IS NOT NULL"},
		{`sa.column("a").in_(["x", "y"])`, "a IN ('x', 'y')"},
		{`sa.column("a").not_in([1])`, "a NOT IN (1)"},
		{`sa.column("a").between(1, 10)`, "a BETWEEN 1 AND 10"},
		{`sa.column("a").op("~")("^x")`, "a ~ '^x'"},
		{`sa.column("a") == sa.null()`, "a IS NULL"},
		{`sa.column("ok") == sa.true()`, "ok = true"},
		{`sa.column("a") > sa.literal(3)`, "a > 3"},
		{`sa.func.length(sa.column("code")) == 3`, "length(code) = 3"},
		{`sa.func.coalesce(sa.column("a"), 0) >= 0`, "coalesce(a, 0) >= 0"},
		{`sa.literal_column("price") > 0`, "price > 0"},
		{`sa.text("x > 1").label("l")`, "x > 1"},
		{`sa.table("t", sa.column("a")).c.a > -1`, "a > -1"},
	}
	for _, tc := range cases {
		t.Run(tc.expr, func(t *testing.T) {
			got := mustUpgrade(t, `op.create_check_constraint("ck", "t", `+tc.expr+`)`)
			if sql := got[0].(*ops.CreateCheckConstraint).Check.SQL; sql != tc.want {
				t.Errorf("got %q, want %q", sql, tc.want)
			}
		})
	}
}

func TestPlainComparisonsStillWork(t *testing.T) {
	got := mustUpgrade(t, `names = []
for n in ["b", "a", "c"]:
    if n != "c" and n < "z" and not (n == "q"):
        names.append(n)
if sorted(names) == ["a", "b"] and 1 < 2.5 and None == None:
    op.execute(",".join(names))`)
	if len(got) != 1 || got[0].(*ops.Execute).SQL != "b,a" {
		t.Fatalf("got %v", got)
	}
}

func TestColumnCollectionAndRows(t *testing.T) {
	got := mustUpgrade(t, `t = sa.table("t", sa.column("a", sa.Integer), sa.column("b"))
names = [c.name for c in t.c]
op.execute("%s %d %s %s" % (",".join(names), len(t.c), t.c.a.type, t.name))`)
	if sql := got[0].(*ops.Execute).SQL; sql != "a,b 2 Integer() t" {
		t.Errorf("got %q", sql)
	}
}

func TestRequiredParamsAreRejected(t *testing.T) {
	_, err := Compile("m.py", []byte("def upgrade(engine_name):\n    pass\ndef downgrade():\n    pass\n"))
	if err == nil || !strings.HasPrefix(err.Error(), `m.py:1:13: upgrade() must take no required arguments, but has "engine_name"`) {
		t.Fatalf("got %v", err)
	}
	if _, err := Compile("m.py", []byte("def upgrade(x=1, *args, **kw):\n    pass\ndef downgrade():\n    pass\n")); err != nil {
		t.Fatalf("optional parameters: %v", err)
	}
}
