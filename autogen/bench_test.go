package autogen

import (
	"fmt"
	"testing"

	"github.com/retort-dev/retort/schema"
)

// benchSchemas builds n tables as models and as a database would reflect
// them, every tenth table with a column more in the models.
func benchSchemas(n int) (target, live *schema.MetaData) {
	target, live = &schema.MetaData{}, &schema.MetaData{}
	for i := range n {
		name := fmt.Sprintf("t%04d", i)
		mk := func(kind string, length int, extra bool) *schema.Table {
			t := &schema.Table{Name: name, Columns: []*schema.Column{
				{Name: "id", Type: &schema.Type{Kind: kindName(kind, "Integer")}},
				{Name: "name", Type: &schema.Type{Kind: kindName(kind, "String"), Length: length}},
				{Name: "code", Type: &schema.Type{Kind: kindName(kind, "String"), Length: 20}, Nullable: true},
				{Name: "prev_id", Type: &schema.Type{Kind: kindName(kind, "Integer")}, Nullable: true},
			}}
			if extra {
				t.Columns = append(t.Columns, &schema.Column{Name: "extra", Type: &schema.Type{Kind: kindName(kind, "String"), Length: 20}, Nullable: true})
			}
			t.Constraints = []schema.Constraint{
				&schema.PrimaryKey{Columns: []string{"id"}},
				&schema.Unique{Columns: []string{"code"}},
				&schema.ForeignKey{Columns: []string{"prev_id"}, RefTable: fmt.Sprintf("t%04d", i/2), RefColumns: []string{"id"}},
			}
			t.Indexes = []*schema.Index{{Name: "ix_" + name + "_name", Elements: []schema.IndexElement{{Column: "name"}}}}
			return t
		}
		target.Tables = append(target.Tables, mk("model", 50, i%10 == 0))
		live.Tables = append(live.Tables, mk("reflected", 50, false))
	}
	return target, live
}

func kindName(side, model string) string {
	if side == "model" {
		return model
	}
	return map[string]string{"Integer": "INTEGER", "String": "VARCHAR"}[model]
}

func BenchmarkCompare1000(b *testing.B) {
	target, live := benchSchemas(1000)
	o := Options{Dialect: "postgresql", Types: sqlTypes{}, CompareType: true}
	for b.Loop() {
		res, err := Compare(target, live, o)
		if err != nil {
			b.Fatal(err)
		}
		if len(res.Upgrade) != 100 {
			b.Fatalf("%d ops, want 100", len(res.Upgrade))
		}
	}
}
