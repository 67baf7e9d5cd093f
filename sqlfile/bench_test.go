package sqlfile

import (
	"fmt"
	"strings"
	"testing"
)

// benchScript is a migration-sized script mixing the constructs the lexer
// must look inside: strings, comments, dollar quotes and a trigger body.
func benchScript(statements int) string {
	var b strings.Builder
	for i := 0; i < statements; i++ {
		switch i % 4 {
		case 0:
			fmt.Fprintf(&b, "-- table %d\nCREATE TABLE t%d (\n    id INTEGER PRIMARY KEY,\n    name VARCHAR(50) NOT NULL DEFAULT 'a;b'\n);\n", i, i)
		case 1:
			fmt.Fprintf(&b, "INSERT INTO t%d (id, name) VALUES (1, 'it''s'), (2, /* two */ 'x');\n", i-1)
		case 2:
			fmt.Fprintf(&b, "CREATE FUNCTION f%d() RETURNS trigger AS $fn$\nBEGIN\n  NEW.name := lower(NEW.name);\n  RETURN NEW;\nEND;\n$fn$ LANGUAGE plpgsql;\n", i)
		case 3:
			fmt.Fprintf(&b, "CREATE TRIGGER g%d BEFORE INSERT ON t BEGIN SELECT CASE WHEN NEW.x < 0 THEN RAISE(ABORT, 'neg') END; END;\n", i)
		}
	}
	return b.String()
}

func BenchmarkSplit(b *testing.B) {
	for _, n := range []int{10, 1000} {
		src := benchScript(n)
		b.Run(fmt.Sprintf("statements=%d", n), func(b *testing.B) {
			b.SetBytes(int64(len(src)))
			b.ReportAllocs()
			for b.Loop() {
				stmts, err := Split(src, "postgresql")
				if err != nil {
					b.Fatal(err)
				}
				if len(stmts) != n {
					b.Fatalf("got %d statements, want %d", len(stmts), n)
				}
			}
		})
	}
}

func BenchmarkParseHeader(b *testing.B) {
	src := []byte("-- Add a table\n--\n-- Revision ID: 5a5a17843e58\n-- Revises: 1975ea83b712\n-- Create Date: 2026-11-22 04:00:00\n\n-- retort:upgrade\n" + benchScript(100))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := ParseHeader("x.sql", src); err != nil {
			b.Fatal(err)
		}
	}
}
