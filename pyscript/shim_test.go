package pyscript

import (
	"context"
	"strings"
	"testing"

	"github.com/retort-dev/retort/ops"
)

func TestShimRewrites(t *testing.T) {
	cases := []struct {
		name, in, want string
	}{
		{"from alembic import op", "from alembic import op\n", "\n"},
		{"from alembic import op and context", "from alembic import op, context\n", "\n"},
		{"alembic alias", "from alembic import op as alembic_op\n", "alembic_op = op\n"},
		{"import sqlalchemy as sa", "import sqlalchemy as sa\n", "\n"},
		{"import sqlalchemy", "import sqlalchemy\n", "\n"},
		{"import sqlalchemy alias", "import sqlalchemy as sqla\n", "sqla = sqlalchemy\n"},
		{"from sqlalchemy import names", "from sqlalchemy import Column, Integer as Int\n", "Column = sa.Column; Int = sa.Integer\n"},
		{"parenthesised multi-line import", "from sqlalchemy import (\n    Column,\n    String,\n)\nx = 1\n",
			"Column = sa.Column; String = sa.String\n           \n           \n \nx = 1\n"},
		{"dialects module", "from sqlalchemy.dialects import postgresql\n", "\n"},
		{"dialects module alias", "from sqlalchemy.dialects import postgresql as pg\n", "pg = postgresql\n"},
		{"dialect names", "from sqlalchemy.dialects.postgresql import UUID, JSONB\n", "UUID = postgresql.UUID; JSONB = postgresql.JSONB\n"},
		{"mysql names", "from sqlalchemy.dialects.mysql import VARCHAR\n", "VARCHAR = mysql.VARCHAR\n"},
		{"sql names", "from sqlalchemy.sql import table, column, text, func\n", "table = sa.table; column = sa.column; text = sa.text; func = sa.func\n"},
		{"import dialect module as alias", "import sqlalchemy.dialects.postgresql as pg\n", "pg = postgresql\n"},
		{"typing dropped", "from typing import Sequence, Union\n", "\n"},
		{"future dropped", "from __future__ import annotations\n", "\n"},
		{"import inside a function becomes pass", "def f():\n    from typing import Any\n", "def f():\n    pass\n"},
		{"annotated assignment", "revision: str = 'abc'\n", "revision      = 'abc'\n"},
		{"annotated union", "down_revision: Union[str, None] = None\n", "down_revision                   = None\n"},
		{"bare annotation", "x: int\n", "      \n"},
		{"return annotation", "def upgrade() -> None:\n    pass\n", "def upgrade()        :\n    pass\n"},
		{"parameter annotations", "def f(a: int, b: str = 'x') -> str:\n    return a\n", "def f(a     , b      = 'x')       :\n    return a\n"},
		{"multi-line def", "def f(\n    a: int,\n    b: Optional[str] = None,\n) -> None:\n    pass\n",
			"def f(\n    a     ,\n    b                = None,\n)        :\n    pass\n"},
		{"with as", "with op.batch_alter_table('t') as batch_op:\n    pass\n", "for batch_op in op.batch_alter_table('t')            :\n    pass\n"},
		{"with without as", "with op.get_context().autocommit_block():\n    pass\n", "for _retort_with1 in op.get_context().autocommit_block():\n    pass\n"},
		{"multi-line with", "with op.batch_alter_table(\n    't', schema=None\n) as b:\n    pass\n", "for b in op.batch_alter_table(\n    't', schema=None\n)     :\n    pass\n"},
		{"is None", "if x is None:\n    pass\n", "if x == None:\n    pass\n"},
		{"is not None", "y = x is not None\n", "y = x !=     None\n"},
		{"raise", "raise NotImplementedError('no')\n", "fail( NotImplementedError('no'))\n"},
		{"strings and comments untouched", "x = 'is None'  # from os import path\n", "x = 'is None'  # from os import path\n"},
		{"docstring untouched", "\"\"\"Revision ID: x\nimport os\n\"\"\"\n", "\"\"\"Revision ID: x\nimport os\n\"\"\"\n"},
		{"f-string", "y = f\"a {x} b {t['k']!r} {{lit}}\"\n", "y = \"a {} b {!r} {{lit}}\".format(x, t['k'])\n"},
		{"raw f-string", "y = rf'{a}\\d'\n", "y = r'{}\\d'.format(a)\n"},
		{"triple-quoted f-string keeps lines", "y = f\"\"\"\nUPDATE {t}\nSET a = {v!s}\"\"\"\n", "y = \"\"\"\nUPDATE {}\nSET a = {!s}\"\"\".format(t, v)\n"},
		{"f-string format spec", "y = f\"{x:>10}|{n:05d}|{v!r:<8}\"\n", "y = \"{:>10}|{:05d}|{!r:<8}\".format(x, n, v)\n"},
		{"f-string nested spec", "y = f'{x:>{w}.{p}f}'\n", "y = '{:>{}.{}f}'.format(x, w, p)\n"},
		{"f-string self-documenting", "y = f'{x=} {a + 1 = } {n=:3d} {b==c}'\n", "y = 'x={!r} a + 1 = {!r} n={:3d} {}'.format(x, a + 1, n, b==c)\n"},
		{"f-string without fields", "y = f'plain'\n", "y = 'plain'\n"},
		{"return inside with closes the block", "def f():\n    with a() as b:\n        if x:\n            return 5\n    return 1\n",
			"def f():\n    for b in a()     :\n        if x:\n            return _retort_exit(b, value= 5)\n    return 1\n"},
		{"bare return inside nested with", "def f():\n    with a() as b:\n        with c():\n            return\n",
			"def f():\n    for b in a()     :\n        for _retort_with1 in c():\n            return _retort_exit(_retort_with1, b)\n"},
		{"return in a def nested inside with is left alone", "with a() as b:\n    def g():\n        return 1\n",
			"for b in a()     :\n    def g():\n        return 1\n"},
		{"continue in a loop inside with", "with a() as b:\n    for x in y:\n        continue\n", "for b in a()     :\n    for x in y:\n        continue\n"},
		{"keyword is inside a call", "f(a is None, b)\n", "f(a == None, b)\n"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got, err := shim(tc.in)
			if err != nil {
				t.Fatalf("shim: %v", err)
			}
			if got != tc.want {
				t.Errorf("shim(%q)\n got %q\nwant %q", tc.in, got, tc.want)
			}
			if strings.Count(got, "\n") != strings.Count(tc.in, "\n") {
				t.Errorf("line count changed")
			}
		})
	}
}

func TestShimErrors(t *testing.T) {
	cases := []struct {
		name, in, want string
	}{
		{"import subprocess", "import subprocess\n", "1:8: unsupported import: subprocess"},
		{"from os import path", "x = 1\nfrom os import path\n", `2:16: unsupported import: os has no name "path" that retort supports`},
		{"sqlmodel", "import sqlmodel\n", "1:8: unsupported import: sqlmodel"},
		{"orm", "from sqlalchemy.orm import Session\n", "1:6: unsupported import: sqlalchemy.orm"},
		{"unknown sqlalchemy name", "from sqlalchemy import Bogus\n", `1:24: unsupported import: sqlalchemy has no name "Bogus"`},
		{"star import", "from sqlalchemy import *\n", "1:24: retort does not support import *"},
		{"global rebinding", "x = 0\ndef f():\n    global x\n    x = 1\n", "4:5: retort does not support rebinding the global x inside a function"},
		{"yield", "def f():\n    x = yield 1\n", "2:9: retort does not support yield expression"},
		{"f-string nested spec field", "y = f'{x:{a:b}}'\n", "1:5: retort does not support f-string: nested replacement field"},
		{"f-string bad conversion", "y = f'{x!z}'\n", "1:5: retort does not support f-string conversion other than !r, !s or !a"},
		{"f-string multi-line expression", "y = f\"\"\"{\nx}\"\"\"\n", "1:5: retort does not support f-string expression spanning lines"},
		{"break in with", "for t in ts:\n    with a() as b:\n        break\n", "3:9: retort does not support break inside a with block"},
		{"continue in with", "for t in ts:\n    with a() as b:\n        continue\n", "3:9: retort does not support continue inside a with block"},
		{"bare raise", "raise\n", "1:1: retort does not support a bare raise"},
		{"relative import", "from . import x\n", "1:1: retort does not support malformed or relative import"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, err := shim(tc.in)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("got %v, want %q", err, tc.want)
			}
		})
	}
}

// FuzzShim checks the shim never panics and keeps the line count.
func FuzzShim(f *testing.F) {
	for _, seed := range []string{
		"from alembic import op\nimport sqlalchemy as sa\n",
		"revision: str = 'x'\ndef upgrade() -> None:\n    pass\n",
		"with op.batch_alter_table('t') as b:\n    b.drop_column('c')\n",
		"from sqlalchemy import (\n Column,\n)\n",
		"x = '''unterminated\n",
		"def f(a: int = (1,\n 2)) -> Dict[str, int]:\n  raise E('x')\n",
		"if a is not None: pass\n",
		"s = 'abc\\\nx'\n",
		"y = f\"a{b!r}{{c}}\" + f'''{d}\n'''\n",
		"x = 'a' 'b'\ny = (u'\\xe9'\n  b'\\u' r'\\d')\n",
		"z = '",
		"z = '''",
		"w = f'{x=:>{w}}' '\\N'\n",
	} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, src string) {
		out, err := shim(src)
		if err != nil {
			return
		}
		if strings.Count(out, "\n") != strings.Count(src, "\n") {
			t.Fatalf("line count changed: %q -> %q", src, out)
		}
	})
}

func TestFStringRuns(t *testing.T) {
	got := mustUpgrade(t, `table_name = "account"
v = "it's"
op.execute(f"UPDATE {table_name} SET note = {v!r} WHERE id = {1 + 1}")`)
	if e := got[0].(*ops.Execute); e.SQL != `UPDATE account SET note = "it's" WHERE id = 2` {
		t.Errorf("got %q", e.SQL)
	}
}

// FuzzCompile checks that no input makes Compile or a run panic.
func FuzzCompile(f *testing.F) {
	f.Add(annotatedTemplate)
	f.Add(script(`op.create_table("t", sa.Column("id", sa.Integer, primary_key=True))`))
	f.Add(script("with op.batch_alter_table('t') as b:\n    b.drop_column('x')"))
	f.Add(script("x = f'{1}'\nif x is not None:\n    raise ValueError(x)"))
	f.Fuzz(func(t *testing.T, src string) {
		s, err := Compile("f.py", []byte(src))
		if err != nil {
			return
		}
		_ = s.Upgrade(context.Background(), &recordingSink{}, Env{MaxSteps: 10000})
		_ = s.Downgrade(context.Background(), &recordingSink{offline: true}, Env{MaxSteps: 10000})
	})
}
