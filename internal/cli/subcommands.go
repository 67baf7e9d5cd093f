package cli

import (
	"context"
	"fmt"
	"slices"

	"github.com/spf13/cobra"

	"github.com/retort-dev/retort/command"
	"github.com/retort-dev/retort/dburl"
)

// The help texts are Alembic's, so "retort COMMAND -h" reads like
// "alembic COMMAND -h".

func (inv *invocation) initCommand() *cobra.Command {
	var template string
	var pkg bool
	c := &cobra.Command{
		Use:   "init [flags] DIRECTORY",
		Short: "Initialize a new scripts directory.",
		Args:  exactArgs("directory"),
	}
	c.Flags().StringVarP(&template, "template", "t", "generic", "Setup template for use with 'init'")
	c.Flags().BoolVar(&pkg, "package", false, "Write empty __init__.py files to the environment and version locations")
	c.RunE = inv.action(func(args []string) error {
		return inv.runInit(args[0], template, pkg)
	})
	return c
}

func (inv *invocation) listTemplatesCommand() *cobra.Command {
	return &cobra.Command{
		Use:   "list_templates",
		Short: "List available templates.",
		Args:  noArgs,
		RunE: inv.action(func([]string) error {
			inv.printTemplates()
			return nil
		}),
	}
}

func (inv *invocation) revisionCommand() *cobra.Command {
	var o command.RevisionOptions
	c := &cobra.Command{
		Use:   "revision",
		Short: "Create a new revision file.",
		Args:  noArgs,
	}
	f := c.Flags()
	f.StringVarP(&o.Message, "message", "m", "", "Message string to use with 'revision'")
	f.BoolVar(&o.Autogenerate, "autogenerate", false, "Populate revision script with candidate migration operations, based on comparison of database to model.")
	f.BoolVar(&o.SQL, "sql", false, "Don't emit SQL to database - dump to standard output/file instead. See docs on offline mode.")
	f.StringVar(&o.Head, "head", "head", "Specify head revision or <branchname>@head to base new revision on.")
	f.BoolVar(&o.Splice, "splice", false, "Allow a non-head revision as the 'head' to splice onto")
	f.StringVar(&o.BranchLabel, "branch-label", "", "Specify a branch label to apply to the new revision")
	f.StringVar(&o.VersionPath, "version-path", "", "Specify specific path from config for version file")
	f.StringVar(&o.RevID, "rev-id", "", "Specify a hardcoded revision id instead of generating one")
	f.StringArrayVar(&o.DependsOn, "depends-on", nil, "Specify one or more revision identifiers which this revision should depend on.")
	c.RunE = inv.action(func([]string) error {
		if err := checkRevID(o.RevID); err != nil {
			return err
		}
		return inv.runRevision(o)
	})
	return c
}

func (inv *invocation) mergeCommand() *cobra.Command {
	var o command.MergeOptions
	c := &cobra.Command{
		Use:   "merge [flags] REVISIONS...",
		Short: "Merge two revisions together. Creates a new migration file.",
		Args:  minArgs("revisions"),
	}
	f := c.Flags()
	f.StringVarP(&o.Message, "message", "m", "", "Message string to use with 'revision'")
	f.StringVar(&o.BranchLabel, "branch-label", "", "Specify a branch label to apply to the new revision")
	f.StringVar(&o.RevID, "rev-id", "", "Specify a hardcoded revision id instead of generating one")
	f.BoolVar(&o.Splice, "splice", false, "Allow a non-head revision as the 'head' to splice onto")
	c.RunE = inv.action(func(args []string) error {
		if err := checkRevID(o.RevID); err != nil {
			return err
		}
		return inv.runMerge(args, o)
	})
	return c
}

// migrateFlags are the flags shared by upgrade and downgrade.
func migrateFlags(c *cobra.Command, o *command.MigrateOptions) {
	c.Flags().BoolVar(&o.SQL, "sql", false, "Don't emit SQL to database - dump to standard output/file instead. See docs on offline mode.")
	c.Flags().StringVar(&o.Tag, "tag", "", "Arbitrary 'tag' name - can be used by custom env.py scripts.")
}

func (inv *invocation) upgradeCommand() *cobra.Command {
	return inv.migrateCommand("upgrade", "Upgrade to a later version.", command.Upgrade, command.UpgradeResult)
}

func (inv *invocation) downgradeCommand() *cobra.Command {
	return inv.migrateCommand("downgrade", "Revert to a previous version.", command.Downgrade, command.DowngradeResult)
}

// migrateCommand builds upgrade and downgrade, which differ only in name,
// help and the command functions they call: run for text, summary for
// --format json.
func (inv *invocation) migrateCommand(name, short string,
	run func(context.Context, *command.Project, string, command.MigrateOptions) error,
	summary func(context.Context, *command.Project, string, command.MigrateOptions) (*command.RunResult, error)) *cobra.Command {
	var o command.MigrateOptions
	var format string
	c := &cobra.Command{
		Use:   name + " [flags] REVISION",
		Short: short,
		Args:  exactArgs("revision"),
	}
	migrateFlags(c, &o)
	formatFlag(c, &format, formatText, formatText, formatJSON)
	c.RunE = inv.action(func(args []string) error {
		if err := inv.migrateFormat(format, o.SQL); err != nil {
			return err
		}
		return inv.offline(o.SQL, func() error {
			return inv.withProject(func(p *command.Project) error {
				if format == formatJSON {
					return inv.runSummary(summary(inv.ctx, p, args[0], o))
				}
				return run(inv.ctx, p, args[0], o)
			})
		})
	})
	return c
}

func (inv *invocation) currentCommand() *cobra.Command {
	var verbose, checkHeads bool
	var format string
	c := &cobra.Command{
		Use:   "current",
		Short: "Display the current revision for a database.",
		Args:  noArgs,
	}
	c.Flags().BoolVarP(&verbose, "verbose", "v", false, "Use more verbose output")
	// "-c" is its shorthand after "current" (see checkHeadsShorthand);
	// pflag cannot have it both ways with the global -c.
	c.Flags().BoolVar(&checkHeads, "check-heads", false,
		"Check if all head revisions are applied to the database. Exit with an error code if this is not the case.")
	formatFlag(c, &format, formatText, formatText, formatJSON)
	c.RunE = inv.action(func([]string) error {
		if err := inv.checkFormat(format, formatText, formatJSON); err != nil {
			return err
		}
		return inv.runCurrent(verbose, checkHeads, format)
	})
	return c
}

func (inv *invocation) historyCommand() *cobra.Command {
	var o command.HistoryOptions
	var verbose bool
	var format string
	c := &cobra.Command{
		Use:   "history",
		Short: "List changeset scripts in chronological order.",
		Args:  noArgs,
	}
	f := c.Flags()
	f.StringVarP(&o.Range, "rev-range", "r", "", "Specify a revision range; format is [start]:[end]")
	f.BoolVarP(&verbose, "verbose", "v", false, "Use more verbose output")
	f.BoolVarP(&o.IndicateCurrent, "indicate-current", "i", false, "Indicate the current revision")
	formatFlag(c, &format, formatText, formatText, formatJSON)
	c.RunE = inv.action(func([]string) error {
		if err := inv.checkFormat(format, formatText, formatJSON); err != nil {
			return err
		}
		o.HasRange = c.Flags().Changed("rev-range")
		if o.HasRange {
			if err := checkHistoryRange(o.Range); err != nil {
				return err
			}
		}
		return inv.runHistory(o, verbose, format)
	})
	return c
}

func (inv *invocation) headsCommand() *cobra.Command {
	var verbose, resolve bool
	var format string
	c := &cobra.Command{
		Use:   "heads",
		Short: "Show current available heads in the script directory.",
		Args:  noArgs,
	}
	c.Flags().BoolVarP(&verbose, "verbose", "v", false, "Use more verbose output")
	c.Flags().BoolVar(&resolve, "resolve-dependencies", false, "Treat dependency versions as down revisions")
	formatFlag(c, &format, formatText, formatText, formatJSON)
	c.RunE = inv.action(func([]string) error {
		if err := inv.checkFormat(format, formatText, formatJSON); err != nil {
			return err
		}
		return inv.runHeads(verbose, resolve, format)
	})
	return c
}

func (inv *invocation) branchesCommand() *cobra.Command {
	var verbose bool
	var format string
	c := &cobra.Command{
		Use:   "branches",
		Short: "Show current branch points.",
		Args:  noArgs,
	}
	c.Flags().BoolVarP(&verbose, "verbose", "v", false, "Use more verbose output")
	formatFlag(c, &format, formatText, formatText, formatJSON)
	c.RunE = inv.action(func([]string) error {
		if err := inv.checkFormat(format, formatText, formatJSON); err != nil {
			return err
		}
		return inv.runBranches(verbose, format)
	})
	return c
}

func (inv *invocation) showCommand() *cobra.Command {
	var format string
	c := &cobra.Command{
		Use:   "show REV",
		Short: "Show the revision(s) denoted by the given symbol.",
		Args:  exactArgs("rev"),
	}
	formatFlag(c, &format, formatText, formatText, formatJSON)
	c.RunE = inv.action(func(args []string) error {
		if err := inv.checkFormat(format, formatText, formatJSON); err != nil {
			return err
		}
		return inv.runShow(args[0], format)
	})
	return c
}

func (inv *invocation) stampCommand() *cobra.Command {
	var o command.StampOptions
	c := &cobra.Command{
		Use:   "stamp [flags] REVISIONS...",
		Short: "'stamp' the revision table with the given revision; don't run any migrations.",
		Args:  minArgs("revisions"),
	}
	f := c.Flags()
	f.BoolVar(&o.SQL, "sql", false, "Don't emit SQL to database - dump to standard output/file instead. See docs on offline mode.")
	f.StringVar(&o.Tag, "tag", "", "Arbitrary 'tag' name - can be used by custom env.py scripts.")
	f.BoolVar(&o.Purge, "purge", false, "Unconditionally erase the version table before stamping")
	var format string
	formatFlag(c, &format, formatText, formatText, formatJSON)
	c.RunE = inv.action(func(args []string) error {
		if err := inv.migrateFormat(format, o.SQL); err != nil {
			return err
		}
		return inv.offline(o.SQL, func() error {
			return inv.withProject(func(p *command.Project) error {
				if format == formatJSON {
					return inv.runSummary(command.StampResult(inv.ctx, p, args, o))
				}
				return command.Stamp(inv.ctx, p, args, o)
			})
		})
	})
	return c
}

func (inv *invocation) editCommand() *cobra.Command {
	return &cobra.Command{
		Use:   "edit REV",
		Short: "Edit revision script(s) using $EDITOR.",
		Args:  exactArgs("rev"),
		RunE:  inv.action(func(args []string) error { return inv.runEdit(args[0]) }),
	}
}

func (inv *invocation) ensureVersionCommand() *cobra.Command {
	var sql bool
	c := &cobra.Command{
		Use:   "ensure_version",
		Short: "Create the alembic version table if it doesn't exist already.",
		Args:  noArgs,
	}
	c.Flags().BoolVar(&sql, "sql", false, "Don't emit SQL to database - dump to standard output/file instead. See docs on offline mode.")
	c.RunE = inv.action(func([]string) error {
		return inv.offline(sql, func() error {
			return inv.withProject(func(p *command.Project) error {
				return command.EnsureVersion(inv.ctx, p, sql)
			})
		})
	})
	return c
}

func (inv *invocation) checkCommand() *cobra.Command {
	var format string
	c := &cobra.Command{
		Use:   "check",
		Short: "Check if revision command with autogenerate has pending upgrade ops.",
		Args:  noArgs,
	}
	formatFlag(c, &format, formatText, formatText, formatJSON)
	c.RunE = inv.action(func([]string) error {
		if err := inv.checkFormat(format, formatText, formatJSON); err != nil {
			return err
		}
		return inv.withProject(func(p *command.Project) error {
			err := command.Check(inv.ctx, p)
			if format == formatJSON {
				return inv.checkJSON(err)
			}
			if err != nil {
				return err
			}
			fmt.Fprintln(inv.stdout, "No new upgrade operations detected.")
			return nil
		})
	})
	return c
}

// withProject loads the config and script directory, then runs body.
func (inv *invocation) withProject(body func(p *command.Project) error) error {
	if _, err := inv.configFile(); err != nil {
		return err
	}
	p, err := command.Load(inv.env())
	if err != nil {
		return err
	}
	if u, err := dburl.Parse(p.Config.URL()); err == nil {
		inv.database = u
	}
	return body(p)
}

// env is the command layer's view of the global flags.
func (inv *invocation) env() command.Env {
	return command.Env{
		ConfigPath:   inv.configFileOrEmpty(),
		Section:      inv.section,
		XArgs:        append(slices.Clone(inv.prog.XArgs), inv.xArgs...),
		Getenv:       inv.getenv,
		Stdout:       inv.commandOutput(),
		Events:       inv.logEvent,
		Warn:         inv.warn,
		ScriptFS:     inv.prog.ScriptFS,
		Migrations:   inv.prog.Migrations,
		Defaults:     inv.prog.Defaults,
		OneShot:      true,
		WarmDatabase: inv.warmDB,
		// One invocation compiles its scripts once: opening the cache
		// only identifies the program and creates nothing.
		ScriptCache: command.OpenScriptCache(inv.getenv),
	}
}
