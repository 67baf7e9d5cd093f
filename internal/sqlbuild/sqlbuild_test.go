package sqlbuild

import (
	"math"
	"testing"
	"time"
)

func TestQuoterIdent(t *testing.T) {
	pg := Quoter{Quote: '"', Reserved: PostgresReserved}
	my := Quoter{Quote: '`', Reserved: MySQLReserved}
	maria := Quoter{Quote: '`', Reserved: MariaDBReserved}
	tests := []struct {
		name string
		q    Quoter
		in   string
		want string
	}{
		{"plain lower case", pg, "account", "account"},
		{"digits and underscore", pg, "a_1", "a_1"},
		{"dollar inside", pg, "a$b", "a$b"},
		{"upper case", pg, "Account", `"Account"`},
		{"reserved word", pg, "order", `"order"`},
		{"reserved word any case", pg, "USER", `"USER"`},
		{"space", pg, "has space", `"has space"`},
		{"leading digit", pg, "1st", `"1st"`},
		{"leading dollar", pg, "$x", `"$x"`},
		{"embedded quote doubled", pg, `we"ird`, `"we""ird"`},
		{"dash", pg, "a-b", `"a-b"`},
		{"empty", pg, "", `""`},
		{"mysql reserved", my, "select", "`select`"},
		{"mysql plain", my, "name", "name"},
		{"mysql backtick doubled", my, "a`b", "`a``b`"},
		{"not reserved on postgres", pg, "status", "status"},
		{"mariadb reserved", maria, "window", "`window`"},
		{"unicode", pg, "café", `"café"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.q.Ident(tt.in); got != tt.want {
				t.Errorf("Ident(%q) = %s, want %s", tt.in, got, tt.want)
			}
		})
	}
}

func TestQuoterQualifiedAndList(t *testing.T) {
	q := Quoter{Quote: '"', Reserved: PostgresReserved}
	if got := q.Qualified("Other", "t"); got != `"Other".t` {
		t.Errorf("Qualified = %s", got)
	}
	if got := q.Qualified("", "user"); got != `"user"` {
		t.Errorf("Qualified without schema = %s", got)
	}
	if got := q.List([]string{"a", "B", "order"}); got != `(a, "B", "order")` {
		t.Errorf("List = %s", got)
	}
}

func TestLiteral(t *testing.T) {
	pg := LiteralStyle{BackslashEscapes: true, True: "true", False: "false"}
	lite := LiteralStyle{True: "1", False: "0"}
	tests := []struct {
		name  string
		style LiteralStyle
		in    any
		want  string
	}{
		{"nil", pg, nil, "NULL"},
		{"true", pg, true, "true"},
		{"false sqlite", lite, false, "0"},
		{"default booleans", LiteralStyle{}, true, "true"},
		{"int64", pg, int64(-42), "-42"},
		{"int", pg, 7, "7"},
		{"uint8", pg, uint8(200), "200"},
		{"float", pg, 1.5, "1.5"},
		{"whole float keeps .0", pg, 3.0, "3.0"},
		{"small float", pg, 1e-05, "1e-05"},
		{"large float", pg, 1e20, "1e+20"},
		{"string quote doubled", pg, "it's", "'it''s'"},
		{"percent kept", pg, "50%", "'50%'"},
		{"backslash doubled", pg, `a\b`, `'a\\b'`},
		{"backslash kept", lite, `a\b`, `'a\b'`},
		{"bytes default", lite, []byte{0xde, 0xad}, "X'dead'"},
		{"bytes custom", LiteralStyle{Bytes: func(b []byte) string { return "B" }}, []byte{1}, "B"},
		{"time", pg, time.Date(2024, 1, 2, 3, 4, 5, 0, time.UTC), "'2024-01-02 03:04:05'"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := tt.style.Literal(tt.in)
			if err != nil {
				t.Fatal(err)
			}
			if got != tt.want {
				t.Errorf("Literal(%v) = %s, want %s", tt.in, got, tt.want)
			}
		})
	}
}

func TestLiteralErrors(t *testing.T) {
	for _, v := range []any{struct{}{}, math.NaN(), math.Inf(1), []int{1}} {
		if got, err := (LiteralStyle{}).Literal(v); err == nil {
			t.Errorf("Literal(%v) = %s, want an error", v, got)
		}
	}
}

func TestBuilder(t *testing.T) {
	b := NewBuilder(Quoter{Quote: '"', Reserved: PostgresReserved})
	b.P("ALTER TABLE").Table("s", "User").P("ADD", "CONSTRAINT").Ident("pk").P("PRIMARY KEY").IdentList([]string{"a", "order"})
	if want := `ALTER TABLE s."User" ADD CONSTRAINT pk PRIMARY KEY (a, "order")`; b.String() != want {
		t.Errorf("got %s\nwant %s", b.String(), want)
	}
	b2 := NewBuilder(Quoter{Quote: '`'}).P("SELECT").Raw("(").P("1").Raw(")")
	if want := "SELECT(1)"; b2.String() != want {
		t.Errorf("got %s, want %s", b2.String(), want)
	}
}
