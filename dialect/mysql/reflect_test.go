package mysql

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
		{"int(11)", schema.Type{Kind: "INTEGER", Dialect: "mysql", Length: 11}},
		{"int(10) unsigned", schema.Type{Kind: "INTEGER", Dialect: "mysql", Length: 10, Unsigned: true}},
		{"bigint(20) unsigned zerofill", schema.Type{Kind: "BIGINT", Dialect: "mysql", Length: 20, Unsigned: true}},
		{"varchar(50)", schema.Type{Kind: "VARCHAR", Dialect: "mysql", Length: 50}},
		{"decimal(10,2)", schema.Type{Kind: "DECIMAL", Dialect: "mysql", Precision: ip(10), Scale: ip(2)}},
		{"datetime(6)", schema.Type{Kind: "DATETIME", Dialect: "mysql", Precision: ip(6)}},
		{"timestamp", schema.Type{Kind: "TIMESTAMP", Dialect: "mysql"}},
		{"longtext", schema.Type{Kind: "LONGTEXT", Dialect: "mysql"}},
		{"enum('a','it''s','b\\\\c')", schema.Type{Kind: "ENUM", Dialect: "mysql", Values: []string{"a", "it's", `b\c`}, NativeEnum: true}},
		{"set('x','y')", schema.Type{Kind: "SET", Dialect: "mysql", Values: []string{"x", "y"}, NativeEnum: true}},
	}
	for _, tt := range tests {
		if got := parseType(tt.in); !reflect.DeepEqual(*got, tt.want) {
			t.Errorf("parseType(%q) = %+v, want %+v", tt.in, *got, tt.want)
		}
	}
}

func TestIndexLengths(t *testing.T) {
	tests := []struct {
		in   string
		want map[string]int
	}{
		{"", map[string]int{}},
		{"10", map[string]int{"": 10}},
		{"a:10, b:5", map[string]int{"a": 10, "b": 5}},
		{"{'a': 10}", map[string]int{"a": 10}},
		{"a=3", map[string]int{"a": 3}},
	}
	for _, tt := range tests {
		got, err := indexLengths("ix", tt.in)
		if err != nil || !reflect.DeepEqual(got, tt.want) {
			t.Errorf("indexLengths(%q) = %v, %v; want %v", tt.in, got, err, tt.want)
		}
	}
	if _, err := indexLengths("ix", "a:x"); err == nil {
		t.Errorf("a malformed mysql_length was accepted")
	}
}
