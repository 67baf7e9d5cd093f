package autodiff

import (
	"context"
	"database/sql"
	"fmt"
	"slices"

	"github.com/retort-dev/retort/autogen"
	"github.com/retort-dev/retort/dialect"
	"github.com/retort-dev/retort/revision"
	"github.com/retort-dev/retort/schema"
)

// Live is the database's schema as reflected: its default schema's tables
// (and, after ReflectOtherSchemas, every other schema's), and the default
// schema's name.
type Live struct {
	MetaData      *schema.MetaData
	DefaultSchema string
}

// Reflect reads the connection's default schema.
func Reflect(ctx context.Context, d dialect.Dialect, db *sql.DB) (*Live, error) {
	insp, ok := d.(dialect.Inspector)
	if !ok {
		return nil, fmt.Errorf("the %s dialect cannot reflect a schema", d.Name())
	}
	name, err := insp.DefaultSchema(ctx, db)
	if err != nil {
		return nil, err
	}
	md, err := insp.InspectSchema(ctx, db, dialect.InspectOptions{})
	if err != nil {
		return nil, err
	}
	return &Live{MetaData: md, DefaultSchema: name}, nil
}

// ReflectOtherSchemas adds every other schema's tables and enums to live
// (Alembic's include_schemas).
func ReflectOtherSchemas(ctx context.Context, d dialect.Dialect, db *sql.DB, live *Live) error {
	insp, ok := d.(dialect.Inspector)
	if !ok {
		return fmt.Errorf("the %s dialect cannot reflect a schema", d.Name())
	}
	names, err := insp.SchemaNames(ctx, db)
	if err != nil {
		return err
	}
	for _, name := range names {
		if name == live.DefaultSchema {
			continue
		}
		more, err := insp.InspectSchema(ctx, db, dialect.InspectOptions{Schema: name})
		if err != nil {
			return err
		}
		live.MetaData.Tables = append(live.MetaData.Tables, more.Tables...)
		live.MetaData.Enums = append(live.MetaData.Enums, more.Enums...)
	}
	return nil
}

// Localize returns a copy of wanted in which tables placed in the live
// default schema are unqualified, the way reflection reports them: the
// form Compare and include filters take.
func (l *Live) Localize(wanted *schema.MetaData) *schema.MetaData {
	md := wanted.Clone()
	for _, t := range md.Tables {
		if t.Schema == l.DefaultSchema {
			t.Schema = ""
		}
	}
	return md
}

// Compare compares wanted (as Localize returns it) with live on the
// database db of dialect d. opts come from the caller's settings; Compare
// fills in what the database decides: the dialect's name, its type
// renderer, and on PostgreSQL the server's own comparison of two default
// expressions.
func Compare(ctx context.Context, d dialect.Dialect, db *sql.DB, wanted *schema.MetaData, live *Live, opts autogen.Options) (*autogen.Result, error) {
	opts.Dialect = d.Name()
	if tr, ok := d.(dialect.TypeRenderer); ok {
		opts.Types = tr
	}
	if d.Name() == "postgresql" {
		opts.EqualDefaults = func(reflected, model string) (bool, error) {
			var eq bool
			err := db.QueryRowContext(ctx, "SELECT "+reflected+" = "+model).Scan(&eq)
			return eq, err
		}
	}
	return autogen.Compare(wanted, live.MetaData, opts)
}

// AtHeads tells whether the version table's rows are exactly the heads of
// m: autogenerate compares against the schema at the heads (Alembic's
// "Target database is not up to date.").
func AtHeads(m *revision.Map, rows []string) (bool, error) {
	var current []string
	for _, r := range rows {
		rev, err := m.Get(r)
		if err != nil {
			return false, err
		}
		if rev != nil {
			current = append(current, rev.ID)
		}
	}
	var heads []string
	for _, h := range m.Heads() {
		heads = append(heads, h.ID)
	}
	slices.Sort(current)
	slices.Sort(heads)
	return slices.Equal(current, heads), nil
}
