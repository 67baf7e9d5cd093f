package migration

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"os/user"
	"strings"
	"time"

	"github.com/retort-dev/retort/dialect"
	"github.com/retort-dev/retort/ops"
	"github.com/retort-dev/retort/schema"
)

// DefaultHistoryTable is the audit trail's table name.
const DefaultHistoryTable = "retort_history"

// AuditOptions configure the audit trail: one row per step that a run
// performs, in a table beside the version table. Alembic never reads it,
// so the version table stays exactly Alembic's.
type AuditOptions struct {
	// Table is the history table's name; "" turns the trail off.
	Table string
	// Schema holds the history table; "" means the connection's default.
	Schema string
	// User, Host and Version are recorded with each row; "" User and Host
	// are taken from the operating system.
	User, Host, Version string
	// Script returns the bytes of a revision's script, for the checksum of
	// stamp rows (steps carry their own); nil records no checksum for them.
	Script func(revisionID string) (path string, src []byte, ok bool)
}

// Checksum is the audit trail's checksum of a script: the hex SHA-256 of
// its bytes.
func Checksum(src []byte) string {
	sum := sha256.Sum256(src)
	return hex.EncodeToString(sum[:])
}

// History direction values, as the direction column holds them.
const (
	DirectionUpgrade   = "upgrade"
	DirectionDowngrade = "downgrade"
	DirectionStamp     = "stamp"
)

// HistoryRow is one row of the audit trail.
type HistoryRow struct {
	ID int64
	// Revision is the revision the step applied or reverted; for a stamp,
	// the revisions it stamped, comma-separated.
	Revision string
	// Direction is DirectionUpgrade, DirectionDowngrade or DirectionStamp.
	Direction string
	// HeadsBefore and HeadsAfter are the version table's rows around the
	// step.
	HeadsBefore, HeadsAfter []string
	ScriptPath              string
	// Checksum is Checksum of the script's bytes; "" when unknown.
	Checksum  string
	StartedAt time.Time
	// Duration is zero for rows written by offline (--sql) scripts, which
	// record when the script was generated.
	Duration            time.Duration
	User, Host, Version string
}

// historyTable builds the SQL of the audit trail with the dialect's quoting.
type historyTable struct {
	d        dialect.Dialect
	schema   string
	name     string
	qualName string
	opts     AuditOptions
}

var historyColumns = []string{"revision", "direction", "heads_before", "heads_after", "script_path",
	"checksum", "started_at", "duration_us", "os_user", "host", "retort_version"}

func newHistoryTable(d dialect.Dialect, o AuditOptions) *historyTable {
	if o.Table == "" {
		return nil
	}
	if o.User == "" {
		if u, err := user.Current(); err == nil {
			o.User = u.Username
		} else {
			o.User = os.Getenv("USER")
		}
	}
	if o.Host == "" {
		o.Host, _ = os.Hostname()
	}
	// The version table's quoting rules apply.
	v := newVersionTable(d, o.Schema, o.Table)
	return &historyTable{d: d, schema: o.Schema, name: o.Table, qualName: v.qualName, opts: o}
}

func (h *historyTable) definition() *schema.Table {
	str := func(name string, n int, nullable bool) *schema.Column {
		return &schema.Column{Name: name, Type: &schema.Type{Kind: "String", Length: n}, Nullable: nullable, Autoincrement: "auto"}
	}
	return &schema.Table{
		Schema: h.schema,
		Name:   h.name,
		Columns: []*schema.Column{
			{Name: "id", Type: &schema.Type{Kind: "Integer"}, PrimaryKey: true, Autoincrement: "auto"},
			str("revision", 255, false),
			str("direction", 16, false),
			str("heads_before", 1024, false),
			str("heads_after", 1024, false),
			str("script_path", 1024, true),
			str("checksum", 64, true),
			str("started_at", 32, false),
			{Name: "duration_us", Type: &schema.Type{Kind: "BigInteger"}, Nullable: true, Autoincrement: "auto"},
			str("os_user", 255, true),
			str("host", 255, true),
			str("retort_version", 64, true),
		},
		Constraints: []schema.Constraint{&schema.PrimaryKey{Name: h.name + "_pkc", Columns: []string{"id"}}},
	}
}

func (h *historyTable) createOp() ops.Op { return &ops.CreateTable{Table: h.definition()} }

// createIfMissing compiles the CREATE TABLE with IF NOT EXISTS, for offline
// scripts, which cannot ask whether a database migrated before the trail
// existed already has the table.
func (h *historyTable) createIfMissing(ctx context.Context) ([]dialect.Stmt, error) {
	stmts, err := h.d.Compile(ctx, nil, h.createOp())
	if err != nil {
		return nil, fmt.Errorf("creating history table %s: %w", h.qualName, err)
	}
	for i, st := range stmts {
		if rest, ok := strings.CutPrefix(strings.TrimSpace(st.SQL), "CREATE TABLE "); ok {
			stmts[i] = dialect.Stmt{SQL: "CREATE TABLE IF NOT EXISTS " + rest}
		}
	}
	return stmts, nil
}

// maxRowsPerInsert bounds a multi-row INSERT well below every dialect's
// limit on bind parameters (SQLite's is 32,766).
const maxRowsPerInsert = 200

// record is the INSERT of rows: literals offline (where the duration is
// NULL: the script's run time is unknown) and on SQLite, whose in-process
// driver parses literals faster than it binds parameters; bind parameters
// elsewhere.
func (h *historyTable) record(rows []HistoryRow, offline bool) (dialect.Stmt, error) {
	inline := offline || h.d.Name() == "sqlite"
	if !inline && h.d.Name() == "postgresql" {
		return h.recordArrays(rows), nil
	}
	var b strings.Builder
	b.WriteString("INSERT INTO " + h.qualName + " (" + h.columnList() + ") VALUES ")
	var args []any
	for i, r := range rows {
		var duration any = r.Duration.Microseconds()
		if offline {
			duration = nil
		}
		values := []any{r.Revision, r.Direction, strings.Join(r.HeadsBefore, ","), strings.Join(r.HeadsAfter, ","),
			nullable(r.ScriptPath), nullable(r.Checksum), r.StartedAt.UTC().Format(startedLayout), duration,
			nullable(h.opts.User), nullable(h.opts.Host), nullable(h.opts.Version)}
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteByte('(')
		for j, val := range values {
			if j > 0 {
				b.WriteString(", ")
			}
			if !inline {
				if h.d.Name() == "postgresql" {
					fmt.Fprintf(&b, "$%d", len(args)+1)
				} else {
					b.WriteByte('?')
				}
				args = append(args, val)
				continue
			}
			lit, err := h.d.Literal(val)
			if err != nil {
				return dialect.Stmt{}, fmt.Errorf("rendering history value %v: %w", val, err)
			}
			b.WriteString(lit)
		}
		b.WriteByte(')')
	}
	return dialect.Stmt{SQL: b.String(), Args: args}, nil
}

// recordArrays is PostgreSQL's INSERT of rows: one array parameter per
// column, unnested into rows on the server, which parses and plans eleven
// parameters instead of eleven a row.
func (h *historyTable) recordArrays(rows []HistoryRow) dialect.Stmt {
	n := len(rows)
	revs, dirs, befores, afters, starteds := make([]string, n), make([]string, n), make([]string, n), make([]string, n), make([]string, n)
	paths, sums, usrs, hosts, versions := make([]*string, n), make([]*string, n), make([]*string, n), make([]*string, n), make([]*string, n)
	durations := make([]int64, n)
	usr, host, version := nullableRef(h.opts.User), nullableRef(h.opts.Host), nullableRef(h.opts.Version)
	for i, r := range rows {
		revs[i], dirs[i] = r.Revision, r.Direction
		befores[i], afters[i] = strings.Join(r.HeadsBefore, ","), strings.Join(r.HeadsAfter, ",")
		paths[i], sums[i] = nullableRef(r.ScriptPath), nullableRef(r.Checksum)
		starteds[i] = r.StartedAt.UTC().Format(startedLayout)
		durations[i] = r.Duration.Microseconds()
		usrs[i], hosts[i], versions[i] = usr, host, version
	}
	var b strings.Builder
	b.WriteString("INSERT INTO " + h.qualName + " (" + h.columnList() + ") SELECT * FROM unnest(")
	for i, c := range historyColumns {
		if i > 0 {
			b.WriteString(", ")
		}
		typ := "text[]"
		if c == "duration_us" {
			typ = "bigint[]"
		}
		fmt.Fprintf(&b, "$%d::%s", i+1, typ)
	}
	b.WriteByte(')')
	return dialect.Stmt{SQL: b.String(), Args: []any{revs, dirs, befores, afters, paths, sums, starteds, durations, usrs, hosts, versions}}
}

// nullableRef is nil for "", else a pointer to s: a NULL or a value in a
// text array parameter.
func nullableRef(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

func (h *historyTable) columnList() string {
	cols := make([]string, len(historyColumns))
	for i, c := range historyColumns {
		cols[i] = h.d.QuoteIdent(c)
	}
	return strings.Join(cols, ", ")
}

// startedLayout is how started_at is stored: UTC, sortable, microseconds.
const startedLayout = "2006-01-02T15:04:05.000000Z"

func nullable(s string) any {
	if s == "" {
		return nil
	}
	return s
}

// exists reports whether the history table exists.
func (h *historyTable) exists(ctx context.Context, q dialect.Querier) (bool, error) {
	v := newVersionTable(h.d, h.schema, h.name)
	ok, err := v.exists(ctx, q)
	if err != nil {
		return false, fmt.Errorf("checking for history table %s: %w", h.qualName, err)
	}
	return ok, nil
}

// read returns every row, oldest first.
func (h *historyTable) read(ctx context.Context, q dialect.Querier) ([]HistoryRow, error) {
	rows, err := q.QueryContext(ctx, "SELECT "+h.d.QuoteIdent("id")+", "+h.columnList()+" FROM "+h.qualName+" ORDER BY "+h.d.QuoteIdent("id"))
	if err != nil {
		return nil, fmt.Errorf("reading history table %s: %w", h.qualName, err)
	}
	defer rows.Close()
	var out rowChunks
	for rows.Next() {
		r := out.add()
		var before, after, started string
		// sql.Null* scan without reflection, unlike pointers.
		var path, sum, usr, host, version sql.NullString
		var duration sql.NullInt64
		if err := rows.Scan(&r.ID, &r.Revision, &r.Direction, &before, &after, &path, &sum, &started, &duration, &usr, &host, &version); err != nil {
			return nil, fmt.Errorf("reading history table %s: %w", h.qualName, err)
		}
		r.HeadsBefore, r.HeadsAfter = splitHeads(before), splitHeads(after)
		r.ScriptPath, r.Checksum, r.User, r.Host, r.Version = path.String, sum.String, usr.String, host.String, version.String
		if duration.Valid {
			r.Duration = time.Duration(duration.Int64) * time.Microsecond
		}
		if t, err := time.Parse(startedLayout, started); err == nil {
			r.StartedAt = t
		}
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("reading history table %s: %w", h.qualName, err)
	}
	return out.rows(), nil
}

// rowChunks collects rows in chunks of doubling size and copies them once
// at the end: HistoryRow is large, and growing one slice copied each row
// about four times and spent a quarter of a long read.
type rowChunks struct {
	full [][]HistoryRow
	cur  []HistoryRow
	n    int
}

// add appends a zero row and returns it to fill.
func (c *rowChunks) add() *HistoryRow {
	if len(c.cur) == cap(c.cur) {
		if c.cur != nil {
			c.full = append(c.full, c.cur)
		}
		c.cur = make([]HistoryRow, 0, max(64, 2*cap(c.cur)))
	}
	c.cur = c.cur[:len(c.cur)+1]
	c.n++
	return &c.cur[len(c.cur)-1]
}

// rows is every row added, in order; nil when there are none.
func (c *rowChunks) rows() []HistoryRow {
	if len(c.full) == 0 {
		return c.cur
	}
	out := make([]HistoryRow, 0, c.n)
	for _, ch := range c.full {
		out = append(out, ch...)
	}
	return append(out, c.cur...)
}

func splitHeads(s string) []string {
	if s == "" {
		return nil
	}
	return strings.Split(s, ",")
}

// readChecksums returns every row, oldest first, with only ID, Revision,
// Direction, ScriptPath and Checksum set: the SQLite driver's cost is per
// column read, and verify needs no more.
func (h *historyTable) readChecksums(ctx context.Context, q dialect.Querier) ([]HistoryRow, error) {
	id := h.d.QuoteIdent("id")
	cols := id + ", " + h.d.QuoteIdent("revision") + ", " + h.d.QuoteIdent("direction") + ", " +
		h.d.QuoteIdent("script_path") + ", " + h.d.QuoteIdent("checksum")
	rows, err := q.QueryContext(ctx, "SELECT "+cols+" FROM "+h.qualName+" ORDER BY "+id)
	if err != nil {
		return nil, fmt.Errorf("reading history table %s: %w", h.qualName, err)
	}
	defer rows.Close()
	var out rowChunks
	for rows.Next() {
		r := out.add()
		var path, sum sql.NullString
		if err := rows.Scan(&r.ID, &r.Revision, &r.Direction, &path, &sum); err != nil {
			return nil, fmt.Errorf("reading history table %s: %w", h.qualName, err)
		}
		r.ScriptPath, r.Checksum = path.String, sum.String
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("reading history table %s: %w", h.qualName, err)
	}
	return out.rows(), nil
}

// ErrNoHistory is returned by History when the database has no history
// table: it was never migrated with the trail on.
var ErrNoHistory = errors.New("no history yet")

// History returns the audit trail, oldest first. It wraps ErrNoHistory
// when the table is missing, and fails when the trail is turned off.
func (c *Context) History(ctx context.Context) ([]HistoryRow, error) {
	return c.readHistory(ctx, (*historyTable).read)
}

// HistoryChecksums is History with only each row's ID, Revision,
// Direction, ScriptPath and Checksum set: what verify compares, read in a
// fraction of History's time.
func (c *Context) HistoryChecksums(ctx context.Context) ([]HistoryRow, error) {
	return c.readHistory(ctx, (*historyTable).readChecksums)
}

func (c *Context) readHistory(ctx context.Context, read func(*historyTable, context.Context, dialect.Querier) ([]HistoryRow, error)) ([]HistoryRow, error) {
	if c.Offline() {
		return nil, errors.New("can't read the history table in offline (--sql) mode")
	}
	if c.history == nil {
		return nil, errors.New("the audit trail is turned off (history_table = false)")
	}
	conn, err := c.connect(ctx)
	if err != nil {
		return nil, err
	}
	defer conn.Close()
	ok, err := c.history.exists(ctx, conn)
	if err != nil {
		return nil, err
	}
	if !ok {
		return nil, fmt.Errorf("history table %s: %w", c.history.qualName, ErrNoHistory)
	}
	return read(c.history, ctx, conn)
}

// HistoryTable is the quoted, qualified name of the history table; "" when
// the trail is off.
func (c *Context) HistoryTable() string {
	if c.history == nil {
		return ""
	}
	return c.history.qualName
}

// WarnEvent is an Event that the command line prints as a warning, even
// with -q.
type WarnEvent interface {
	Event
	WarningMessage() string
}

// ScriptChanged is reported before an upgrade for each applied revision
// whose script differs from the checksum the audit trail recorded.
type ScriptChanged struct {
	Revision string
	Path     string
}

func (ScriptChanged) isEvent() {}

// WarningMessage is one line naming the script.
func (e ScriptChanged) WarningMessage() string {
	return "script " + e.Path + " of applied revision " + e.Revision + " has changed since it was applied (see the verify command)"
}
