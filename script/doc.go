// Package script owns a project's script directory, the Go counterpart of
// Alembic 1.8.1's ScriptDirectory (alembic/script/base.py): finding the
// revision files in the version locations, reading their headers without
// running them, building the revision graph (a revision.Map), naming and
// writing new revision files from the project's script.py.mako (or
// script.sql.mako) template, and creating new projects (`init`,
// `list_templates`).
//
// Revision files are Alembic's .py scripts and retort's .sql scripts
// (package sqlfile owns that format). A .py header is read by a small
// scanner that understands the literal assignments of revision,
// down_revision, branch_labels and depends_on in both the plain and the
// annotated style, plus the module docstring; it stops reading as soon as
// it has seen all four names, so loading large projects stays fast.
//
// The package does not read the ini file: the command layer maps the
// configuration into Options. Messages that Alembic also prints (for
// example "Multiple heads are present; ...") use Alembic's wording, so the
// CLI can print "FAILED: " + err.Error(); status lines such as
// "Generating /path ...  done" are handed to a Progress callback.
package script
