package pyscript

import (
	"encoding/base64"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"go.starlark.net/starlark"
)

// Small stdlib modules: os (environment, read-only), time, base64,
// logging and enum (functional API), plus the exception modules
// sqlalchemy.exc and alembic.util.

var osModule = newModule("os", starlark.StringDict{
	"environ": envMapping{},
	"getenv":  starlark.NewBuiltin("os.getenv", osGetenv),
})

// envMapping is os.environ, read-only: get, [key] and `in`.
type envMapping struct{ base }

var _ starlark.Mapping = envMapping{}

func (envMapping) String() string { return "environ({...})" }
func (envMapping) Type() string   { return "os._Environ" }

// Get looks a variable up.
func (envMapping) Get(k starlark.Value) (starlark.Value, bool, error) {
	s, ok := k.(starlark.String)
	if !ok {
		return nil, false, fmt.Errorf("TypeError: str expected, not %s", pyTypeName(k))
	}
	v, found := os.LookupEnv(string(s))
	if !found {
		return nil, false, nil
	}
	return starlark.String(v), true, nil
}

// AttrNames lists the mapping's methods.
func (envMapping) AttrNames() []string { return []string{"get"} }

// Attr provides get(key, default=None).
func (e envMapping) Attr(name string) (starlark.Value, error) {
	if name != "get" {
		return nil, nil
	}
	return starlark.NewBuiltin("os.environ.get", osGetenv), nil
}

func osGetenv(_ *starlark.Thread, b *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	var key string
	var def starlark.Value = starlark.None
	if err := starlark.UnpackArgs(b.Name(), args, kwargs, "key", &key, "default?", &def); err != nil {
		return nil, err
	}
	if v, ok := os.LookupEnv(key); ok {
		return starlark.String(v), nil
	}
	return def, nil
}

// timeModule is time.time() and friends; time.sleep does nothing (a
// migration waits for nothing retort would run meanwhile).
var timeModule = newModule("time", starlark.StringDict{
	"time":         starlark.NewBuiltin("time.time", timeNow),
	"monotonic":    starlark.NewBuiltin("time.monotonic", timeNow),
	"perf_counter": starlark.NewBuiltin("time.perf_counter", timeNow),
	"sleep": starlark.NewBuiltin("time.sleep", func(_ *starlark.Thread, b *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
		var secs starlark.Value
		if err := starlark.UnpackPositionalArgs(b.Name(), args, kwargs, 1, &secs); err != nil {
			return nil, err
		}
		if _, ok := asFloat(secs); !ok {
			return nil, fmt.Errorf("TypeError: 'float' object cannot be interpreted as an integer")
		}
		return starlark.None, nil
	}),
})

func timeNow(_ *starlark.Thread, b *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	if err := starlark.UnpackPositionalArgs(b.Name(), args, kwargs, 0); err != nil {
		return nil, err
	}
	return starlark.Float(float64(time.Now().UnixNano()) / 1e9), nil
}

var base64Module = newModule("base64", starlark.StringDict{
	"b64encode":          b64func("b64encode", base64.StdEncoding, true),
	"b64decode":          b64func("b64decode", base64.StdEncoding, false),
	"standard_b64encode": b64func("standard_b64encode", base64.StdEncoding, true),
	"standard_b64decode": b64func("standard_b64decode", base64.StdEncoding, false),
	"urlsafe_b64encode":  b64func("urlsafe_b64encode", base64.URLEncoding, true),
	"urlsafe_b64decode":  b64func("urlsafe_b64decode", base64.URLEncoding, false),
})

func b64func(name string, enc *base64.Encoding, encode bool) *starlark.Builtin {
	return starlark.NewBuiltin("base64."+name, func(_ *starlark.Thread, b *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
		var v starlark.Value
		if err := starlark.UnpackPositionalArgs(b.Name(), args, kwargs, 1, &v); err != nil {
			return nil, err
		}
		var in string
		switch x := v.(type) {
		case starlark.Bytes:
			in = string(x)
		case starlark.String:
			if encode {
				return nil, fmt.Errorf("TypeError: a bytes-like object is required, not 'str'")
			}
			in = string(x)
		default:
			return nil, fmt.Errorf("TypeError: a bytes-like object is required, not '%s'", pyTypeName(v))
		}
		if encode {
			return starlark.Bytes(enc.EncodeToString([]byte(in))), nil
		}
		out, err := enc.DecodeString(in)
		if err != nil {
			return nil, fmt.Errorf("binascii.Error: %v", err)
		}
		return starlark.Bytes(out), nil
	})
}

// Logging levels, as in Python.
var logLevels = map[string]int{"DEBUG": 10, "INFO": 20, "WARNING": 30, "ERROR": 40, "CRITICAL": 50}

// loggingModule is Python's logging as scripts use it. Messages reach
// Env.Log when it is set; otherwise those at WARNING and above (INFO and
// above for loggers named alembic.*, as alembic.ini's default
// configuration has it) are written to standard error as
// "LEVEL [name] message", and the rest is discarded.
var loggingModule = func() *module {
	m := starlark.StringDict{
		"getLogger": starlark.NewBuiltin("logging.getLogger", getLogger),
		"basicConfig": starlark.NewBuiltin("logging.basicConfig", func(*starlark.Thread, *starlark.Builtin, starlark.Tuple, []starlark.Tuple) (starlark.Value, error) {
			return starlark.None, nil
		}),
		"NOTSET": starlark.MakeInt(0),
		"WARN":   starlark.MakeInt(30),
		"FATAL":  starlark.MakeInt(50),
	}
	for name, lvl := range logLevels {
		m[name] = starlark.MakeInt(lvl)
	}
	root := &loggerValue{name: "root"}
	for _, meth := range root.AttrNames() {
		if meth != "name" && meth != "setLevel" {
			m[meth], _ = root.Attr(meth)
		}
	}
	return newModule("logging", m)
}()

func getLogger(_ *starlark.Thread, b *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	var name starlark.Value = starlark.None
	if err := starlark.UnpackPositionalArgs(b.Name(), args, kwargs, 0, &name); err != nil {
		return nil, err
	}
	s, ok := name.(starlark.String)
	if !ok || s == "" {
		return &loggerValue{name: "root"}, nil
	}
	return &loggerValue{name: string(s)}, nil
}

// loggerValue is a logging.Logger.
type loggerValue struct {
	base
	name string
}

func (l *loggerValue) String() string { return "<Logger " + l.name + ">" }
func (l *loggerValue) Type() string   { return "Logger" }

// AttrNames lists the logger's methods.
func (l *loggerValue) AttrNames() []string {
	return []string{"critical", "debug", "error", "exception", "info", "log", "name", "setLevel", "warn", "warning"}
}

// Attr provides the logging methods.
func (l *loggerValue) Attr(name string) (starlark.Value, error) {
	level := map[string]string{"debug": "DEBUG", "info": "INFO", "warning": "WARNING", "warn": "WARNING",
		"error": "ERROR", "exception": "ERROR", "critical": "CRITICAL"}[name]
	switch {
	case name == "name":
		return starlark.String(l.name), nil
	case name == "setLevel":
		return method("setLevel", func(*starlark.Thread, starlark.Tuple, []starlark.Tuple) (starlark.Value, error) {
			return starlark.None, nil
		}), nil
	case name == "log":
		return method("log", func(thread *starlark.Thread, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
			if len(args) < 2 {
				return nil, fmt.Errorf("TypeError: log() missing required arguments: 'level' and 'msg'")
			}
			n, _ := args[0].(starlark.Int)
			lv, _ := n.Int64()
			lname := "Level " + args[0].String()
			for k, v := range logLevels {
				if int64(v) == lv {
					lname = k
				}
			}
			return l.emit(thread, lname, args[1:])
		}), nil
	case level != "":
		return method(name, func(thread *starlark.Thread, args starlark.Tuple, _ []starlark.Tuple) (starlark.Value, error) {
			if len(args) == 0 {
				return nil, fmt.Errorf("TypeError: %s() missing 1 required positional argument: 'msg'", name)
			}
			return l.emit(thread, level, args)
		}), nil
	}
	return nil, nil
}

// emit formats msg % args as logging does and hands it on.
func (l *loggerValue) emit(thread *starlark.Thread, level string, args starlark.Tuple) (starlark.Value, error) {
	msg := pyStr(args[0])
	if len(args) > 1 {
		var arg starlark.Value = args[1:]
		if d, ok := args[1].(*starlark.Dict); ok && len(args) == 2 {
			arg = d
		}
		var err error
		if msg, err = percentFormat(msg, arg); err != nil {
			return nil, err
		}
	}
	if st := stateOf(thread); st != nil && st.env.Log != nil {
		st.env.Log(level, l.name, msg)
		return starlark.None, nil
	}
	threshold := logLevels["WARNING"]
	if l.name == "alembic" || strings.HasPrefix(l.name, "alembic.") {
		threshold = logLevels["INFO"]
	}
	if lv, ok := logLevels[level]; ok && lv >= threshold {
		fmt.Fprintf(os.Stderr, "%-5.5s [%s] %s\n", level, l.name, msg)
	}
	return starlark.None, nil
}

// moduleName is the __name__ Alembic gives a script's module: its file
// name with every non-word character made an underscore.
func moduleName(path string) string {
	// The loop is regexp `\W` → "_" (ASCII word characters; any other
	// rune, or invalid byte, is one underscore) without compiling a
	// pattern for every script.
	var b strings.Builder
	for _, r := range filepath.Base(path) {
		if r == '_' || '0' <= r && r <= '9' || 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' {
			b.WriteRune(r)
		} else {
			b.WriteByte('_')
		}
	}
	return b.String()
}

// enumModule is enum: Enum's functional API, enum.Enum("Mood", "happy
// sad"), and the bases of class-based enums (enumclass.go).
var enumModule = newModule("enum", starlark.StringDict{
	"Enum":    &enumFactory{kind: "Enum"},
	"IntEnum": &enumFactory{kind: "IntEnum"},
	"StrEnum": &enumFactory{kind: "StrEnum"},
	"auto":    starlark.NewBuiltin("enum.auto", enumAuto),
	"unique":  starlark.NewBuiltin("enum.unique", enumUnique),
})

type enumFactory struct {
	base
	kind string
}

func (f *enumFactory) Name() string   { return f.kind }
func (f *enumFactory) String() string { return "<enum '" + f.kind + "'>" }
func (*enumFactory) Type() string     { return "EnumType" }

// CallInternal is Enum(name, names): names a space/comma separated
// string, a list of names, a list of (name, value) pairs, or a dict.
func (f *enumFactory) CallInternal(_ *starlark.Thread, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	var name string
	var names starlark.Value
	if err := starlark.UnpackArgs("Enum", args, kwargs, "value", &name, "names", &names); err != nil {
		return nil, err
	}
	e := newEnumClass(name, f.kind)
	add := func(n string, v starlark.Value) { e.add(n, v) }
	switch x := names.(type) {
	case starlark.String:
		for i, n := range strings.FieldsFunc(string(x), func(r rune) bool { return r == ' ' || r == ',' }) {
			add(n, starlark.MakeInt(i+1))
		}
	case *starlark.Dict:
		for _, kv := range x.Items() {
			n, ok := kv[0].(starlark.String)
			if !ok {
				return nil, fmt.Errorf("TypeError: Enum member names must be strings")
			}
			add(string(n), kv[1])
		}
	case starlark.Iterable:
		i := 0
		for item := range starlark.Elements(x) {
			i++
			switch it := item.(type) {
			case starlark.String:
				add(string(it), starlark.MakeInt(i))
			case starlark.Tuple:
				n, ok := it[0].(starlark.String)
				if len(it) != 2 || !ok {
					return nil, fmt.Errorf("TypeError: Enum members must be names or (name, value) pairs")
				}
				add(string(n), it[1])
			default:
				return nil, fmt.Errorf("TypeError: Enum members must be names or (name, value) pairs")
			}
		}
	default:
		return nil, fmt.Errorf("TypeError: Enum names must be a string, a list or a dict")
	}
	return e, nil
}

func exceptionModule(name string, names ...string) *module {
	d := starlark.StringDict{}
	for _, n := range names {
		d[n] = &exceptionType{name: n}
	}
	return newModule(name, d)
}

// saExcModule is sqlalchemy.exc: its exception classes, for raise.
var saExcModule = exceptionModule("sqlalchemy.exc", "SQLAlchemyError", "ArgumentError", "CompileError", "DBAPIError",
	"DataError", "IntegrityError", "InterfaceError", "InternalError", "InvalidRequestError", "NoSuchTableError",
	"NoSuchColumnError", "NotSupportedError", "OperationalError", "ProgrammingError", "StatementError", "DatabaseError")

// alembicUtilModule is alembic.util's CommandError.
var alembicUtilModule = exceptionModule("alembic.util", "CommandError")
