package sqlite

import (
	"reflect"
	"testing"

	"github.com/retort-dev/retort/schema"
)

func TestParseCreateTable(t *testing.T) {
	src := "CREATE TABLE \"main\".\"t\" (\n\tid INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT, \n" +
		"\t[name] VARCHAR(20) COLLATE nocase CONSTRAINT uq_name UNIQUE, -- trailing comment\n" +
		"\t`x` INT CHECK (x > 0) REFERENCES p(id) NOT DEFERRABLE, /* block, comment */\n" +
		"\ty TEXT AS (upper(name)) STORED,\n" +
		"\tCONSTRAINT fk_two FOREIGN KEY (x, y) REFERENCES \"Other\" (\"A\", b) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,\n" +
		"\tCONSTRAINT 'ck q' CHECK (length(name) > (1)),\n" +
		"\tUNIQUE (x, y) ON CONFLICT REPLACE\n) WITHOUT ROWID, STRICT"
	got, err := parseCreateTable(src)
	if err != nil {
		t.Fatal(err)
	}
	f := false
	tr := true
	want := &parsedTable{
		columns: []*parsedColumn{
			{name: "id", autoincrement: true},
			{name: "name", collation: "nocase", unique: true, uniqueName: "uq_name"},
			{name: "x"},
			{name: "y", generated: "upper(name)", stored: true},
		},
		uniques: []parsedUnique{{columns: []string{"x", "y"}}},
		fks: []parsedFK{
			{columns: []string{"x"}, refTable: "p", refColumns: []string{"id"}, deferrable: &f},
			{name: "fk_two", columns: []string{"x", "y"}, refTable: "Other", refColumns: []string{"A", "b"}, deferrable: &tr, initially: "DEFERRED"},
		},
		checks:       []parsedCheck{{sql: "x > 0"}, {name: "ck q", sql: "length(name) > (1)"}},
		withoutRowid: true,
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got  %+v\nwant %+v", got, want)
		for i := range got.columns {
			t.Logf("col %d: %+v", i, *got.columns[i])
		}
	}
}

func TestParseCreateIndex(t *testing.T) {
	for _, c := range []struct {
		src      string
		elements []string
		where    string
	}{
		{"CREATE INDEX ix ON t (a)", []string{"a"}, ""},
		{"CREATE UNIQUE INDEX \"Ix\" ON \"T\" (a DESC, lower(b), coalesce(c, 'x,y'))", []string{"a DESC", "lower(b)", "coalesce(c, 'x,y')"}, ""},
		{"CREATE INDEX ix ON t (a) WHERE b IS NOT NULL AND (c > 1)", []string{"a"}, "b IS NOT NULL AND (c > 1)"},
	} {
		got, err := parseCreateIndex(c.src)
		if err != nil {
			t.Errorf("%s: %v", c.src, err)
			continue
		}
		if !reflect.DeepEqual(got.elements, c.elements) || got.where != c.where {
			t.Errorf("%s: got %q where %q", c.src, got.elements, got.where)
		}
	}
}

func TestParseErrors(t *testing.T) {
	for _, src := range []string{"CREATE TABLE t", "CREATE TABLE t (a INTEGER", "CREATE TABLE t (a 'unterminated", "CREATE TABLE t (CONSTRAINT x)"} {
		if _, err := parseCreateTable(src); err == nil {
			t.Errorf("parseCreateTable(%q): want an error", src)
		}
	}
	if _, err := parseCreateIndex("CREATE INDEX ix ON t"); err == nil {
		t.Errorf("parseCreateIndex without elements: want an error")
	}
}

func FuzzParse(f *testing.F) {
	f.Add("CREATE TABLE t (id INTEGER PRIMARY KEY, CONSTRAINT c CHECK (id > 0))")
	f.Add("CREATE TABLE t (a, b, UNIQUE (a), FOREIGN KEY (b) REFERENCES p)")
	f.Add("CREATE INDEX i ON t (a) WHERE a > 0")
	f.Add("CREATE TABLE \"x\" ([a] TEXT DEFAULT -1 COLLATE x REFERENCES")
	f.Fuzz(func(t *testing.T, src string) {
		// Neither parser may panic, whatever the text.
		_, _ = parseCreateTable(src)
		_, _ = parseCreateIndex(src)
	})
}

func TestParseType(t *testing.T) {
	p := func(n int) *int { return &n }
	for decl, want := range map[string]*schema.Type{
		"INTEGER":          {Kind: "INTEGER"},
		"int":              {Kind: "INTEGER"},
		"VARCHAR(20)":      {Kind: "VARCHAR", Length: 20},
		"NUMERIC(10, 2)":   {Kind: "NUMERIC", Precision: p(10), Scale: p(2)},
		"DECIMAL(5)":       {Kind: "DECIMAL", Precision: p(5)},
		"BOOL":             {Kind: "BOOLEAN"},
		"DATETIME":         {Kind: "DATETIME"},
		"TEXT":             {Kind: "TEXT"},
		"UNSIGNED BIG INT": {Kind: "UNSIGNED BIG INT", Dialect: "sqlite"},
		"INTEGER(11)":      {Kind: "INTEGER(11)", Dialect: "sqlite"},
		"VARCHAR(10, 2)":   {Kind: "VARCHAR(10, 2)", Dialect: "sqlite"},
		"":                 {Kind: "", Dialect: "sqlite"},
	} {
		if got := parseType(decl); !reflect.DeepEqual(got, want) {
			t.Errorf("parseType(%q) = %+v, want %+v", decl, got, want)
		}
	}
}

func TestReflectedDefault(t *testing.T) {
	for in, want := range map[string]string{
		"1":                    "1",
		"10":                   "(10)",
		"'x'":                  "'x'",
		"CURRENT_TIMESTAMP":    "(CURRENT_TIMESTAMP)",
		"(1 + 2)":              "(1 + 2)",
		"-1":                   "(-1)",
		"datetime('now')":      "(datetime('now'))",
		"'it''s'":              "'it''s'",
		"":                     "",
		"NULL":                 "(NULL)",
		" 'padded' ":           "'padded'",
		"x'00'":                "(x'00')",
		"0.5":                  "(0.5)",
		"'a' || 'b'":           "'a' || 'b'",
		"strftime('%s','now')": "(strftime('%s','now'))",
	} {
		if got := reflectedDefault(in).Text; got != want {
			t.Errorf("reflectedDefault(%q) = %q, want %q", in, got, want)
		}
	}
}
