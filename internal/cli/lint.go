package cli

import (
	"fmt"

	"github.com/spf13/cobra"

	"github.com/retort-dev/retort/command"
	"github.com/retort-dev/retort/lint"
	"github.com/retort-dev/retort/revision"
)

func (inv *invocation) lintCommand() *cobra.Command {
	var o command.LintOptions
	var format string
	c := &cobra.Command{
		Use:   "lint [flags] [RANGE]",
		Short: "Report the hazards of the revisions not yet applied (locks, data loss, renames, missing downgrades).",
		Long: "Render each revision's upgrade offline for the database's dialect and report its hazards.\n" +
			"RANGE is START:END or a target; the default is every revision not yet applied.\n" +
			"Silence one statement with '-- retort:lint-ignore RULE' (.sql) or '# retort: lint-ignore RULE' (.py).",
		Args: func(_ *cobra.Command, args []string) error {
			if len(args) > 1 {
				return &usageError{msg: "unrecognized arguments: " + fmt.Sprint(unmarkAll(args[1:]))}
			}
			return nil
		},
	}
	c.Flags().BoolVar(&o.All, "all", false, "Lint every revision, applied or not")
	formatFlag(c, &format, formatText, formatText, formatJSON)
	c.RunE = inv.action(func(args []string) error {
		if err := inv.checkFormat(format, formatText, formatJSON); err != nil {
			return err
		}
		if len(args) == 1 {
			o.Range = args[0]
		}
		return inv.runLint(o, format)
	})
	return c
}

func (inv *invocation) runLint(o command.LintOptions, format string) error {
	return inv.withProject(func(p *command.Project) error {
		rep, err := command.Lint(inv.ctx, p, o)
		if err != nil {
			return err
		}
		for _, n := range rep.Notices {
			fmt.Fprintf(inv.stderr, "WARNING: %s\n", inv.mask(n))
		}
		return printLint(inv, rep, format)
	})
}

// printLint writes the report (format "text" or "json") and fails when an
// error-level hazard remains. All of lint's output is built here.
func printLint(inv *invocation, rep *command.LintReport, format string) error {
	write := lint.WriteText
	if format == "json" {
		write = lint.WriteJSON
	}
	if err := write(inv.stdout, rep.Hazards); err != nil {
		return err
	}
	if lint.HasErrors(rep.Hazards) {
		n := 0
		for _, h := range rep.Hazards {
			if h.Severity == lint.SeverityError {
				n++
			}
		}
		return &revision.CommandError{Message: fmt.Sprintf("lint found %d error-level hazard(s)", n)}
	}
	return nil
}
