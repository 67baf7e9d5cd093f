package retort

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"os"

	"github.com/retort-dev/retort/command"
	"github.com/retort-dev/retort/dialect"
	"github.com/retort-dev/retort/internal/cli"
	"github.com/retort-dev/retort/schema"
)

// Main runs the retort command line, exactly as the stock retort binary
// does, with the program's own migrations (WithMigrations) and scripts
// (WithScripts, e.g. an embed.FS), and exits. The config file (-c, or
// retort.ini / alembic.ini) still gives the database URL. The program
// links the database/sql drivers it needs:
//
//	import _ "github.com/jackc/pgx/v5/stdlib"
//
//	//go:embed migrations
//	var scripts embed.FS
//
//	func main() {
//		sub, _ := fs.Sub(scripts, "migrations")
//		retort.Main(retort.WithScripts(sub), retort.WithMigrations(app.Migrations...))
//	}
//
// The other options are the program's defaults, and the project's own
// settings win over them, so that a config file means the same to the
// stock retort and to the program: a key of the config file first, then
// what env.py passes to context.configure, then the option, then
// Alembic's default. (Open is the other way round: a program that calls
// Open chooses for that one call, and its options override the file.)
//
//   - WithVersionTable: version_table and version_table_schema.
//   - WithTransactionPerMigration: transaction_per_migration.
//   - WithLock(false): lock. WithLockTimeout bounds the wait (the config
//     file has no key for it).
//   - WithXArgs: -x arguments before the command line's, which win for
//     the same key.
//   - WithVersionLocations: directories of the WithScripts file system to
//     read instead of versions/ (it needs WithScripts; a config file's
//     version_locations are directories on disk, not read then).
//   - WithTargetMetadata, WithTargetModelsFile, WithTargetSchemaSQL: the
//     schema check and revision --autogenerate compare with, where the
//     config file sets no target_metadata (env.py is then not read for
//     it). WithTargetSchemaSQL loads as target_metadata = schema.sql
//     does: on MySQL and MariaDB into the config file's dev_url.
//   - WithLogger: receives what would be printed on stderr while the
//     command runs, instead of stderr: Alembic's INFO lines at Info (none
//     with -q), each statement at Debug, warnings at Warn. Command output
//     (stdout) and failures ("FAILED: ...") are printed as always.
//
// WithOffline does not apply to a command line (--sql does that): Main
// refuses it, and WithVersionLocations without WithScripts, with exit
// status 2 and a message naming the option.
func Main(opts ...Option) {
	os.Exit(Run(os.Args[1:], os.Stdout, os.Stderr, opts...))
}

// Run is Main without the exit: it runs the command line with args
// (without the program name) and returns the exit status, for tests and
// for programs that do more after it.
func Run(args []string, stdout, stderr io.Writer, opts ...Option) int {
	s := defaultSettings()
	if err := s.apply(opts); err != nil {
		fmt.Fprintf(stderr, "retort: %v\n", err)
		return 2
	}
	prog, err := s.program()
	if err != nil {
		fmt.Fprintf(stderr, "retort: %v\n", err)
		return 2
	}
	return cli.MainProgram(args, stdout, stderr, prog)
}

// program turns the options into what the command line adds to the stock
// one, refusing those a command line cannot honour.
func (s *settings) program() (cli.Program, error) {
	if s.offline != nil {
		return cli.Program{}, errors.New("Main: WithOffline does not apply to a command line; run the command with --sql")
	}
	if len(s.versionLocations) > 0 && s.scripts == nil {
		return cli.Program{}, errors.New("Main: WithVersionLocations names directories of the WithScripts file system, and no WithScripts was given; set version_locations in the config file instead")
	}
	d := command.Defaults{
		VersionTable: s.versionTable, VersionTableSchema: s.versionSchema,
		LockTimeout: s.lockTimeout, VersionLocations: s.versionLocations,
		PythonScripts: s.pythonMode, Python: s.python,
	}
	if s.txPerMigration {
		on := true
		d.TransactionPerMigration = &on
	}
	if !s.lock {
		off := false
		d.Lock = &off
	}
	if t := s.target; t != nil && t.sqlFS != nil {
		d.TargetSchemaFS, d.TargetSchemaPath = t.sqlFS, t.sqlPath
	} else if t != nil {
		d.Target = func(ctx context.Context, di dialect.Dialect, db *sql.DB) (*schema.MetaData, error) {
			md, err := t.load(ctx, di, db)
			if err != nil {
				return nil, err
			}
			return md.Clone(), nil // the program's own MetaData stays as it was
		}
	}
	return cli.Program{
		ScriptFS: s.scripts, Migrations: goMigrations(s.migrations),
		XArgs: s.xargs, Logger: s.logger, Defaults: d,
	}, nil
}
