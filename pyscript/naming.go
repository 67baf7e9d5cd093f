package pyscript

import (
	"fmt"
	"strings"

	"github.com/retort-dev/retort/internal/lazyre"
)

// defaultConvention is SQLAlchemy's MetaData naming convention when none is given.
var defaultConvention = map[string]string{"ix": "ix_%(column_0_label)s"}

// withConvention layers conv over SQLAlchemy's default convention.
func withConvention(conv map[string]string) map[string]string {
	out := map[string]string{}
	for k, v := range defaultConvention {
		out[k] = v
	}
	for k, v := range conv {
		out[conventionKey(k)] = v
	}
	return out
}

// conventionKey maps SQLAlchemy's long convention keys to the short ones.
func conventionKey(k string) string {
	switch k {
	case "index", "Index":
		return "ix"
	case "unique_constraint", "UniqueConstraint":
		return "uq"
	case "check_constraint", "CheckConstraint":
		return "ck"
	case "foreign_key_constraint", "ForeignKeyConstraint":
		return "fk"
	case "primary_key_constraint", "PrimaryKeyConstraint":
		return "pk"
	}
	return k
}

var conventionToken = lazyre.New(`%\(([A-Za-z0-9_]+)\)s`)

// conventionName computes a constraint or index name the way SQLAlchemy's
// naming convention does: an op.f() name or an explicit name is kept (unless
// the template uses %(constraint_name)s), an unnamed object gets the
// template filled with its table and columns, and without a template it
// stays unnamed ("" lets the database choose).
func conventionName(conv map[string]string, kind string, name nameArg, table string, cols []string, refTable string, refCols []string) (string, error) {
	return conventionNameIn(conv, kind, name, "", table, cols, refTable, refCols)
}

// conventionNameIn is conventionName for a table in schemaName, whose
// columns' %(column_0_label)s is SQLAlchemy's schema_table_column.
func conventionNameIn(conv map[string]string, kind string, name nameArg, schemaName, table string, cols []string, refTable string, refCols []string) (string, error) {
	if name.conv {
		return name.name, nil
	}
	tmpl, ok := conv[kind]
	if !ok || tmpl == "" {
		return name.name, nil
	}
	usesName := strings.Contains(tmpl, "%(constraint_name)s")
	if name.name != "" && !usesName {
		return name.name, nil
	}
	if name.name == "" && usesName {
		return "", fmt.Errorf("naming convention %q for %s uses %%(constraint_name)s, which requires the constraint to be explicitly named", tmpl, kind)
	}
	var failure error
	out := conventionToken().ReplaceAllStringFunc(tmpl, func(tok string) string {
		key := conventionToken().FindStringSubmatch(tok)[1]
		v, err := conventionToken_(key, name.name, schemaName, table, cols, refTable, refCols)
		if err != nil && failure == nil {
			failure = err
		}
		return v
	})
	if failure != nil {
		return "", fmt.Errorf("naming convention %q: %w", tmpl, failure)
	}
	return out, nil
}

// conventionToken_ resolves one %(token)s of a naming convention.
func conventionToken_(key, name, schemaName, table string, cols []string, refTable string, refCols []string) (string, error) {
	labelPrefix := table
	if schemaName != "" {
		labelPrefix = strings.ReplaceAll(schemaName, ".", "_") + "_" + table
	}
	label := func(c string) string { return labelPrefix + "_" + c }
	pick := func(list []string, rest string, what string, f func(string) string) (string, error) {
		if len(list) == 0 {
			return "", fmt.Errorf("%%(%s)s needs at least one %s", key, what)
		}
		switch rest {
		case "":
			return f(list[0]), nil
		case "N":
			var b strings.Builder
			for _, c := range list {
				b.WriteString(f(c))
			}
			return b.String(), nil
		case "_N":
			parts := make([]string, len(list))
			for i, c := range list {
				parts[i] = f(c)
			}
			return strings.Join(parts, "_"), nil
		}
		return "", fmt.Errorf("unknown token %%(%s)s", key)
	}
	id := func(s string) string { return s }
	switch key {
	case "table_name":
		return table, nil
	case "constraint_name":
		return name, nil
	case "referred_table_name":
		if refTable == "" {
			return "", fmt.Errorf("%%(referred_table_name)s applies to foreign keys only")
		}
		return refTable, nil
	}
	for _, p := range []struct {
		prefix, suffix string
		list           []string
		what           string
		f              func(string) string
	}{
		{"referred_column_0", "_name", refCols, "referred column", id},
		{"column_0", "_name", cols, "column", id},
		{"column_0", "_key", cols, "column", id},
		{"column_0", "_label", cols, "column", label},
	} {
		if strings.HasPrefix(key, p.prefix) && strings.HasSuffix(key, p.suffix) {
			rest := strings.TrimSuffix(strings.TrimPrefix(key, p.prefix), p.suffix)
			if rest == "" || rest == "N" || rest == "_N" {
				return pick(p.list, rest, p.what, p.f)
			}
		}
	}
	return "", fmt.Errorf("unknown token %%(%s)s", key)
}
