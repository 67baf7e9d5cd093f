// Package postgres is retort's PostgreSQL dialect: it compiles every op of
// package ops into the DDL that Alembic 1.8.1 with SQLAlchemy 1.4 emits for
// PostgreSQL (SERIAL keys, native ENUM types created before the table,
// COMMENT ON statements, ALTER COLUMN ... TYPE ... USING, CONCURRENTLY and
// partial indexes), and reflects a live table from pg_catalog ([New]).
//
// It builds on the shared compiler in dialect/ddl and imports no database
// driver; placeholders are $1, $2, ... as pgx expects.
package postgres

import (
	"bytes"
	"context"
	"encoding/json"
	"strconv"

	"github.com/retort-dev/retort/dialect"
	"github.com/retort-dev/retort/dialect/ddl"
	"github.com/retort-dev/retort/internal/sqlbuild"
	"github.com/retort-dev/retort/ops"
	"github.com/retort-dev/retort/schema"
)

// Postgres is the PostgreSQL dialect.
//
// It holds two compilers because SQLAlchemy spells string literals
// differently online and offline: without a connection it cannot learn that
// standard_conforming_strings is on, so offline output doubles backslashes
// ('a\\b'), while a live run must not. Statements come from the online
// compiler; where the offline text differs it becomes Stmt.Inline.
type Postgres struct {
	compiler *ddl.Compiler
	offline  *ddl.Compiler
}

var _ dialect.Dialect = (*Postgres)(nil)

// New returns the PostgreSQL dialect.
func New() dialect.Dialect { return newPostgres() }

func newPostgres() *Postgres {
	return &Postgres{compiler: ddl.New(&hooks{online: true}), offline: ddl.New(&hooks{})}
}

// Name is "postgresql".
func (*Postgres) Name() string { return "postgresql" }

// ImplName is Alembic's "PostgresqlImpl".
func (*Postgres) ImplName() string { return "PostgresqlImpl" }

// TransactionalDDL is true: PostgreSQL runs DDL inside transactions.
func (*Postgres) TransactionalDDL() bool { return true }

// Compile turns one op into PostgreSQL statements. Only batch_alter_table
// with recreate="always" and no copy_from uses q (to reflect the table).
func (p *Postgres) Compile(ctx context.Context, q dialect.Querier, op ops.Op) ([]dialect.Stmt, error) {
	stmts, err := p.compiler.Compile(ctx, q, op)
	if err != nil {
		return nil, err
	}
	if !hasBackslash(op) {
		return stmts, nil
	}
	off, err := p.offline.Compile(ctx, q, op)
	if err != nil || len(off) != len(stmts) {
		return stmts, nil
	}
	for i := range stmts {
		if o := off[i].Offline(); o != stmts[i].Offline() {
			stmts[i].Inline = o
		}
	}
	return stmts, nil
}

// hasBackslash reports whether an op could render a literal with a
// backslash, the only case where online and offline text differ; it spares
// the second compilation for everything else.
func hasBackslash(op ops.Op) bool {
	data, err := json.Marshal(op)
	return err != nil || bytes.Contains(data, []byte(`\\`))
}

// QuoteIdent quotes name with double quotes when SQLAlchemy would.
func (*Postgres) QuoteIdent(name string) string { return quoter.Ident(name) }

// Literal renders v as a PostgreSQL literal, as offline mode prints it.
func (*Postgres) Literal(v any) (string, error) { return literals.Literal(v) }

// Reflect reads one table from pg_catalog.
func (*Postgres) Reflect(ctx context.Context, q dialect.Querier, schemaName, table string) (*schema.Table, error) {
	return reflectTable(ctx, q, schemaName, table)
}

var quoter = sqlbuild.Quoter{Quote: '"', Reserved: sqlbuild.PostgresReserved}

// literals follow SQLAlchemy's offline PostgreSQL rendering: without a
// connection it cannot ask for standard_conforming_strings, so backslashes
// are doubled; bytea renders as '\x...' hex. onlineLiterals are the same
// with standard_conforming_strings on (PostgreSQL's default).
var literals = sqlbuild.LiteralStyle{
	BackslashEscapes: true,
	True:             "true",
	False:            "false",
	Bytes: func(b []byte) string {
		const hexdigits = "0123456789abcdef"
		out := make([]byte, 0, 2*len(b))
		for _, c := range b {
			out = append(out, hexdigits[c>>4], hexdigits[c&15])
		}
		return `'\\x` + string(out) + `'`
	},
}

var onlineLiterals = func() sqlbuild.LiteralStyle {
	l := literals
	l.BackslashEscapes = false
	return l
}()

func placeholder(n int) string { return "$" + strconv.Itoa(n) }
