package pyscript

import (
	"crypto/md5"
	"crypto/sha1"
	"crypto/sha256"
	"crypto/sha512"
	"encoding/hex"
	"fmt"
	"hash"
	"strings"

	"go.starlark.net/starlark"
	"go.starlark.net/syntax"

	"github.com/retort-dev/retort/internal/lazyre"
)

// More small stdlib modules: textwrap (dedent, indent), hashlib (md5,
// sha1, sha256, sha512), bisect, and contextlib and dataclasses, whose
// generator- and annotation-based tools are refused by name.

var textwrapModule = newModule("textwrap", starlark.StringDict{
	"dedent": starlark.NewBuiltin("textwrap.dedent", textwrapDedent),
	"indent": starlark.NewBuiltin("textwrap.indent", textwrapIndent),
})

func textwrapDedent(_ *starlark.Thread, b *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	var text string
	if err := starlark.UnpackPositionalArgs(b.Name(), args, kwargs, 1, &text); err != nil {
		return nil, err
	}
	return starlark.String(dedent(text)), nil
}

var (
	blankLineRE  = lazyre.New(`(?m)^[ \t]+$`)
	lineIndentRE = lazyre.New(`(?m)^([ \t]*)[^ \t\n]`)
)

// dedent is textwrap.dedent: lines of only blanks become empty, and the
// leading whitespace all other lines share is removed.
func dedent(text string) string {
	text = blankLineRE().ReplaceAllString(text, "")
	margin, set := "", false
	for _, m := range lineIndentRE().FindAllStringSubmatch(text, -1) {
		indent := m[1]
		switch {
		case !set:
			margin, set = indent, true
		case strings.HasPrefix(indent, margin):
		case strings.HasPrefix(margin, indent):
			margin = indent
		default:
			i := 0
			for i < len(margin) && i < len(indent) && margin[i] == indent[i] {
				i++
			}
			margin = margin[:i]
		}
	}
	if margin == "" {
		return text
	}
	lines := strings.SplitAfter(text, "\n")
	for i, l := range lines {
		lines[i] = strings.TrimPrefix(l, margin)
	}
	return strings.Join(lines, "")
}

func textwrapIndent(thread *starlark.Thread, b *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	var text, prefix string
	var pred starlark.Value = starlark.None
	if err := starlark.UnpackArgs(b.Name(), args, kwargs, "text", &text, "prefix", &prefix, "predicate?", &pred); err != nil {
		return nil, err
	}
	var out strings.Builder
	for _, line := range strings.SplitAfter(text, "\n") {
		if line == "" {
			continue
		}
		add := strings.TrimSpace(line) != ""
		if pred != starlark.None {
			v, err := starlark.Call(thread, pred, starlark.Tuple{starlark.String(line)}, nil)
			if err != nil {
				return nil, err
			}
			add = bool(v.Truth())
		}
		if add {
			out.WriteString(prefix)
		}
		out.WriteString(line)
	}
	return starlark.String(out.String()), nil
}

var hashlibModule = newModule("hashlib", starlark.StringDict{
	"md5":    hashBuiltin("md5", md5.New),
	"sha1":   hashBuiltin("sha1", sha1.New),
	"sha256": hashBuiltin("sha256", sha256.New),
	"sha512": hashBuiltin("sha512", sha512.New),
})

func hashBuiltin(name string, newHash func() hash.Hash) *starlark.Builtin {
	return starlark.NewBuiltin("hashlib."+name, func(_ *starlark.Thread, b *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
		h := &hashValue{name: name, h: newHash()}
		for _, kv := range kwargs {
			if kv[0] != starlark.String("usedforsecurity") && kv[0] != starlark.String("string") {
				return nil, fmt.Errorf("TypeError: '%s' is an invalid keyword argument for %s()", kv[0].(starlark.String), name)
			}
			if kv[0] == starlark.String("string") {
				args = append(args, kv[1])
			}
		}
		if len(args) > 1 {
			return nil, fmt.Errorf("TypeError: %s() takes at most 1 argument (%d given)", name, len(args))
		}
		if len(args) == 1 {
			if err := h.write(args[0]); err != nil {
				return nil, err
			}
		}
		return h, nil
	})
}

// hashValue is a hashlib hash object.
type hashValue struct {
	base
	name string
	h    hash.Hash
}

func (h *hashValue) String() string { return "<" + h.name + " _hashlib.HASH object>" }
func (h *hashValue) Type() string   { return "_hashlib.HASH" }

func (h *hashValue) write(v starlark.Value) error {
	b, ok := v.(starlark.Bytes)
	if !ok {
		if _, isStr := v.(starlark.String); isStr {
			return fmt.Errorf("TypeError: Strings must be encoded before hashing")
		}
		return fmt.Errorf("TypeError: object supporting the buffer API required")
	}
	h.h.Write([]byte(b))
	return nil
}

// AttrNames lists the hash methods.
func (h *hashValue) AttrNames() []string { return []string{"digest", "hexdigest", "name", "update"} }

// Attr provides update, digest, hexdigest and name.
func (h *hashValue) Attr(name string) (starlark.Value, error) {
	switch name {
	case "name":
		return starlark.String(h.name), nil
	case "update":
		return method("update", func(_ *starlark.Thread, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
			var v starlark.Value
			if err := starlark.UnpackPositionalArgs("update", args, kwargs, 1, &v); err != nil {
				return nil, err
			}
			return starlark.None, h.write(v)
		}), nil
	case "digest":
		return method("digest", func(*starlark.Thread, starlark.Tuple, []starlark.Tuple) (starlark.Value, error) {
			return starlark.Bytes(h.h.Sum(nil)), nil
		}), nil
	case "hexdigest":
		return method("hexdigest", func(*starlark.Thread, starlark.Tuple, []starlark.Tuple) (starlark.Value, error) {
			return starlark.String(hex.EncodeToString(h.h.Sum(nil))), nil
		}), nil
	}
	return nil, nil
}

var bisectModule = newModule("bisect", starlark.StringDict{
	"bisect_left":  bisectBuiltin("bisect_left", false, false),
	"bisect_right": bisectBuiltin("bisect_right", true, false),
	"bisect":       bisectBuiltin("bisect", true, false),
	"insort_left":  bisectBuiltin("insort_left", false, true),
	"insort_right": bisectBuiltin("insort_right", true, true),
	"insort":       bisectBuiltin("insort", true, true),
})

// bisectBuiltin finds where x goes in the sorted list a (after equal
// items when right), and inserts it there when insert.
func bisectBuiltin(name string, right, insert bool) *starlark.Builtin {
	return starlark.NewBuiltin("bisect."+name, func(_ *starlark.Thread, b *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
		var a starlark.Indexable
		var x starlark.Value
		lo, hi := 0, -1
		if err := starlark.UnpackArgs(b.Name(), args, kwargs, "a", &a, "x", &x, "lo?", &lo, "hi?", &hi); err != nil {
			return nil, err
		}
		if lo < 0 {
			return nil, fmt.Errorf("ValueError: lo must be non-negative")
		}
		if hi < 0 {
			hi = a.Len()
		}
		for lo < hi {
			mid := (lo + hi) / 2
			// bisect_right: go right while a[mid] <= x; bisect_left: while a[mid] < x.
			op := syntax.LT
			if right {
				op = syntax.LE
			}
			ok, err := starlark.Compare(op, a.Index(mid), x)
			if err != nil {
				return nil, err
			}
			if ok {
				lo = mid + 1
			} else {
				hi = mid
			}
		}
		if !insert {
			return starlark.MakeInt(lo), nil
		}
		l, ok := a.(*starlark.List)
		if !ok {
			return nil, fmt.Errorf("TypeError: %s needs a list", name)
		}
		if err := l.Append(starlark.None); err != nil {
			return nil, err
		}
		for i := l.Len() - 1; i > lo; i-- {
			if err := l.SetIndex(i, l.Index(i-1)); err != nil {
				return nil, err
			}
		}
		return starlark.None, l.SetIndex(lo, x)
	})
}

// refused is a name a module has whose use retort cannot support.
func refused(name, why string) *starlark.Builtin {
	return starlark.NewBuiltin(name, func(*starlark.Thread, *starlark.Builtin, starlark.Tuple, []starlark.Tuple) (starlark.Value, error) {
		return nil, fmt.Errorf("retort does not support %s (%s)", name, why)
	})
}

var contextlibModule = newModule("contextlib", starlark.StringDict{
	"contextmanager": refused("contextlib.contextmanager", "it needs generators; write the setup and cleanup around the code instead"),
	"suppress":       refused("contextlib.suppress", "use try/except"),
	"closing":        refused("contextlib.closing", "call close() after the block"),
})

var dataclassesModule = newModule("dataclasses", starlark.StringDict{
	"dataclass": starlark.NewBuiltin("dataclasses.dataclass", dataclass),
	"field":     starlark.NewBuiltin("dataclasses.field", dataclassField),
	"asdict":    starlark.NewBuiltin("asdict", asdict(false)),
	"astuple":   starlark.NewBuiltin("astuple", asdict(true)),
})

// revisionModule is alembic.script.revision's exception classes.
var revisionModule = exceptionModule("alembic.script.revision", "RevisionError", "RangeNotAncestorError",
	"MultipleHeads", "ResolutionError", "CycleDetected", "DependencyCycleDetected", "LoopDetected", "DependencyLoopDetected")
