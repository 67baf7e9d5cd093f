package autogen

import (
	"fmt"
	"slices"
	"strings"

	"github.com/retort-dev/retort/internal/lazyre"
	"github.com/retort-dev/retort/ops"
	"github.com/retort-dev/retort/schema"
)

// constraintSig is Alembic's common face of an index and a unique
// constraint, so the two can be matched with each other by name.
type constraintSig struct {
	isIndex bool
	name    string
	unique  bool
	cols    []string // element keys: column names, or "(expr)" for expressions
	ix      *schema.Index
	uq      *schema.Unique
}

func indexSig(ix *schema.Index) *constraintSig {
	s := &constraintSig{isIndex: true, name: ix.Name, unique: ix.Unique, ix: ix}
	for _, e := range ix.Elements {
		k := e.Column
		if k == "" {
			k = "(" + normalizeSQL(e.Expr) + ")"
		}
		if e.Desc {
			k += " desc"
		}
		s.cols = append(s.cols, k)
	}
	return s
}

func uniqueSig(u *schema.Unique) *constraintSig {
	return &constraintSig{name: u.Name, unique: true, cols: slices.Clone(u.Columns), uq: u}
}

func (s *constraintSig) key() string { return strings.Join(s.cols, ",") }

func (s *constraintSig) hasExpr() bool {
	for _, c := range s.cols {
		if strings.HasPrefix(c, "(") {
			return true
		}
	}
	return false
}

func (s *constraintSig) objType() string {
	if s.isIndex {
		return "index"
	}
	return "unique_constraint"
}

// compareIndexes is Alembic's _compare_indexes_and_uniques for a table
// both sides have: removed, then changed, then added, each by name in
// sorted order, then the model's unnamed unique constraints by columns.
func (c *comparer) compareIndexes(tt, lt *schema.Table) {
	metaIdx := slices.Clone(tt.Indexes)
	connIdx := slices.Clone(lt.Indexes)
	metaUq, connUq := uniquesOf(tt), uniquesOf(lt)

	if c.o.Dialect == "mysql" {
		metaIdx, connIdx, connUq = c.correctMySQL(tt, lt, metaIdx, connIdx, connUq)
	}

	metaNames := map[string]*constraintSig{}
	unnamedMeta := map[string]*constraintSig{}
	var unnamedOrder []string
	for _, ix := range metaIdx {
		if c.include(Object{Type: "index", Schema: tt.Schema, Table: tt.Name, Name: ix.Name}) {
			metaNames[ix.Name] = indexSig(ix)
		}
	}
	for _, u := range metaUq {
		s := uniqueSig(u)
		if !c.include(Object{Type: "unique_constraint", Schema: tt.Schema, Table: tt.Name, Name: u.Name}) {
			continue
		}
		if u.Name == "" {
			if _, ok := unnamedMeta[s.key()]; !ok {
				unnamedOrder = append(unnamedOrder, s.key())
			}
			unnamedMeta[s.key()] = s
			continue
		}
		metaNames[u.Name] = s
	}
	connNames := map[string]*constraintSig{}
	connUqBySig := map[string]bool{}
	for _, u := range connUq {
		if !c.include(Object{Type: "unique_constraint", Schema: lt.Schema, Table: lt.Name, Name: u.Name, Reflected: true}) {
			continue
		}
		s := uniqueSig(u)
		connUqBySig[s.key()] = true
		if u.Name != "" {
			connNames[u.Name] = s
		}
	}
	for _, ix := range connIdx {
		if ix.Name != "" && c.include(Object{Type: "index", Schema: lt.Schema, Table: lt.Name, Name: ix.Name, Reflected: true}) {
			connNames[ix.Name] = indexSig(ix)
		}
	}

	for _, name := range sortedKeys(connNames) {
		if _, ok := metaNames[name]; ok {
			continue
		}
		s := connNames[name]
		if !s.isIndex && unnamedMeta[s.key()] != nil {
			continue
		}
		c.removeIndexOrUnique(lt, s)
	}
	for _, name := range sortedKeys(metaNames) {
		conn, ok := connNames[name]
		if !ok {
			continue
		}
		meta := metaNames[name]
		if conn.isIndex != meta.isIndex {
			c.removeIndexOrUnique(lt, conn)
			c.addIndexOrUnique(tt, meta)
			continue
		}
		if c.sigChanged(conn, meta) {
			c.removeIndexOrUnique(lt, conn)
			c.addIndexOrUnique(tt, meta)
		}
	}
	for _, name := range sortedKeys(metaNames) {
		if _, ok := connNames[name]; !ok {
			c.addIndexOrUnique(tt, metaNames[name])
		}
	}
	for _, k := range unnamedOrder {
		if !connUqBySig[k] {
			c.addIndexOrUnique(tt, unnamedMeta[k])
		}
	}
}

// sigChanged reports a changed uniqueness or element list, and, beyond
// Alembic, a changed partial-index predicate, index method or include list.
// Expression elements are compared only when neither side is an
// expression index, since databases rewrite expressions when they store
// them.
func (c *comparer) sigChanged(conn, meta *constraintSig) bool {
	if conn.unique != meta.unique {
		return true
	}
	if !conn.hasExpr() && !meta.hasExpr() && conn.key() != meta.key() {
		return true
	}
	if conn.isIndex && meta.isIndex {
		for _, opt := range []string{"postgresql_where", "sqlite_where"} {
			if normalizeSQL(conn.ix.DialectOptions[opt]) != normalizeSQL(meta.ix.DialectOptions[opt]) {
				return true
			}
		}
		if using(conn.ix) != using(meta.ix) {
			return true
		}
		if normalizeList(conn.ix.DialectOptions["postgresql_include"]) != normalizeList(meta.ix.DialectOptions["postgresql_include"]) {
			return true
		}
	}
	return false
}

func using(ix *schema.Index) string {
	u := strings.ToLower(ix.DialectOptions["postgresql_using"])
	if u == "" {
		return "btree"
	}
	return u
}

func normalizeList(s string) string {
	fields := strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == ' ' || r == '[' || r == ']' || r == '\'' || r == '"' })
	return strings.Join(fields, ",")
}

var sqlCast = lazyre.New(`::[a-z_ ]+(\[\])?`)

// normalizeSQL reduces a predicate or expression to a form that survives
// the database's rewriting of it: lower case, casts, parentheses and
// whitespace removed, quotes around identifiers dropped.
func normalizeSQL(s string) string {
	s = strings.ToLower(s)
	s = sqlCast().ReplaceAllString(s, "")
	return strings.Map(func(r rune) rune {
		switch r {
		case '(', ')', ' ', '\t', '\n', '"', '`':
			return -1
		}
		return r
	}, s)
}

func (c *comparer) addIndexOrUnique(t *schema.Table, s *constraintSig) {
	if s.isIndex {
		ix := s.ix.Clone()
		ix.Schema, ix.Table = t.Schema, t.Name
		c.emit(t.Schema, t.Name, &ops.CreateIndex{Index: ix}, indexDiff("add_index", ix))
		return
	}
	c.emit(t.Schema, t.Name, &ops.CreateUniqueConstraint{Schema: t.Schema, Table: t.Name, Unique: schema.CloneConstraint(s.uq).(*schema.Unique)},
		fmt.Sprintf("('add_constraint', %s, %s, %s, %s)", pyOpt(t.Schema), pyStr(t.Name), pyOpt(s.name), pyList(s.uq.Columns)))
}

func (c *comparer) removeIndexOrUnique(t *schema.Table, s *constraintSig) {
	if s.isIndex {
		ix := s.ix.Clone()
		ix.Schema, ix.Table = t.Schema, t.Name
		c.emit(t.Schema, t.Name, &ops.DropIndex{Schema: t.Schema, Table: t.Name, Name: ix.Name, Existing: ix}, indexDiff("remove_index", ix))
		return
	}
	c.emit(t.Schema, t.Name, &ops.DropConstraint{Schema: t.Schema, Table: t.Name, Name: s.name, Type: "unique", Existing: schema.CloneConstraint(s.uq)},
		fmt.Sprintf("('remove_constraint', %s, %s, %s, %s)", pyOpt(t.Schema), pyStr(t.Name), pyOpt(s.name), pyList(s.uq.Columns)))
}

func indexDiff(kind string, ix *schema.Index) string {
	var cols []string
	for _, e := range ix.Elements {
		if e.Column != "" {
			cols = append(cols, e.Column)
		} else {
			cols = append(cols, e.Expr)
		}
	}
	return fmt.Sprintf("('%s', %s, %s, %s, %s)", kind, pyOpt(ix.Schema), pyStr(ix.Table), pyStr(ix.Name), pyList(cols))
}

// correctMySQL applies what MySQL's storage implies: a unique index is the
// unique constraint (reflected as one, matched with a model's unique Index
// of the same name), and the index MySQL adds for a foreign key (named
// after the key or its column) is the database's own, on both sides.
func (c *comparer) correctMySQL(tt, lt *schema.Table, metaIdx, connIdx []*schema.Index, connUq []*schema.Unique) ([]*schema.Index, []*schema.Index, []*schema.Unique) {
	metaByName := map[string]*schema.Index{}
	for _, ix := range metaIdx {
		metaByName[ix.Name] = ix
	}
	var keepUq []*schema.Unique
	for _, u := range connUq {
		if ix, ok := metaByName[u.Name]; ok && ix.Unique {
			connIdx = append(connIdx, &schema.Index{Name: u.Name, Schema: lt.Schema, Table: lt.Name, Unique: true, Elements: columnsAsElements(u.Columns)})
			continue
		}
		keepUq = append(keepUq, u)
	}
	fkNames := map[string]bool{}
	for _, con := range lt.Constraints {
		if fk, ok := con.(*schema.ForeignKey); ok {
			fkNames[fk.Name] = true
			for _, col := range fk.Columns {
				fkNames[col] = true
			}
		}
	}
	removed := map[string]bool{}
	var keepIdx []*schema.Index
	for _, ix := range connIdx {
		if !ix.Unique && fkNames[ix.Name] {
			removed[ix.Name] = true
			continue
		}
		keepIdx = append(keepIdx, ix)
	}
	var keepMeta []*schema.Index
	for _, ix := range metaIdx {
		if !removed[ix.Name] {
			keepMeta = append(keepMeta, ix)
		}
	}
	return keepMeta, keepIdx, keepUq
}

func columnsAsElements(cols []string) []schema.IndexElement {
	out := make([]schema.IndexElement, len(cols))
	for i, c := range cols {
		out[i] = schema.IndexElement{Column: c}
	}
	return out
}

func uniquesOf(t *schema.Table) []*schema.Unique {
	var out []*schema.Unique
	for _, con := range t.Constraints {
		if u, ok := con.(*schema.Unique); ok {
			out = append(out, u)
		}
	}
	return out
}

func sortedKeys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}
