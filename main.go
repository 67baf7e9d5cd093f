package retort

import (
	"errors"
	"fmt"
	"io"
	"os"

	"github.com/retort-dev/retort/internal/cli"
)

// Main runs the retort command line, exactly as the stock retort binary
// does, with the program's own migrations (WithMigrations) and scripts
// (WithScripts, e.g. an embed.FS), and exits. The config file (-c, or
// retort.ini / alembic.ini) still gives the database URL and the runtime
// settings. The program links the database/sql drivers it needs:
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
// Only WithMigrations and WithScripts apply; the other options belong to
// the config file and the command line, and Main refuses them.
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
	if err := s.onlyProgramOptions(); err != nil {
		fmt.Fprintf(stderr, "retort: %v\n", err)
		return 2
	}
	return cli.MainProgram(args, stdout, stderr, cli.Program{ScriptFS: s.scripts, Migrations: goMigrations(s.migrations)})
}

// onlyProgramOptions refuses the options Main does not honour.
func (s *settings) onlyProgramOptions() error {
	d := defaultSettings()
	if len(s.versionLocations) > 0 || s.versionSchema != d.versionSchema || s.versionTable != d.versionTable ||
		s.txPerMigration != d.txPerMigration || s.lock != d.lock || s.lockTimeout != d.lockTimeout ||
		s.logger != nil || len(s.xargs) > 0 || s.offline != nil {
		return errors.New("Main takes only WithMigrations and WithScripts; set the rest in the config file or on the command line")
	}
	return nil
}
