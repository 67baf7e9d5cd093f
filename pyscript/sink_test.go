package pyscript

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/retort-dev/retort/ops"
)

// recordingSink is a test fake of ops.Sink: it records ops and answers
// queries from canned rows. It is not a database.
type recordingSink struct {
	ops       []ops.Op
	queries   []string
	queryArgs [][]any
	rows      *ops.Rows
	offline   bool
	dialect   string
	failOn    func(ops.Op) error
}

func (s *recordingSink) Invoke(_ context.Context, op ops.Op) error {
	if s.failOn != nil {
		if err := s.failOn(op); err != nil {
			return err
		}
	}
	s.ops = append(s.ops, op)
	return nil
}

func (s *recordingSink) Query(_ context.Context, sql string, args ...any) (*ops.Rows, error) {
	if s.offline {
		return nil, fmt.Errorf("query: %w", ops.ErrOffline)
	}
	s.queries = append(s.queries, sql)
	s.queryArgs = append(s.queryArgs, args)
	return s.rows, nil
}

func (s *recordingSink) Offline() bool { return s.offline }

func (s *recordingSink) DialectName() string {
	if s.dialect == "" {
		return "postgresql"
	}
	return s.dialect
}

// script wraps a function body in a complete Alembic script.
func script(upgrade string) string {
	return "from alembic import op\nimport sqlalchemy as sa\n\nrevision = 'a1'\ndown_revision = None\n\ndef upgrade():\n" +
		indent(upgrade) + "\n\ndef downgrade():\n    pass\n"
}

func indent(body string) string {
	lines := strings.Split(strings.Trim(body, "\n"), "\n")
	for i, l := range lines {
		lines[i] = "    " + l
	}
	return strings.Join(lines, "\n")
}

// runUpgrade compiles and upgrades src, returning the recorded ops.
func runUpgrade(t *testing.T, src string, env Env) ([]ops.Op, error) {
	t.Helper()
	s, err := Compile("test.py", []byte(src))
	if err != nil {
		return nil, err
	}
	sink := &recordingSink{}
	err = s.Upgrade(context.Background(), sink, env)
	return sink.ops, err
}

func mustUpgrade(t *testing.T, body string) []ops.Op {
	t.Helper()
	got, err := runUpgrade(t, script(body), Env{})
	if err != nil {
		t.Fatalf("upgrade failed: %v", err)
	}
	return got
}

func TestDemoMigrationsCompileAndRun(t *testing.T) {
	files, err := filepath.Glob("../examples/demo/migrations/versions/*.py")
	if err != nil || len(files) == 0 {
		t.Skip("demo migrations not present")
	}
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) {
			src, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			s, err := Compile(f, src)
			if err != nil {
				t.Fatalf("compile: %v", err)
			}
			for _, run := range []func(context.Context, ops.Sink, Env) error{s.Upgrade, s.Downgrade} {
				sink := &recordingSink{}
				if err := run(context.Background(), sink, Env{}); err != nil {
					t.Fatalf("run: %v", err)
				}
				if len(sink.ops) == 0 && !strings.Contains(string(src), "pass") {
					t.Errorf("no ops recorded")
				}
			}
		})
	}
}

var _ = errors.New
