package pyscript

import (
	"strings"
	"testing"

	"github.com/retort-dev/retort/ops"
)

func TestCodingDeclarations(t *testing.T) {
	body := "from alembic import op\nrevision = 'a'\ndown_revision = None\ndef upgrade():\n    op.execute(\"UPDATE t SET name = 'caf\xe9'\")\n"
	cases := []struct{ name, src, want string }{
		{"latin-1", "# -*- coding: latin-1 -*-\n" + body, "UPDATE t SET name = 'café'"},
		{"iso-8859-1 on line 2", "#!/usr/bin/env python\n# vim: set fileencoding=iso-8859-1 :\n" + body, "UPDATE t SET name = 'café'"},
		{"cp1252", "# coding: cp1252\n" + strings.Replace(body, "caf\xe9", "\x80 caf\xe9", 1), "UPDATE t SET name = '€ café'"},
		{"utf-8 without declaration", strings.Replace(body, "\xe9", "é", 1), "UPDATE t SET name = 'café'"},
		{"utf-8 BOM", "\ufeff" + strings.Replace(body, "\xe9", "é", 1), "UPDATE t SET name = 'café'"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got, err := runUpgrade(t, tc.src, Env{})
			if err != nil {
				t.Fatal(err)
			}
			if e := got[0].(*ops.Execute); e.SQL != tc.want {
				t.Errorf("got %q, want %q", e.SQL, tc.want)
			}
		})
	}
	errs := []struct{ name, src, want string }{
		{"invalid UTF-8 without declaration", body, "test.py:5:41: SyntaxError: Non-UTF-8 code starting with '\\xe9' on line 5, but no encoding declared"},
		{"declaration on line 2 after code is ignored", "x = 1\n# coding: latin-1\n" + body, "test.py:7:41: SyntaxError: Non-UTF-8 code"},
		{"declared utf-8 but invalid", "# coding: utf-8\n" + body, "test.py:6:41: SyntaxError: (unicode error) 'utf-8' codec can't decode byte 0xe9: invalid continuation byte"},
		{"unknown encoding", "# coding: klingon\n" + body, "test.py:1:1: SyntaxError: encoding problem: klingon"},
		{"BOM with another encoding", "\ufeff# coding: latin-1\n" + body, "test.py:1:1: SyntaxError: encoding problem: latin-1 with BOM"},
	}
	for _, tc := range errs {
		t.Run(tc.name, func(t *testing.T) {
			_, err := runUpgrade(t, tc.src, Env{})
			if err == nil || !strings.HasPrefix(err.Error(), tc.want) {
				t.Fatalf("got %v, want prefix %q", err, tc.want)
			}
		})
	}
}
