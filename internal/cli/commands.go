package cli

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/retort-dev/retort/dburl"
	"github.com/retort-dev/retort/internal/lazyre"
)

// invocation is one run of the command line: the global flags, where
// output goes, and the environment. Nothing of it outlives Main.
type invocation struct {
	ctx    context.Context
	stdout io.Writer
	stderr io.Writer
	getenv func(string) string
	// prog is what a program built on retort.Main adds.
	prog Program
	// warmDB asks the project to connect while its scripts load (verify).
	warmDB bool

	// configPaths are the -c values: an ini file, a pyproject.toml, or
	// one of each (Alembic 1.16).
	configPaths []string
	section     string
	xArgs       []string
	raiseErr    bool
	quiet       bool

	// sqlMode is set once a command given --sql starts: its stdout is
	// the SQL script alone, so failures are reported on stderr.
	sqlMode bool
	// sqlOut holds the SQL script of an offline run until it succeeds.
	sqlOut *bytes.Buffer
	// jsonMode is set once a command given --format json starts: its
	// stdout is the JSON document alone, so failures go to stderr.
	jsonMode bool

	// database is the loaded project's URL, so that its password can be
	// hidden in whatever form a driver message repeats it.
	database *dburl.URL
}

// rootCommand builds the command tree with Alembic's commands and flags.
func (inv *invocation) rootCommand() *cobra.Command {
	root := &cobra.Command{
		Use:   "retort",
		Short: "Database migrations in the manner of Alembic",
		Long: "retort runs Alembic projects (alembic.ini + versions/*.py) and its own\n" +
			".sql migrations against PostgreSQL, MySQL/MariaDB and SQLite.",
		Version:       version(),
		SilenceUsage:  true,
		SilenceErrors: true,
		// argparse says "too few arguments" when no command is given.
		RunE: func(*cobra.Command, []string) error {
			return &usageError{msg: "too few arguments"}
		},
	}
	// An argument cobra could not match to a command is argparse's
	// "invalid choice".
	root.Args = func(c *cobra.Command, args []string) error {
		if len(args) == 0 {
			return nil
		}
		var names []string
		for _, sub := range c.Commands() {
			if sub.IsAvailableCommand() {
				names = append(names, "'"+sub.Name()+"'")
			}
		}
		return &usageError{msg: fmt.Sprintf("argument COMMAND: invalid choice: '%s' (choose from %s)", unmark(args[0]), strings.Join(names, ", "))}
	}
	root.SetVersionTemplate("retort {{.Version}}\n")
	// Alembic has --version only: -v belongs to the subcommands (verbose).
	root.Flags().Bool("version", false, "show program's version number and exit")
	// Nor has it a help command: "retort help" is an invalid choice there.
	root.SetHelpCommand(&cobra.Command{Use: "no-help", Hidden: true})
	root.CompletionOptions.DisableDefaultCmd = true
	root.SetFlagErrorFunc(func(_ *cobra.Command, err error) error { return &usageError{msg: unmark(err.Error())} })

	flags := root.PersistentFlags()
	flags.StringArrayVarP(&inv.configPaths, "config", "c", nil,
		`Alternate config file; defaults to $RETORT_CONFIG, else $ALEMBIC_CONFIG, else "retort.ini" when it exists, else "alembic.ini". May also refer to pyproject.toml file. May be specified twice to reference both files separately`)
	flags.StringVarP(&inv.section, "name", "n", "", `Name of section in .ini file to use for Alembic config (default "alembic")`)
	flags.StringArrayVarP(&inv.xArgs, "x-arg", "x", nil,
		"Additional arguments consumed by migration scripts, e.g. -x setting1=somesetting -x setting2=somesetting")
	flags.BoolVar(&inv.raiseErr, "raiseerr", false, "Raise a full stack trace on error")
	flags.BoolVarP(&inv.quiet, "quiet", "q", false, "Do not log INFO messages to standard error")

	root.AddCommand(
		inv.initCommand(),
		inv.listTemplatesCommand(),
		inv.revisionCommand(),
		inv.mergeCommand(),
		inv.upgradeCommand(),
		inv.downgradeCommand(),
		inv.currentCommand(),
		inv.historyCommand(),
		inv.headsCommand(),
		inv.branchesCommand(),
		inv.showCommand(),
		inv.stampCommand(),
		inv.editCommand(),
		inv.ensureVersionCommand(),
		inv.checkCommand(),
		inv.graphCommand(),
		inv.lintCommand(),
		inv.logCommand(),
		inv.verifyCommand(),
	)
	return root
}

// action adapts a command body to cobra, marking its errors as command
// errors (as opposed to cobra's parsing errors) and giving it the
// arguments and flag values as the user typed them.
func (inv *invocation) action(body func(args []string) error) func(*cobra.Command, []string) error {
	return func(c *cobra.Command, args []string) error {
		unmarkFlags(c)
		if err := body(unmarkAll(args)); err != nil {
			return &commandError{err: err}
		}
		return nil
	}
}

// unmarkFlags restores the string values of the flags given on the command
// line ("-m -1" reaches pflag as a marked token; see protectRelative).
func unmarkFlags(c *cobra.Command) {
	c.Flags().Visit(func(f *pflag.Flag) {
		switch v := f.Value.(type) {
		case pflag.SliceValue:
			_ = v.Replace(unmarkAll(v.GetSlice()))
		default:
			if f.Value.Type() == "string" {
				_ = f.Value.Set(unmark(f.Value.String()))
			}
		}
	})
}

// Argument validators with argparse's messages.
func noArgs(_ *cobra.Command, args []string) error {
	if len(args) > 0 {
		return &usageError{msg: "unrecognized arguments: " + strings.Join(unmarkAll(args), " ")}
	}
	return nil
}

func exactArgs(names ...string) cobra.PositionalArgs {
	return func(_ *cobra.Command, args []string) error {
		switch {
		case len(args) < len(names):
			return &usageError{msg: "the following arguments are required: " + strings.Join(names[len(args):], ", ")}
		case len(args) > len(names):
			return &usageError{msg: "unrecognized arguments: " + strings.Join(unmarkAll(args[len(names):]), " ")}
		}
		return nil
	}
}

func minArgs(name string) cobra.PositionalArgs {
	return func(_ *cobra.Command, args []string) error {
		if len(args) == 0 {
			return &usageError{msg: "the following arguments are required: " + name}
		}
		return nil
	}
}

// passwordInURL matches "scheme://user:password@" in any text retort prints.
var passwordInURL = lazyre.New(`([a-z][a-z0-9+.-]*://[^\s:/@]*):[^\s@/]+@`)

// mask hides passwords: in any URL the way Alembic's obfuscate_url_pw
// does, and the project's own password wherever it appears.
func (inv *invocation) mask(s string) string {
	s = passwordInURL().ReplaceAllString(s, "${1}:XXXXX@")
	return dburl.Mask(s, inv.database)
}

// printf writes to stdout, the channel of Alembic's command output.
func (inv *invocation) printf(format string, args ...any) {
	fmt.Fprintf(inv.stdout, format, args...)
}
