package mako

import (
	"errors"
	"fmt"
	"net/url"
	"regexp"
	"strings"

	"go.starlark.net/resolve"
	"go.starlark.net/starlark"
	"go.starlark.net/starlarkstruct"
	"go.starlark.net/syntax"

	"github.com/retort-dev/retort/internal/lazyre"
)

// Error is a template error: a syntax error in the template or a failure
// while evaluating one of its expressions, located at a template line.
type Error struct {
	Line int    // 1-based line in the template
	Msg  string // what went wrong
}

func (e *Error) Error() string { return fmt.Sprintf("line %d: %s", e.Line, e.Msg) }

// Render renders a Mako template with the given variables. Variables are Go
// values (see toStarlark for the accepted kinds: strings, numbers, bools,
// nil, []string and []any as tuples, List as a list, maps as dicts,
// Namespace as an object, Func as a function). The name "comma" is
// predefined as Alembic's format_as_comma unless vars supply their own.
func Render(src string, vars map[string]any) (string, error) {
	nodes, err := lex(src)
	if err != nil {
		return "", err
	}
	gen := &generator{}
	imports, err := gen.generate(nodes)
	if err != nil {
		return "", err
	}

	env := starlark.StringDict{}
	context := starlark.NewDict(len(vars))
	for _, name := range sortedKeys(vars) {
		v, err := toStarlark(vars[name])
		if err != nil {
			return "", fmt.Errorf("template variable %q: %w", name, err)
		}
		env[name] = v
		_ = context.SetKey(starlark.String(name), v)
	}
	var out strings.Builder
	for name, v := range builtins(&out) {
		if _, userDefined := env[name]; !userDefined || strings.HasPrefix(name, "__") {
			env[name] = v
		}
	}
	env["context"] = context
	env["UNDEFINED"] = undefined{}
	for name := range imports {
		env[name] = modules[name]
	}

	opts := &syntax.FileOptions{Set: true, While: true, TopLevelControl: true, GlobalReassign: true, Recursion: true}
	_, prog, err := starlark.SourceProgramOptions(opts, programName, gen.src.String(), func(name string) bool {
		if _, ok := env[name]; ok {
			return true
		}
		if starlark.Universe.Has(name) {
			return false
		}
		env[name] = undefined{name: name} // like Mako: unknown names are UNDEFINED
		return true
	})
	if err != nil {
		return "", gen.translate(err)
	}
	thread := &starlark.Thread{Name: "mako"}
	// A template is a page of text: a runaway "% while" loop is a bug in
	// the template, reported rather than hanging the command.
	thread.SetMaxExecutionSteps(maxSteps)
	if _, err := prog.Init(thread, env); err != nil {
		return "", gen.translate(err)
	}
	return out.String(), nil
}

// maxSteps bounds the work one Render may do.
const maxSteps = 10_000_000

// programName is the file name of the generated Starlark program; error
// positions in that file are mapped back to template lines.
const programName = "<template>"

// generator turns lexed nodes into one Starlark program that writes the
// output through __w, remembering which template line each program line
// came from.
type generator struct {
	src     strings.Builder
	lineMap []int    // program line (0-based) -> template line
	indent  int      // current block depth of the program
	blocks  []string // keywords of the open control blocks, innermost last
}

func (g *generator) emit(templateLine int, code string) {
	for i, l := range strings.Split(code, "\n") {
		g.src.WriteString(strings.Repeat("    ", g.indent))
		g.src.WriteString(l)
		g.src.WriteByte('\n')
		g.lineMap = append(g.lineMap, templateLine+i)
	}
}

var importRe = lazyre.New(`^import\s+([A-Za-z_][A-Za-z0-9_]*)\s*(#.*)?$`)

func (g *generator) generate(nodes []node) (map[string]bool, error) {
	imports := map[string]bool{}
	code := func(n node) error {
		for i, l := range strings.Split(dedent(n.text), "\n") {
			m := importRe().FindStringSubmatch(strings.TrimSpace(l))
			if m != nil {
				if _, ok := modules[m[1]]; !ok {
					return &Error{Line: n.line + i, Msg: fmt.Sprintf("import of module %q is not supported in templates", m[1])}
				}
				imports[m[1]] = true
				l = ""
			}
			if strings.TrimSpace(l) != "" {
				g.emit(n.line+i, l)
			}
		}
		return nil
	}
	// Module-level blocks run first, as in Mako.
	for _, n := range nodes {
		if n.kind == nodeCode && n.module {
			if err := code(n); err != nil {
				return nil, err
			}
		}
	}
	for _, n := range nodes {
		switch n.kind {
		case nodeText:
			g.emit(n.line, "__w("+starlarkQuote(n.text)+")")
		case nodeExpr:
			target, err := applyFilters("("+n.text+")", n.filters)
			if err != nil {
				return nil, &Error{Line: n.line, Msg: err.Error()}
			}
			g.emit(n.line, "__w("+target+")")
		case nodeCode:
			if !n.module {
				if err := code(n); err != nil {
					return nil, err
				}
			}
		case nodeControl:
			if err := g.control(n); err != nil {
				return nil, err
			}
		}
	}
	return imports, nil
}

func (g *generator) control(n node) error {
	stmt := strings.TrimSpace(strings.ReplaceAll(n.text, "\\\n", " "))
	switch n.keyword {
	case "try", "with", "except", "finally":
		return &Error{Line: n.line, Msg: fmt.Sprintf("control keyword '%s' is not supported", n.keyword)}
	}
	if n.isEnd {
		g.indent--
		g.blocks = g.blocks[:len(g.blocks)-1]
		return nil
	}
	switch n.keyword {
	case "elif", "else":
		if g.blocks[len(g.blocks)-1] != "if" {
			return &Error{Line: n.line, Msg: fmt.Sprintf("'%s' after a '%s' loop is not supported", n.keyword, g.blocks[len(g.blocks)-1])}
		}
		g.indent--
	default:
		g.blocks = append(g.blocks, n.keyword)
	}
	g.emit(n.line, stmt)
	g.indent++
	// A block may hold no output at all; "pass" keeps it valid.
	g.emit(n.line, "pass")
	return nil
}

// translate maps a Starlark error to the template line it came from.
func (g *generator) translate(err error) error {
	line := func(pos syntax.Position) int {
		l := int(pos.Line) - 1
		if pos.Filename() == programName && l >= 0 && l < len(g.lineMap) {
			return g.lineMap[l]
		}
		return 0
	}
	var evalErr *starlark.EvalError
	var synErr syntax.Error
	var resErrs resolve.ErrorList
	switch {
	case errors.As(err, &evalErr):
		l := 0
		for i := len(evalErr.CallStack) - 1; i >= 0 && l == 0; i-- {
			l = line(evalErr.CallStack[i].Pos)
		}
		return &Error{Line: l, Msg: evalErr.Msg}
	case errors.As(err, &synErr):
		return &Error{Line: line(synErr.Pos), Msg: "syntax error: " + synErr.Msg}
	case errors.As(err, &resErrs) && len(resErrs) > 0:
		return &Error{Line: line(resErrs[0].Pos), Msg: resErrs[0].Msg}
	}
	return &Error{Msg: err.Error()}
}

// dedent removes the common left margin of a Python code block, as Mako
// does for <% %> blocks.
func dedent(code string) string {
	lines := strings.Split(code, "\n")
	margin := -1
	for _, l := range lines {
		if strings.TrimSpace(l) == "" {
			continue
		}
		n := len(l) - len(strings.TrimLeft(l, " \t"))
		if margin < 0 || n < margin {
			margin = n
		}
	}
	for i, l := range lines {
		if len(l) >= margin && margin > 0 {
			lines[i] = l[margin:]
		} else {
			lines[i] = strings.TrimLeft(l, " \t")
		}
	}
	return strings.Join(lines, "\n")
}

// filterFuncs maps Mako's built-in escape names to the program's builtins.
var filterFuncs = map[string]string{
	"h": "__h", "x": "__x", "u": "__u", "trim": "__trim", "str": "str", "unicode": "str",
}

// applyFilters wraps target in calls to the filters of "${expr | f1, f2}".
// Unless "n" is among them, Mako's default filter str is applied first.
func applyFilters(target, filters string) (string, error) {
	var names []string
	if filters != "" {
		for _, f := range splitTopLevel(filters) {
			names = append(names, strings.TrimSpace(f))
		}
	}
	hasN := false
	for _, f := range names {
		hasN = hasN || f == "n"
	}
	if !hasN {
		names = append([]string{"str"}, names...)
	}
	for _, f := range names {
		switch {
		case f == "n":
			continue
		case f == "":
			return "", fmt.Errorf("empty filter name in %q", filters)
		case strings.HasPrefix(f, "decode.") || f == "entity":
			return "", fmt.Errorf("filter %q is not supported", f)
		}
		ident, args := f, ""
		if i := strings.IndexByte(f, '('); i > 0 {
			ident, args = f[:i], f[i:]
		}
		if builtin, ok := filterFuncs[ident]; ok {
			ident = builtin
		}
		target = ident + args + "(" + target + ")"
	}
	return target, nil
}

// splitTopLevel splits on commas outside brackets and quotes.
func splitTopLevel(s string) []string {
	var parts []string
	depth, start := 0, 0
	for i := 0; i < len(s); i++ {
		switch c := s[i]; c {
		case '(', '[', '{':
			depth++
		case ')', ']', '}':
			depth--
		case '"', '\'':
			if end := stringLiteralEnd(s, i); end > 0 {
				i = end - 1
			}
		case ',':
			if depth == 0 {
				parts = append(parts, s[start:i])
				start = i + 1
			}
		}
	}
	return append(parts, s[start:])
}

// builtins are the functions every template sees: Python's str and repr
// (Starlark's differ), Mako's escape filters, Alembic's comma, and the
// output writer.
func builtins(out *strings.Builder) starlark.StringDict {
	str1 := func(name string, fn func(starlark.Value) (starlark.Value, error)) *starlark.Builtin {
		return starlark.NewBuiltin(name, func(_ *starlark.Thread, b *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
			var v starlark.Value
			if err := starlark.UnpackPositionalArgs(b.Name(), args, kwargs, 1, &v); err != nil {
				return nil, err
			}
			return fn(v)
		})
	}
	text := func(name string, fn func(string) string) *starlark.Builtin {
		return str1(name, func(v starlark.Value) (starlark.Value, error) {
			s, err := printable(v)
			if err != nil {
				return nil, err
			}
			return starlark.String(fn(s)), nil
		})
	}
	return starlark.StringDict{
		"__w": str1("write", func(v starlark.Value) (starlark.Value, error) {
			s, err := printable(v)
			if err != nil {
				return nil, err
			}
			out.WriteString(s)
			return starlark.None, nil
		}),
		"str": str1("str", func(v starlark.Value) (starlark.Value, error) {
			s, err := printable(v)
			return starlark.String(s), err
		}),
		"repr": str1("repr", func(v starlark.Value) (starlark.Value, error) {
			if u, ok := v.(undefined); ok {
				return nil, undefinedError(u)
			}
			return starlark.String(pyRepr(v)), nil
		}),
		"__h":    text("h", htmlEscape),
		"__x":    text("x", xmlEscape),
		"__u":    text("u", url.QueryEscape),
		"__trim": text("trim", strings.TrimSpace),
		"comma":  str1("comma", formatAsComma),
	}
}

func undefinedError(u undefined) error {
	if u.name == "" {
		return fmt.Errorf("an undefined value was rendered")
	}
	return fmt.Errorf("name '%s' is not defined", u.name)
}

// printable is str(v), refusing an undefined name the way Mako does.
func printable(v starlark.Value) (string, error) {
	if u, ok := v.(undefined); ok {
		return "", undefinedError(u)
	}
	return pyStr(v), nil
}

// formatAsComma is Alembic's util.format_as_comma: None -> "", a string
// as is, a sequence joined with ", ".
func formatAsComma(v starlark.Value) (starlark.Value, error) {
	switch x := v.(type) {
	case starlark.NoneType:
		return starlark.String(""), nil
	case starlark.String:
		return x, nil
	case undefined:
		return nil, undefinedError(x)
	case starlark.Iterable:
		var parts []string
		iter := x.Iterate()
		defer iter.Done()
		var e starlark.Value
		for iter.Next(&e) {
			s, ok := e.(starlark.String)
			if !ok {
				return nil, fmt.Errorf("comma: sequence item: expected str instance, %s found", e.Type())
			}
			parts = append(parts, string(s))
		}
		return starlark.String(strings.Join(parts, ", ")), nil
	}
	return nil, fmt.Errorf("Don't know how to comma-format %s", pyRepr(v))
}

// htmlEscape is markupsafe's escape, which Mako's h filter uses.
func htmlEscape(s string) string {
	return strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&#34;", "'", "&#39;").Replace(s)
}

// xmlEscape is Mako's x filter.
func xmlEscape(s string) string {
	return strings.NewReplacer("&", "&amp;", ">", "&gt;", "<", "&lt;", `"`, "&#34;", "'", "&#39;").Replace(s)
}

// modules are the Python modules a template may import in a <%! %> or
// <% %> block. Alembic's multidb template imports re for re.split.
var modules = map[string]starlark.Value{
	"re": starlarkstruct.FromStringDict(starlark.String("module"), starlark.StringDict{
		"split": starlark.NewBuiltin("re.split", reSplit),
	}),
}

func compileRe(b *starlark.Builtin, pattern string) (*regexp.Regexp, error) {
	re, err := regexp.Compile(pattern)
	if err != nil {
		return nil, fmt.Errorf("%s: invalid pattern %q: %v", b.Name(), pattern, err)
	}
	return re, nil
}

func reSplit(_ *starlark.Thread, b *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	var pattern, s string
	if err := starlark.UnpackPositionalArgs(b.Name(), args, kwargs, 2, &pattern, &s); err != nil {
		return nil, err
	}
	re, err := compileRe(b, pattern)
	if err != nil {
		return nil, err
	}
	var out []starlark.Value
	for _, part := range re.Split(s, -1) {
		out = append(out, starlark.String(part))
	}
	return starlark.NewList(out), nil
}
