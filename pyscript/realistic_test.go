package pyscript

import (
	"context"
	"strings"
	"testing"

	"github.com/retort-dev/retort/ops"
)

// realisticMigration is a migration in the style real projects write.
const realisticMigration = `"""add status

Revision ID: abc
Revises: def
"""
# -*- coding: utf-8 -*-
from alembic import op
import sqlalchemy as sa
from sqlalchemy.dialects import postgresql
import logging
from datetime import datetime, timezone
import json

log = logging.getLogger(__name__)

revision = 'abc'
down_revision = 'def'
branch_labels = None
depends_on = None

STATUSES = ('draft', 'published')
DEFAULTS = {"theme": "dark", "n": 3}


def _table_exists(name: str) -> bool:
    return name in {"posts", "users"}


def upgrade() -> None:
    if not _table_exists("posts"):
        raise RuntimeError(f"table {'posts'!r} missing")
    op.add_column('posts', sa.Column('status', sa.Enum(*STATUSES, name='post_status'), nullable=True))
    posts = sa.table('posts', sa.column('id', sa.Integer), sa.column('status', sa.String), sa.column('meta', sa.JSON), sa.column('at', sa.DateTime))
    op.execute(posts.update().values(status='draft'))
    op.bulk_insert(posts, [{"id": i, "status": STATUSES[i % 2], "meta": json.dumps(DEFAULTS), "at": datetime.now(timezone.utc)} for i in range(3)])
    for name in ('status', 'at'):
        op.create_index(op.f(f'ix_posts_{name}'), 'posts', [name], unique=False)
    sql = ("UPDATE posts "
           "SET status = 'published' "
           "WHERE id IN (%s)" % ", ".join(str(i) for i in (1, 2)))
    op.execute(sql)
    conn = op.get_bind()
    if conn.dialect.name == "postgresql":
        op.execute("COMMENT ON COLUMN posts.status IS %r" % "the status")
    log.info("done with %s", revision)
    assert len(STATUSES) == 2, "two statuses"
    try:
        op.drop_constraint("uq_old", "posts", type_="unique")
    except Exception as exc:
        log.warning("no uq_old: %s", exc)


def downgrade() -> None:
    op.drop_index(op.f('ix_posts_at'), table_name='posts')
    op.drop_column('posts', 'status')
`

// TestRealisticMigration runs a hand-written migration in the style real
// projects write, mixing the Python this package translates, and checks
// the operations a user would see.
func TestRealisticMigration(t *testing.T) {
	s, err := Compile("versions/abc_add_status.py", []byte(realisticMigration))
	if err != nil {
		t.Fatal(err)
	}
	sink := &recordingSink{}
	var logged []string
	if err := s.Upgrade(context.Background(), sink, Env{Log: func(l, n, m string) { logged = append(logged, l+" "+n+" "+m) }}); err != nil {
		t.Fatal(err)
	}
	var types []string
	for _, o := range sink.ops {
		types = append(types, strings.SplitN(opJSON(o), " ", 2)[0])
	}
	want := "*ops.AddColumn *ops.Execute *ops.BulkInsert *ops.CreateIndex *ops.CreateIndex *ops.Execute *ops.Execute *ops.DropConstraint"
	if got := strings.Join(types, " "); got != want {
		t.Fatalf("ops %s\nwant %s", got, want)
	}
	if ty := sink.ops[0].(*ops.AddColumn).Column.Type; ty.EnumName != "post_status" || strings.Join(ty.Values, ",") != "draft,published" {
		t.Errorf("enum: %q %v", ty.EnumName, ty.Values)
	}
	rows := sink.ops[2].(*ops.BulkInsert).Rows
	if len(rows) != 3 || rows[1]["status"] != "published" || rows[0]["meta"] != `{"theme": "dark", "n": 3}` {
		t.Errorf("bulk_insert rows: %v", rows)
	}
	if n := sink.ops[4].(*ops.CreateIndex).Index.Name; n != "ix_posts_at" {
		t.Errorf("index name %q", n)
	}
	if q := sink.ops[5].(*ops.Execute).SQL; q != "UPDATE posts SET status = 'published' WHERE id IN (1, 2)" {
		t.Errorf("update: %q", q)
	}
	if q := sink.ops[6].(*ops.Execute).SQL; q != "COMMENT ON COLUMN posts.status IS 'the status'" {
		t.Errorf("comment: %q", q)
	}
	if strings.Join(logged, "|") != "INFO abc_add_status_py done with abc" {
		t.Errorf("logged %q", logged)
	}
}

func TestShimStarArgs(t *testing.T) {
	cases := []struct{ name, in, want string }{
		{"star before keyword", "f(*xs, name='n')\n", "f(     name='n', *xs)\n"},
		{"star before keyword and kwargs", "f(a, *xs, k=1, **kw)\n", "f(a,      k=1, *xs, **kw)\n"},
		{"star last is left alone", "f(a, *xs)\n", "f(a, *xs)\n"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got, err := shim(tc.in)
			if err != nil || got != tc.want {
				t.Errorf("got %q, %v; want %q", got, err, tc.want)
			}
		})
	}
	if _, err := shim("f(*xs, y)\n"); err == nil || !strings.Contains(err.Error(), "1:8: retort does not support a positional argument after *args") {
		t.Errorf("positional after *args: %v", err)
	}
}

// BenchmarkRealisticMigration measures compiling (shim, parse, resolve)
// and upgrading the realistic migration.
func BenchmarkRealisticMigration(b *testing.B) {
	for b.Loop() {
		s, err := Compile("versions/abc_add_status.py", []byte(realisticMigration))
		if err != nil {
			b.Fatal(err)
		}
		if err := s.Upgrade(context.Background(), &recordingSink{}, Env{Log: func(string, string, string) {}}); err != nil {
			b.Fatal(err)
		}
	}
}
