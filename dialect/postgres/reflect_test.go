package postgres

import (
	"reflect"
	"testing"

	"github.com/retort-dev/retort/schema"
)

func TestParseType(t *testing.T) {
	tests := []struct {
		in   string
		want schema.Type
	}{
		{"integer", schema.Type{Kind: "INTEGER"}},
		{"character varying(50)", schema.Type{Kind: "VARCHAR", Length: 50}},
		{"character varying", schema.Type{Kind: "VARCHAR"}},
		{"character(3)", schema.Type{Kind: "CHAR", Length: 3}},
		{"numeric(10,2)", schema.Type{Kind: "NUMERIC", Precision: ip(10), Scale: ip(2)}},
		{"timestamp with time zone", schema.Type{Kind: "TIMESTAMP", Dialect: "postgresql", Timezone: true}},
		{"timestamp(3) without time zone", schema.Type{Kind: "TIMESTAMP", Dialect: "postgresql", Precision: ip(3)}},
		{"time without time zone", schema.Type{Kind: "TIME", Dialect: "postgresql"}},
		{"double precision", schema.Type{Kind: "DOUBLE_PRECISION", Dialect: "postgresql"}},
		{"jsonb", schema.Type{Kind: "JSONB", Dialect: "postgresql"}},
		{"uuid", schema.Type{Kind: "UUID", Dialect: "postgresql"}},
		{"bytea", schema.Type{Kind: "BYTEA", Dialect: "postgresql"}},
		{"bit(8)", schema.Type{Kind: "BIT", Dialect: "postgresql", Length: 8}},
	}
	for _, tt := range tests {
		if got := parseType(tt.in); !reflect.DeepEqual(*got, tt.want) {
			t.Errorf("parseType(%q) = %+v, want %+v", tt.in, *got, tt.want)
		}
	}
	arr := parseType("integer[][]")
	if arr.Kind != "ARRAY" || arr.Dimensions != 2 || arr.Item.Kind != "INTEGER" {
		t.Errorf("parseType(integer[][]) = %+v", arr)
	}
}

func TestParseTextArray(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"{}", []string{}},
		{"{a,b}", []string{"a", "b"}},
		{`{"a b","c,d",e}`, []string{"a b", "c,d", "e"}},
		{`{"q\"uote",NULL}`, []string{`q"uote`, ""}},
	}
	for _, tt := range tests {
		got, err := parseTextArray(tt.in)
		if err != nil || !reflect.DeepEqual(got, tt.want) {
			t.Errorf("parseTextArray(%q) = %q, %v; want %q", tt.in, got, err, tt.want)
		}
	}
	if _, err := parseTextArray("[0:1]={0,3}"); err == nil {
		t.Errorf("a bounded array literal parsed")
	}
}
