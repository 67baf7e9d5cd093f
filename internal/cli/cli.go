// Package cli is retort's command line: it turns argv into calls of package
// command with Alembic 1.8.1's surface (global -c/-n/-x/--raiseerr, retort's
// -q, every subcommand with its flags, interspersed flags, "-1"-style
// relative revisions) and the later additions of 1.9-1.19 it supports
// ("current -c/--check-heads", ":" refused in --rev-id), prints Alembic's exact text for heads, branches,
// current, history, show and list_templates, renders runtime events as
// Alembic's INFO lines on stderr, and maps failures to Alembic's exit
// statuses: "FAILED: <message>" on stdout with status 255 for command
// errors (on stderr under --sql, whose stdout is the SQL script alone,
// written only when the run succeeds), status 2 for usage errors, status 1
// for database errors and for anything under --raiseerr.
//
// [Main] builds everything per call and keeps no package state, so tests
// run it in-process.
package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"os"
	"os/signal"
	"runtime/debug"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/retort-dev/retort/command"
)

// Exit statuses, as Alembic's argparse front end uses them.
const (
	exitOK       = 0
	exitDatabase = 1   // an error Alembic reports with a traceback (and --raiseerr)
	exitUsage    = 2   // argparse: bad flags or arguments
	exitFailed   = 255 // sys.exit(-1) after "FAILED: ..."
)

// Main runs retort with args (without the program name) and returns the
// process exit status. Everything it prints goes to stdout and stderr.
func Main(args []string, stdout, stderr io.Writer) int {
	return MainProgram(args, stdout, stderr, Program{})
}

// Program is what a program built on retort.Main adds to the stock
// command line: scripts compiled into it and migrations written in Go.
type Program struct {
	// ScriptFS holds the script directory (versions/ inside); nil reads
	// the config file's script_location from disk.
	ScriptFS fs.FS
	// Migrations are revisions written in Go.
	Migrations []command.GoMigration
	// XArgs come before the command line's -x arguments, which win for
	// the same key.
	XArgs []string
	// Logger, when set, receives what the command line would print on
	// stderr as it runs: the INFO lines at Info (none with -q), each
	// statement at Debug, warnings at Warn. Command output and failures
	// keep their channels.
	Logger *slog.Logger
	// Defaults are settings the project's files override.
	Defaults command.Defaults
}

// MainProgram is Main for a program with its own scripts and migrations.
func MainProgram(args []string, stdout, stderr io.Writer, prog Program) int {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	return runProgram(ctx, args, stdout, stderr, os.Getenv, prog)
}

// usageLine heads usage errors, as argparse's does.
const usageLine = "usage: retort [-h] [--version] [-c CONFIG] [-n NAME] [-x X] [--raiseerr] [-q] COMMAND ..."

// usageError is a problem with the command line itself (argparse's domain).
type usageError struct{ msg string }

func (e *usageError) Error() string { return e.msg }

// commandError wraps what a command's run function returned, so that run can
// tell command failures from cobra's own parsing errors.
type commandError struct{ err error }

func (e *commandError) Error() string { return e.err.Error() }
func (e *commandError) Unwrap() error { return e.err }

func run(ctx context.Context, args []string, stdout, stderr io.Writer, getenv func(string) string) int {
	return runProgram(ctx, args, stdout, stderr, getenv, Program{})
}

func runProgram(ctx context.Context, args []string, stdout, stderr io.Writer, getenv func(string) string, prog Program) int {
	inv := &invocation{ctx: ctx, stdout: stdout, stderr: stderr, getenv: getenv, prog: prog}
	args = logShorthand(checkHeadsShorthand(args))
	root := inv.rootCommand()
	if flag, ok := missingValue(args, valuedFlags(root)); ok {
		return inv.report(&usageError{msg: "argument " + flag + ": expected one argument"})
	}
	root.SetArgs(protectRelative(args))
	root.SetOut(stdout)
	root.SetErr(stderr)
	err := root.ExecuteContext(ctx)
	if err == nil {
		return exitOK
	}
	var cmdErr *commandError
	if !errors.As(err, &cmdErr) {
		// Cobra's own errors (unknown flag, unknown command, wrong number
		// of arguments) are usage errors, reported the argparse way.
		return inv.report(&usageError{msg: unmark(err.Error())})
	}
	return inv.report(cmdErr.err)
}

// valuedFlags lists the flags of the whole command tree that take a value,
// in both spellings ("-r" and "--rev-range").
func valuedFlags(root *cobra.Command) map[string]bool {
	valued := map[string]bool{}
	add := func(f *pflag.Flag) {
		if f.Value.Type() == "bool" {
			return
		}
		valued["--"+f.Name] = true
		if f.Shorthand != "" {
			valued["-"+f.Shorthand] = true
		}
	}
	root.PersistentFlags().VisitAll(add)
	for _, c := range root.Commands() {
		c.Flags().VisitAll(add)
	}
	return valued
}

// report prints a failed command's error and returns the exit status.
func (inv *invocation) report(err error) int {
	var usage *usageError
	if errors.As(err, &usage) {
		fmt.Fprintf(inv.stderr, "%s\nretort: error: %s\n", usageLine, usage.msg)
		return exitUsage
	}
	msg := inv.mask(err.Error())
	if inv.raiseErr {
		// Alembic re-raises under --raiseerr: a traceback on stderr and
		// status 1. retort has no traceback; it prints the full error chain.
		fmt.Fprintf(inv.stderr, "Error: %s\n", msg)
		return exitDatabase
	}
	if command.IsDatabaseError(err) {
		// Alembic lets driver errors escape as a traceback on stderr with
		// status 1, and prints nothing on stdout; keep the channel and the
		// status, with one readable line instead of a traceback.
		fmt.Fprintf(inv.stderr, "FAILED: %s\n", msg)
		return exitDatabase
	}
	out := inv.stdout
	if inv.sqlMode || inv.jsonMode {
		// With --sql, stdout is the SQL script: a "FAILED:" line there
		// would end up inside the file the user redirected it to. The
		// same holds for a JSON document.
		out = inv.stderr
	}
	fmt.Fprintf(out, "FAILED: %s\n", msg)
	return exitFailed
}

// version is the module version stamped by "go install", or "devel".
func version() string {
	if info, ok := debug.ReadBuildInfo(); ok && info.Main.Version != "" && info.Main.Version != "(devel)" {
		return strings.TrimPrefix(info.Main.Version, "v")
	}
	return "devel"
}
