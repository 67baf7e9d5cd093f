package cli

import (
	"fmt"

	"github.com/retort-dev/retort/command"
)

// progress prints Alembic's status lines ("Generating <path> ...  done")
// on stdout, where Alembic's util.status writes them.
func (inv *invocation) progress(line string) {
	fmt.Fprintln(inv.stdout, line)
}

func (inv *invocation) runRevision(o command.RevisionOptions) error {
	return inv.withProject(func(p *command.Project) error {
		o.Progress = inv.progress
		_, err := command.Revision(inv.ctx, p, o)
		return err
	})
}

func (inv *invocation) runMerge(revisions []string, o command.MergeOptions) error {
	return inv.withProject(func(p *command.Project) error {
		o.Progress = inv.progress
		_, err := command.Merge(inv.ctx, p, revisions, o)
		return err
	})
}

func (inv *invocation) runEdit(rev string) error {
	return inv.withProject(func(p *command.Project) error {
		return command.Edit(inv.ctx, p, rev)
	})
}

func (inv *invocation) runInit(dir, template string, pkg bool) error {
	if _, err := inv.configFile(); err != nil {
		return err
	}
	return command.Init(inv.env(), command.InitOptions{Dir: dir, Template: template, Package: pkg, Progress: inv.progress})
}

// printTemplates writes list_templates' output.
func (inv *invocation) printTemplates() {
	inv.printf("Available templates:\n\n")
	for _, t := range command.ListTemplates() {
		inv.printf("%s - %s\n", t.Name, t.Description)
	}
	inv.printf("\nTemplates are used via the 'init' command, e.g.:\n\n  retort init --template generic ./scripts\n")
}
