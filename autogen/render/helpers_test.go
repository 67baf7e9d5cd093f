package render

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/retort-dev/retort/schema"
)

func ip(n int) *int       { return &n }
func bp(b bool) *bool     { return &b }
func sp(s string) *string { return &s }

func lit(s string) *schema.Expr { return &schema.Expr{Kind: schema.ExprLiteral, Text: s, Value: s} }
func txt(s string) *schema.Expr { return &schema.Expr{Kind: schema.ExprText, Text: s} }
func fn(name string) *schema.Expr {
	return &schema.Expr{Kind: schema.ExprFunc, Text: name}
}

func ty(kind string) *schema.Type { return &schema.Type{Kind: kind} }
func tyLen(kind string, n int) *schema.Type {
	return &schema.Type{Kind: kind, Length: n}
}
func pg(kind string) *schema.Type { return &schema.Type{Kind: kind, Dialect: "postgresql"} }
func my(kind string) *schema.Type { return &schema.Type{Kind: kind, Dialect: "mysql"} }

// col is a nullable column.
func col(name string, t *schema.Type) *schema.Column {
	return &schema.Column{Name: name, Type: t, Nullable: true}
}

// notNull is a NOT NULL column.
func notNull(name string, t *schema.Type) *schema.Column {
	return &schema.Column{Name: name, Type: t}
}

// golden reads a file recorded by testdata/record.py.
func golden(t *testing.T, name string) (imports, upgrades string) {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", "python", name+".golden"))
	if err != nil {
		t.Fatal(err)
	}
	s := strings.TrimPrefix(string(b), "=== imports ===\n")
	imports, rest, ok := strings.Cut(s, "\n=== upgrades ===\n")
	if !ok {
		t.Fatalf("%s.golden: no upgrades section", name)
	}
	return imports, strings.TrimSuffix(rest, "\n")
}
