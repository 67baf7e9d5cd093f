package mako

import (
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

type goldenCase struct {
	Name     string         `json:"name"`
	Template string         `json:"template"`
	Source   string         `json:"source"`
	Vars     map[string]any `json:"vars"`
}

// jsonVar turns the JSON spelling of cases.json ({"tuple": [...]},
// {"list": [...]}) into the Go values callers pass.
func jsonVar(v any) any {
	switch x := v.(type) {
	case map[string]any:
		if t, ok := x["tuple"]; ok {
			items := t.([]any)
			out := make([]string, len(items))
			for i, it := range items {
				out[i] = it.(string)
			}
			return out
		}
		if l, ok := x["list"]; ok {
			return List(l.([]any))
		}
	case float64:
		return int(x)
	}
	return v
}

func configNamespace(opts map[string]any) Namespace {
	return Namespace{"get_main_option": Func(func(args ...any) (any, error) {
		if len(args) == 0 {
			return nil, errors.New("get_main_option() needs a name")
		}
		if v, ok := opts[args[0].(string)]; ok {
			return v, nil
		}
		if len(args) > 1 {
			return args[1], nil
		}
		return nil, nil
	})}
}

// TestGolden renders Alembic's shipped script.py.mako templates and a set
// of engine-feature templates and compares with the real Mako's output,
// recorded by testdata/gen_golden.py.
func TestGolden(t *testing.T) {
	raw, err := os.ReadFile("testdata/cases.json")
	if err != nil {
		t.Fatal(err)
	}
	var cases []goldenCase
	if err := json.Unmarshal(raw, &cases); err != nil {
		t.Fatal(err)
	}
	for _, c := range cases {
		t.Run(c.Name, func(t *testing.T) {
			src := c.Source
			if c.Template != "" {
				b, err := os.ReadFile(filepath.Join("testdata", "templates", c.Template+".mako"))
				if err != nil {
					t.Fatal(err)
				}
				src = string(b)
			}
			vars := map[string]any{}
			for k, v := range c.Vars {
				if k == "__config" {
					vars["config"] = configNamespace(v.(map[string]any))
					continue
				}
				vars[k] = jsonVar(v)
			}
			want, err := os.ReadFile(filepath.Join("testdata", c.Name+".golden"))
			if err != nil {
				t.Fatal(err)
			}
			got, err := Render(src, vars)
			if err != nil {
				t.Fatalf("Render: %v", err)
			}
			if got != string(want) {
				t.Errorf("output differs from Mako\n--- got ---\n%s\n--- want ---\n%s", got, want)
			}
		})
	}
}

func TestErrors(t *testing.T) {
	tests := []struct {
		name, src string
		vars      map[string]any
		wantLine  int
		wantMsg   string
	}{
		{"undefined name printed", "a\nb ${nope}\n", nil, 2, "name 'nope' is not defined"},
		{"repr of undefined", "${repr(nope)}", nil, 1, "name 'nope' is not defined"},
		{"unterminated expression", "x\n${a + \n", nil, 2, "unterminated expression"},
		{"unterminated if", "% if x:\nhi\n", map[string]any{"x": true}, 1, "unterminated control keyword: 'if'"},
		{"end without start", "a\n% endfor\n", nil, 2, "no starting keyword 'for'"},
		{"mismatched end", "% if x:\n% endfor\n", map[string]any{"x": true}, 2, "doesn't match keyword"},
		{"else outside if", "% else:\n", nil, 1, "not a legal ternary"},
		{"for else", "% for a in b:\n% else:\n% endfor\n", map[string]any{"b": []string{}}, 2, "not supported"},
		{"syntax error in expression", "ok\n\n${a +* b}\n", map[string]any{"a": 1, "b": 2}, 3, "syntax error"},
		{"runtime error", "${1 // 0}", nil, 1, "division by zero"},
		{"runtime error in loop", "% for x in xs:\n${x + 1}\n% endfor\n", map[string]any{"xs": []string{"a"}}, 2, "unknown binary op"},
		{"unsupported import", "<%!\nimport os\n%>", nil, 2, `import of module "os" is not supported`},
		{"unsupported tag", "a\n<%def name='x()'>y</%def>", nil, 2, "unsupported tag <%def>"},
		{"stray closing tag", "</%def>", nil, 1, "closing tag without opening tag"},
		{"unclosed doc", "<%doc> never closed", nil, 1, "unclosed tag"},
		{"unclosed python block", "<% x = 1\n", nil, 1, "unterminated python block"},
		{"invalid control line", "% !!\n", nil, 1, "invalid control line"},
		{"try not supported", "% try:\n% endtry\n", nil, 1, "not supported"},
		{"comma of number", "${3 | comma,n}", nil, 1, "Don't know how to comma-format 3"},
		{"unknown filter", "${'a' | shout}", nil, 1, "name 'shout' is not defined"},
		{"endless loop", "a\n% while True:\nx\n% endwhile\n", nil, 3, "too many steps"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out, err := Render(tt.src, tt.vars)
			var me *Error
			if !errors.As(err, &me) {
				t.Fatalf("Render = %q, %v; want *Error", out, err)
			}
			if me.Line != tt.wantLine || !strings.Contains(me.Msg, tt.wantMsg) {
				t.Errorf("error = %v (line %d); want line %d containing %q", err, me.Line, tt.wantLine, tt.wantMsg)
			}
		})
	}
}

func TestValues(t *testing.T) {
	tests := []struct {
		name string
		src  string
		vars map[string]any
		want string
	}{
		{"nil is None", "${repr(v)}", map[string]any{"v": nil}, "None"},
		{"string slice is tuple", "${repr(v)}", map[string]any{"v": []string{"a", "b"}}, "('a', 'b')"},
		{"any slice is tuple", "${repr(v)}", map[string]any{"v": []any{"a", 1, nil}}, "('a', 1, None)"},
		{"List is list", "${repr(v)}", map[string]any{"v": List{"a"}}, "['a']"},
		{"map is dict", "${v['k']}", map[string]any{"v": map[string]any{"k": "val"}}, "val"},
		{"string map is dict", "${repr(v)}", map[string]any{"v": map[string]string{"k": "val"}}, "{'k': 'val'}"},
		{"int64 and float", "${a + 1} ${repr(f)}", map[string]any{"a": int64(41), "f": 2.0}, "42 2.0"},
		{"namespace attribute", "${ns.name}", map[string]any{"ns": Namespace{"name": "n"}}, "n"},
		{"func call", "${up('x')}", map[string]any{"up": Func(func(a ...any) (any, error) { return strings.ToUpper(a[0].(string)), nil })}, "X"},
		{"repr quotes", `${repr(a)} ${repr(b)} ${repr(c)}`, map[string]any{"a": "it's", "b": `say "hi"`, "c": "both ' \""}, `"it's" 'say "hi"' 'both \' "'`},
		{"repr escapes", "${repr(a)}", map[string]any{"a": "\x00\x7f\u00a0é\u2028"}, `'\x00\x7f\xa0é\u2028'`},
		{"user comma wins", "${x | comma,n}", map[string]any{"x": "a", "comma": Func(func(a ...any) (any, error) { return "custom", nil })}, "custom"},
		{"dollar escape", `${"$"}{x}`, nil, "${x}"},
		{"set repr", "${repr(set())}", nil, "set()"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Render(tt.src, tt.vars)
			if err != nil {
				t.Fatal(err)
			}
			if got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
	if _, err := Render("x", map[string]any{"ch": make(chan int)}); err == nil || !strings.Contains(err.Error(), `"ch"`) {
		t.Errorf("unsupported Go value: err = %v, want an error naming the variable", err)
	}
}

func FuzzRender(f *testing.F) {
	for _, s := range []string{"${x}", "% if x:\n${x}\n% endif\n", "<%! import re %>", "<% y = 1 %>${y}", "%%\n##\n<%doc></%doc>", "a\\\nb", "${'}'}"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src string) {
		_, _ = Render(src, map[string]any{"x": "v"}) // must not panic
	})
}
