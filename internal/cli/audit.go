package cli

import (
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/spf13/cobra"

	"github.com/retort-dev/retort/command"
	"github.com/retort-dev/retort/migration"
	"github.com/retort-dev/retort/revision"
)

// noHistory is what log and verify print for a database that has no
// history table (migrated before the audit trail, or never).
const noHistory = "no history yet"

func (inv *invocation) logCommand() *cobra.Command {
	var o command.LogOptions
	c := &cobra.Command{
		Use:   "log",
		Short: "Show the audit trail: the steps run on the database, newest first.",
		Args:  noArgs,
	}
	// -n is also the global --name: logShorthand turns it into --limit
	// after "log", as "current -c" is turned into --check-heads.
	c.Flags().IntVar(&o.Limit, "limit", 0, "Show at most this many steps (-n N after the command)")
	c.Flags().StringVarP(&o.Range, "rev-range", "r", "", "Only steps of revisions in this range; format is [start]:[end]")
	var format string
	formatFlag(c, &format, formatText, formatText, formatJSON)
	c.RunE = inv.action(func([]string) error {
		if err := inv.checkFormat(format, formatText, formatJSON); err != nil {
			return err
		}
		if o.Limit < 0 {
			return &usageError{msg: "argument -n/--limit: must not be negative"}
		}
		return inv.withProject(func(p *command.Project) error {
			rows, err := command.Log(inv.ctx, p, o)
			if errors.Is(err, migration.ErrNoHistory) {
				if format == formatJSON {
					fmt.Fprintf(inv.stderr, "%s\n", noHistory)
					return inv.writeJSON(logJSON{})
				}
				inv.printf("%s\n", noHistory)
				return nil
			}
			if err != nil {
				return err
			}
			if format == formatJSON {
				return inv.writeJSON(logDocument(rows))
			}
			printLog(inv.stdout, rows)
			return nil
		})
	})
	return c
}

// printLog writes the trail as an aligned table.
func printLog(w io.Writer, rows []migration.HistoryRow) {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tSTARTED (UTC)\tDIRECTION\tREVISION\tHEADS BEFORE -> AFTER\tDURATION\tBY\tRETORT\tSHA256")
	for _, r := range rows {
		duration := "-"
		if r.Duration > 0 {
			duration = r.Duration.Round(time.Millisecond).String()
			if r.Duration < time.Millisecond {
				duration = r.Duration.Round(time.Microsecond).String()
			}
		}
		by := r.User
		if r.Host != "" {
			by += "@" + r.Host
		}
		fmt.Fprintf(tw, "%d\t%s\t%s\t%s\t%s -> %s\t%s\t%s\t%s\t%s\n", r.ID, r.StartedAt.UTC().Format("2006-01-02 15:04:05"),
			r.Direction, r.Revision, headsText(r.HeadsBefore), headsText(r.HeadsAfter), duration, dash(by), dash(r.Version), dash(short(r.Checksum)))
	}
	tw.Flush()
}

func headsText(heads []string) string {
	if len(heads) == 0 {
		return "base"
	}
	return strings.Join(heads, ",")
}

func dash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

func short(sum string) string {
	if len(sum) > 12 {
		return sum[:12]
	}
	return sum
}

func (inv *invocation) verifyCommand() *cobra.Command {
	var format string
	c := &cobra.Command{
		Use:   "verify",
		Short: "Check that the scripts of applied revisions are unchanged since they were applied.",
		Args:  noArgs,
	}
	formatFlag(c, &format, formatText, formatText, formatJSON)
	c.RunE = inv.action(func([]string) error {
		if err := inv.checkFormat(format, formatText, formatJSON); err != nil {
			return err
		}
		inv.warmDB = true // verify reads the trail at once: connect while the scripts load
		return inv.withProject(func(p *command.Project) error {
			res, err := command.Verify(inv.ctx, p)
			if errors.Is(err, migration.ErrNoHistory) {
				if format == formatJSON {
					fmt.Fprintf(inv.stderr, "%s\n", noHistory)
					return inv.writeJSON(verifyDocument(nil))
				}
				inv.printf("%s\n", noHistory)
				return nil
			}
			if err != nil {
				return err
			}
			if format == formatJSON {
				if err := inv.writeJSON(verifyDocument(res)); err != nil {
					return err
				}
				return verifyFailure(res)
			}
			return printVerify(inv.stdout, res)
		})
	})
	return c
}

// printVerify lists the disagreements and returns a command error when
// there is one.
func printVerify(w io.Writer, res *command.VerifyResult) error {
	for _, c := range res.Changed {
		fmt.Fprintf(w, "changed  %s  %s (applied with sha256 %s, now %s)\n", c.Revision, c.Path, short(c.Recorded), short(c.Current))
	}
	for _, c := range res.Missing {
		path := c.Path
		if path == "" {
			path = "no script recorded"
		}
		fmt.Fprintf(w, "missing  %s  %s (applied, script gone)\n", c.Revision, path)
	}
	fmt.Fprintf(w, "%d applied revision(s) checked: %d changed, %d missing", res.Checked, len(res.Changed), len(res.Missing))
	if n := len(res.Unrecorded); n > 0 {
		fmt.Fprintf(w, "; %d applied without a recorded checksum", n)
	}
	fmt.Fprintln(w)
	return verifyFailure(res)
}

// verifyFailure is the command error of a verify that found
// disagreements, nil when there are none.
func verifyFailure(res *command.VerifyResult) error {
	if !res.OK() {
		return &revision.CommandError{Message: fmt.Sprintf("%d applied script(s) disagree with the audit trail", len(res.Changed)+len(res.Missing))}
	}
	return nil
}

// logShorthand gives "-n N" after the "log" command the meaning --limit N
// ("-n5" too); before the command, and after a bare "--", -n stays the
// global --name.
func logShorthand(args []string) []string {
	cmd := commandIndex(args)
	if cmd < 0 || args[cmd] != "log" {
		return args
	}
	out := slices.Clone(args)
	for i := cmd + 1; i < len(out); i++ {
		switch {
		case out[i] == "--":
			return out
		case out[i] == "-n":
			out[i] = "--limit"
		case strings.HasPrefix(out[i], "-n") && len(out[i]) > 2 && !strings.HasPrefix(out[i], "--"):
			out[i] = "--limit=" + strings.TrimPrefix(out[i][2:], "=")
		}
	}
	return out
}
