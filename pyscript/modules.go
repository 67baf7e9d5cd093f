package pyscript

import (
	"go.starlark.net/starlark"
)

var postgresqlModule = newModule("postgresql", typeMembers(postgresqlTypes, starlark.StringDict{}))

var mysqlModule = newModule("mysql", typeMembers(mysqlTypes, starlark.StringDict{}))

var sqliteModule = newModule("sqlite", typeMembers(sqliteTypes, starlark.StringDict{}))

// exceptionType stands in for a Python exception class so that the shim's
// `raise X(...)` → `fail(X(...))` reads well: calling it yields the message
// "X: args".
type exceptionType struct {
	base
	name string
}

func (e *exceptionType) Name() string   { return e.name }
func (e *exceptionType) String() string { return e.name }
func (e *exceptionType) Type() string   { return "type" }

// CallInternal builds the exception's message.
func (e *exceptionType) CallInternal(_ *starlark.Thread, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	if len(args) == 0 {
		return starlark.String(e.name), nil
	}
	// Python's str of an exception: its one argument's str, or the
	// repr of the argument tuple.
	if len(args) == 1 {
		return starlark.String(e.name + ": " + pyStr(args[0])), nil
	}
	return starlark.String(e.name + ": " + pyRepr(args)), nil
}

// predeclared is the global environment of every script.
var predeclared = func() starlark.StringDict {
	d := starlark.StringDict{
		"op":           opModule,
		"context":      contextModule,
		"sa":           saModule,
		"sqlalchemy":   saModule,
		"postgresql":   postgresqlModule,
		"mysql":        mysqlModule,
		"sqlite":       sqliteModule,
		"uuid":         uuidModule,
		compareName:    compareBuiltin,
		exitName:       exitBuiltin,
		modName:        modBuiltin,
		strFormatName:  strFormatBuiltin,
		methodName:     methodBuiltin,
		chainName:      chainBuiltin,
		assertName:     assertBuiltin,
		tryName:        tryBuiltin,
		withAllName:    withAllBuiltin,
		powName:        powBuiltin,
		caughtName:     caughtBuiltin,
		elseName:       elseBuiltin,
		finallyName:    finallyBuiltin,
		reraiseName:    reraiseBuiltin,
		mkClassName:    mkClassBuiltin,
		superName:      superBuiltin,
		fieldName:      fieldBuiltin,
		cellName:       cellBuiltin,
		"staticmethod": methodKindBuiltin("staticmethod"),
		"classmethod":  methodKindBuiltin("classmethod"),
		"property":     propertyBuiltin,
		"object":       objectClass,
		"repr":         reprBuiltin,
		"ascii":        asciiBuiltin,
		"str":          strBuiltin,
		"format":       formatBuiltin,
		"print":        printBuiltin,
		"iter":         iterBuiltin,
		"next":         nextBuiltin,
		"sum":          sumBuiltin,
		"round":        roundBuiltin,
		"divmod":       divmodBuiltin,
		"map":          mapBuiltin,
		"filter":       filterBuiltin,
		"callable":     callableBuiltin,
		"isinstance":   isinstanceBuiltin,
	}
	for name, m := range stdlibModules {
		d[stdlibValueName(name)] = m
	}
	d["__name__"] = starlark.String("__main__")
	for _, name := range []string{"Exception", "BaseException", "NotImplementedError", "ValueError", "RuntimeError", "TypeError",
		"KeyError", "IndexError", "LookupError", "AssertionError", "AttributeError", "ZeroDivisionError", "ArithmeticError",
		"OverflowError", "StopIteration", "OSError", "NameError", "UnicodeDecodeError", "UnicodeEncodeError",
		"ImportError", "ModuleNotFoundError", "UnboundLocalError"} {
		d[name] = &exceptionType{name: name}
	}
	return d
}()

func init() {
	// sa.sql.table, sa.schema.Column, sa.types.Integer and
	// sa.dialects.postgresql.UUID name the same things as in SQLAlchemy.
	// Added here because a module cannot refer to itself in its initializer.
	for _, alias := range []string{"sql", "schema", "types", "expression"} {
		saModule.Members[alias] = saModule
	}
	saModule.Members["exc"] = saExcModule
	saModule.Members["engine"] = engineModule
	saModule.Members["inspect"] = builtin("sa.inspect", saInspect)
	saModule.Members["select"] = builtin("sa.select", saSelect)
	for _, kind := range []string{"insert", "update", "delete"} {
		saModule.Members[kind] = saDML(kind)
	}
	saModule.Members["dialects"] = newModule("dialects", starlark.StringDict{
		"postgresql": postgresqlModule, "mysql": mysqlModule, "sqlite": sqliteModule,
	})
}

// stdlibPrefix names the hidden globals that imports of stdlib modules
// bind: `import json` becomes `json = _retort_py_json`.
const stdlibPrefix = "_retort_py_"

// stdlibModules are the Python standard modules scripts may import.
var stdlibModules = map[string]*module{
	"json": jsonModule, "re": reModule, "datetime": datetimeModule, "os": osModule, "time": timeModule,
	"base64": base64Module, "logging": loggingModule, "enum": enumModule,
	"sqlalchemy.exc": saExcModule, "alembic.util": alembicUtilModule,
	"sqlalchemy.engine": engineModule, "alembic_postgresql_enum": apeModule,
	"collections": collectionsModule, "textwrap": textwrapModule, "hashlib": hashlibModule, "bisect": bisectModule,
	"contextlib": contextlibModule, "dataclasses": dataclassesModule, "alembic.script.revision": revisionModule,
	"functools": functoolsModule, "sqlalchemy.engine.reflection": reflectionModule,
}

// withModuleName is the predeclared environment with __name__ set as
// Alembic sets it for the script at path.
func withModuleName(path string) starlark.StringDict {
	d := make(starlark.StringDict, len(predeclared)+1)
	for k, v := range predeclared {
		d[k] = v
	}
	d["__name__"] = starlark.String(moduleName(path))
	return d
}

func isPredeclared(name string) bool {
	_, ok := predeclared[name]
	return ok
}
