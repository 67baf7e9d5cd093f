package render

import (
	"slices"
	"strconv"
	"strings"

	"github.com/retort-dev/retort/ops"
	"github.com/retort-dev/retort/schema"
)

func (r *renderer) createIndex(o *ops.CreateIndex) (string, error) {
	ix := o.Index
	args := []string{r.name(ix.Name, ix.NameConv)}
	if !r.batch {
		args = append(args, pyStr(ix.Table))
	}
	args = append(args, "["+strings.Join(r.indexElements(ix), ", ")+"]", "unique="+pyBool(ix.Unique))
	if !r.batch && ix.Schema != "" {
		args = append(args, "schema="+pyStr(ix.Schema))
	}
	if o.IfNotExists {
		args = append(args, "if_not_exists=True")
	}
	args = append(args, indexOptions(ix.DialectOptions)...)
	return r.prefix() + "create_index(" + strings.Join(args, ", ") + ")", nil
}

func (r *renderer) dropIndex(o *ops.DropIndex) (string, error) {
	var args []string
	conv := o.Existing != nil && o.Existing.NameConv
	args = append(args, r.name(o.Name, conv))
	if !r.batch {
		args = append(args, "table_name="+pyStr(o.Table))
		if o.Schema != "" {
			args = append(args, "schema="+pyStr(o.Schema))
		}
	}
	if o.IfExists {
		args = append(args, "if_exists=True")
	}
	if o.Existing != nil {
		args = append(args, indexOptions(o.Existing.DialectOptions)...)
	}
	return r.prefix() + "drop_index(" + strings.Join(args, ", ") + ")", nil
}

// indexElements renders columns as names and expressions as sa.text().
func (r *renderer) indexElements(ix *schema.Index) []string {
	out := make([]string, len(ix.Elements))
	for i, e := range ix.Elements {
		switch {
		case e.Column != "" && e.Desc:
			out[i] = "sa.text(" + pyStr(e.Column+" DESC") + ")"
		case e.Column != "":
			out[i] = pyStr(e.Column)
		default:
			out[i] = "sa.text(" + pyStr(e.Expr) + ")"
		}
	}
	return out
}

// indexOrder puts the common dialect options in the order people write
// them; others follow by name.
var indexOrder = []string{"postgresql_where", "postgresql_using", "postgresql_include", "postgresql_concurrently", "sqlite_where", "mysql_length", "mysql_prefix"}

func indexOptions(opts map[string]string) []string {
	keys := sortedKeys(opts)
	slices.SortStableFunc(keys, func(a, b string) int { return rank(a) - rank(b) })
	var out []string
	for _, k := range keys {
		v := opts[k]
		switch k {
		case "postgresql_where", "sqlite_where":
			out = append(out, k+"=sa.text("+pyStr(v)+")")
		case "postgresql_include":
			var cols []string
			for _, c := range strings.Split(v, ",") {
				if c = strings.TrimSpace(c); c != "" {
					cols = append(cols, c)
				}
			}
			out = append(out, k+"="+pyList(cols))
		case "postgresql_concurrently":
			out = append(out, k+"=True")
		case "mysql_length":
			out = append(out, k+"="+mysqlLength(v))
		default:
			out = append(out, k+"="+pyStr(v))
		}
	}
	return out
}

func rank(k string) int {
	if i := slices.Index(indexOrder, k); i >= 0 {
		return i
	}
	return len(indexOrder)
}

// mysqlLength renders "col:20, other:5" as {'col': 20, 'other': 5} and a
// bare number as itself.
func mysqlLength(v string) string {
	if n, err := strconv.Atoi(strings.TrimSpace(v)); err == nil {
		return strconv.Itoa(n)
	}
	var parts []string
	for _, p := range strings.Split(v, ",") {
		col, n, ok := strings.Cut(strings.TrimSpace(p), ":")
		if !ok {
			continue
		}
		parts = append(parts, pyStr(strings.TrimSpace(col))+": "+strings.TrimSpace(n))
	}
	return "{" + strings.Join(parts, ", ") + "}"
}
