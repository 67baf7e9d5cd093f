package autogen

import (
	"regexp"
	"slices"
	"strings"

	"github.com/retort-dev/retort/internal/lazyre"
	"github.com/retort-dev/retort/schema"
)

// typeText is a type as the dialect's DDL spells it: SQLAlchemy's own
// compilation when the models came from Python, else the dialect's.
func (c *comparer) typeText(t *schema.Type) string {
	if t == nil {
		return ""
	}
	if t.DDL != "" {
		return t.DDL
	}
	if c.o.Types != nil {
		if s, err := c.o.Types.TypeSQL(t); err == nil {
			return s
		}
	}
	return strings.ToUpper(t.Kind)
}

// typeDiffers is Alembic's compare_type: both types rendered as DDL,
// tokenised, and compared by name (with the dialect's synonyms), then by
// the arguments and extra words both sides state.
func (c *comparer) typeDiffers(model, live *schema.Type) bool {
	if model == nil || live == nil || strings.EqualFold(model.Kind, "NullType") {
		return false
	}
	m, l := tokenizeType(c.typeText(model)), tokenizeType(c.typeText(live))
	if !c.typeNamesMatch(l, m) {
		return true
	}
	return !c.typeArgsMatch(l, m)
}

type typeTokens struct {
	name   string
	words  []string
	args   []string
	kwargs map[string]string
}

var (
	typeWord  = lazyre.New(`[\w\-_]+|\(.+?\)`)
	typeParen = lazyre.New(`^\(.*\)$`)
	typeArg   = lazyre.New(`[^(),]+`)
)

func tokenizeType(ddl string) typeTokens {
	var t typeTokens
	t.kwargs = map[string]string{}
	var paren string
	var words []string
	for _, tok := range typeWord().FindAllString(strings.ToLower(ddl), -1) {
		if typeParen().MatchString(tok) {
			paren = tok
		} else {
			words = append(words, tok)
		}
	}
	if len(words) > 0 {
		t.name, t.words = words[0], words[1:]
	}
	for _, a := range typeArg().FindAllString(paren, -1) {
		if k, v, ok := strings.Cut(a, "="); ok {
			t.kwargs[strings.TrimSpace(k)] = strings.TrimSpace(v)
		} else {
			t.args = append(t.args, strings.TrimSpace(a))
		}
	}
	return t
}

// synonyms are the type names each dialect treats as one (Alembic's
// type_synonyms).
func (c *comparer) synonyms() [][]string {
	out := [][]string{{"numeric", "decimal"}}
	switch c.o.Dialect {
	case "postgresql":
		out = append(out, []string{"float", "double precision"})
	case "mysql":
		out = append(out, []string{"bool", "tinyint"}, []string{"json", "longtext"})
	}
	return out
}

func (c *comparer) typeNamesMatch(live, model typeTokens) bool {
	if live.name == model.name {
		return true
	}
	liveAll := strings.Join(append([]string{live.name}, live.words...), " ")
	modelAll := strings.Join(append([]string{model.name}, model.words...), " ")
	for _, batch := range c.synonyms() {
		in := func(s string) bool { return slices.Contains(batch, s) }
		if (in(liveAll) && in(modelAll)) || (in(live.name) && in(model.name)) {
			return true
		}
	}
	return false
}

// typeArgsMatch compares only what both sides state: a model that leaves
// out a length or collation is not "different" from a database that has one.
func (c *comparer) typeArgsMatch(live, model typeTokens) bool {
	if len(model.words) == len(live.words) && !slices.Equal(model.words, live.words) {
		return false
	}
	if len(model.args) == len(live.args) && !slices.Equal(model.args, live.args) {
		return false
	}
	if c.o.Dialect == "mysql" {
		li, mi := strings.Join(live.words, " "), strings.Join(model.words, " ")
		for _, extra := range mysqlTypeExtras {
			re := extra()
			lm, mm := re.FindStringSubmatch(li), re.FindStringSubmatch(mi)
			if lm != nil && mm != nil && lm[1] != mm[1] {
				return false
			}
		}
	}
	return true
}

var mysqlTypeExtras = []func() *regexp.Regexp{
	lazyre.New(`character set ([\w\-_]+)`),
	lazyre.New(`collate ([\w\-_]+)`),
}
