package target

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"

	"github.com/retort-dev/retort/dialect"
	"github.com/retort-dev/retort/schema"
	"github.com/retort-dev/retort/sqlfile"
)

// SchemaFiles lists the .sql files a schema target names: the file
// itself, or a directory's *.sql files in name order.
func SchemaFiles(path string) ([]string, error) {
	info, err := os.Stat(path)
	if err != nil {
		return nil, fmt.Errorf("target_metadata: %w", err)
	}
	if !info.IsDir() {
		return []string{path}, nil
	}
	files, err := filepath.Glob(filepath.Join(path, "*.sql"))
	if err != nil {
		return nil, err
	}
	if len(files) == 0 {
		return nil, fmt.Errorf("target_metadata: %s holds no .sql files", path)
	}
	slices.Sort(files)
	return files, nil
}

// SchemaFilesFS is SchemaFiles on a file system: the file name (a
// slash-separated path inside fsys) or a directory's *.sql files in name
// order.
func SchemaFilesFS(fsys fs.FS, name string) ([]string, error) {
	info, err := fs.Stat(fsys, name)
	if err != nil {
		return nil, fmt.Errorf("schema target: %w", err)
	}
	if !info.IsDir() {
		return []string{name}, nil
	}
	files, err := fs.Glob(fsys, path.Join(name, "*.sql"))
	if err != nil {
		return nil, err
	}
	if len(files) == 0 {
		return nil, fmt.Errorf("schema target: %s holds no .sql files", name)
	}
	slices.Sort(files)
	return files, nil
}

func readSchemaFile(fsys fs.FS, name string) ([]byte, error) {
	if fsys == nil {
		return os.ReadFile(name)
	}
	return fs.ReadFile(fsys, name)
}

// LoadError is a schema file statement that the scratch database refused.
type LoadError struct {
	Path string
	Line int
	SQL  string
	Err  error
}

func (e *LoadError) Error() string {
	stmt := strings.Join(strings.Fields(e.SQL), " ")
	if len(stmt) > 120 {
		stmt = stmt[:117] + "..."
	}
	return fmt.Sprintf("%s:%d: loading the schema into a scratch database: %v\n  statement: %s", e.Path, e.Line, e.Err, stmt)
}

func (e *LoadError) Unwrap() error { return e.Err }

// Scratch is a place to load desired-state DDL: a connection on which the
// statements run, and what to inspect afterwards.
type Scratch struct {
	// Conn runs the statements; it is a single connection, so session
	// settings (search_path, USE) hold for every statement.
	Conn *sql.Conn
	// Schema is what to inspect ("" = the connection's default schema).
	Schema string
	// FS holds the files when not nil (paths as SchemaFilesFS lists
	// them); nil reads them from the operating system's file system.
	FS fs.FS
}

// LoadSchemaSQL runs the statements of files on the scratch connection, in
// order, and reflects what they built. Reflected names of the scratch
// schema are reported as the default schema's (Schema ""). The caller
// creates and drops the scratch database or schema; on PostgreSQL it wraps
// the load in a transaction it rolls back, so nothing survives even a
// statement that names another schema.
func LoadSchemaSQL(ctx context.Context, s Scratch, q dialect.Querier, insp dialect.Inspector, dialectName string, files []string) (*schema.MetaData, error) {
	for _, path := range files {
		src, err := readSchemaFile(s.FS, path)
		if err != nil {
			return nil, fmt.Errorf("target_metadata: %w", err)
		}
		stmts, err := sqlfile.Split(string(src), dialectName)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", path, err)
		}
		for _, st := range stmts {
			if _, err := q.ExecContext(ctx, st.SQL); err != nil {
				return nil, &LoadError{Path: path, Line: st.Line, SQL: st.SQL, Err: err}
			}
		}
	}
	md, err := insp.InspectSchema(ctx, q, dialect.InspectOptions{Schema: s.Schema})
	if err != nil {
		return nil, fmt.Errorf("reflecting the scratch schema: %w", err)
	}
	if s.Schema != "" {
		unscope(md, s.Schema)
	}
	if dialectName == "mysql" {
		forgetMySQLImplicits(md)
	}
	return md, nil
}

// mysqlDefaultWidths are the display widths MariaDB and MySQL 5.7 report
// for integer columns declared without one (signed, unsigned).
var mysqlDefaultWidths = map[string][2]int{
	"TINYINT": {4, 3}, "SMALLINT": {6, 5}, "MEDIUMINT": {9, 8}, "INTEGER": {11, 10}, "BIGINT": {20, 20},
}

// forgetMySQLImplicits removes from a schema loaded into MySQL what the
// server added on its own, so the wanted schema is what the SQL said: the
// index InnoDB creates for a foreign key without one, and default integer
// display widths.
func forgetMySQLImplicits(md *schema.MetaData) {
	for _, t := range md.Tables {
		for _, c := range t.Columns {
			if w, ok := mysqlDefaultWidths[strings.ToUpper(c.Type.Kind)]; ok && c.Type.Dialect == "mysql" {
				if (!c.Type.Unsigned && c.Type.Length == w[0]) || (c.Type.Unsigned && c.Type.Length == w[1]) {
					c.Type.Length = 0
				}
			}
		}
		// InnoDB names the index after the key, or after its first column
		// when the key was unnamed.
		implicit := map[string][]string{}
		for _, con := range t.Constraints {
			if fk, ok := con.(*schema.ForeignKey); ok {
				implicit[fk.Name] = fk.Columns
				implicit[fk.Columns[0]] = fk.Columns
			}
		}
		t.Indexes = slices.DeleteFunc(t.Indexes, func(ix *schema.Index) bool {
			cols, ok := implicit[ix.Name]
			if ix.Unique || !ok || len(ix.Elements) != len(cols) {
				return false
			}
			for i, e := range ix.Elements {
				if e.Column != cols[i] {
					return false
				}
			}
			return true
		})
	}
}

// unscope moves what was reflected from the scratch schema to the default
// schema (""), foreign-key targets included.
func unscope(md *schema.MetaData, scratch string) {
	for _, t := range md.Tables {
		if t.Schema == scratch {
			t.Schema = ""
		}
		for _, ix := range t.Indexes {
			if ix.Schema == scratch {
				ix.Schema = ""
			}
		}
		for _, c := range t.Constraints {
			if fk, ok := c.(*schema.ForeignKey); ok && fk.RefSchema == scratch {
				fk.RefSchema = ""
			}
		}
	}
	for _, e := range md.Enums {
		if e.Schema == scratch {
			e.Schema = ""
		}
	}
}

// ErrNeedsDevURL is returned when a MySQL/MariaDB project keeps its schema
// as SQL but names no scratch server.
var ErrNeedsDevURL = errors.New("a schema.sql target on MySQL/MariaDB needs dev_url: a server where retort may create and drop a scratch database (e.g. dev_url = mysql://root@localhost/)")
