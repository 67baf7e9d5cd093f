package lint

// Severity is how bad a hazard is: an error fails the lint, a warning is
// reported only.
type Severity string

// The severities.
const (
	SeverityError   Severity = "error"
	SeverityWarning Severity = "warning"
)

// Rule ids, as written in reports and in lint-ignore comments.
const (
	RuleIndexNotConcurrent      = "index-not-concurrent"
	RuleAddColumnNotNull        = "add-column-not-null"
	RuleColumnTypeRewrite       = "column-type-rewrite"
	RuleConstraintNotValid      = "constraint-not-valid"
	RuleSetNotNull              = "set-not-null"
	RuleConcurrentInTransaction = "concurrently-in-transaction"
	RuleDropTable               = "drop-table"
	RuleDropColumn              = "drop-column"
	RuleRenameTable             = "rename-table"
	RuleRenameColumn            = "rename-column"
	RuleNoDowngrade             = "no-downgrade"
)

// Rule is one kind of hazard.
type Rule struct {
	ID       string
	Severity Severity
	// PostgreSQLOnly rules describe PostgreSQL's locking; the others
	// apply on every dialect.
	PostgreSQLOnly bool
	// Summary says what the rule finds.
	Summary string
	// Fix is the one-line remedy printed with every hazard.
	Fix string
}

// rules is the rule table, in the order Rules lists it.
var rules = []Rule{
	{RuleIndexNotConcurrent, SeverityError, true,
		"CREATE INDEX without CONCURRENTLY on an existing table blocks its writes while the index builds",
		"create it CONCURRENTLY outside a transaction (postgresql_concurrently=True in an autocommit_block, or -- retort:no-transaction)"},
	{RuleAddColumnNotNull, SeverityError, true,
		"ADD COLUMN ... NOT NULL without a default fails on a table that has rows",
		"give the column a server default, or add it nullable, backfill, then SET NOT NULL"},
	{RuleColumnTypeRewrite, SeverityError, true,
		"changing a column's type rewrites the whole table under an ACCESS EXCLUSIVE lock",
		"add a new column, backfill it in batches and switch over; only widening a varchar or numeric avoids the rewrite"},
	{RuleConstraintNotValid, SeverityError, true,
		"adding a foreign key or check constraint without NOT VALID scans the table while holding a lock",
		"add it NOT VALID, then VALIDATE CONSTRAINT in a later migration"},
	{RuleSetNotNull, SeverityWarning, true,
		"SET NOT NULL on an existing column scans the whole table under an ACCESS EXCLUSIVE lock",
		"add CHECK (col IS NOT NULL) NOT VALID, VALIDATE it, then SET NOT NULL (PostgreSQL 12+ skips the scan)"},
	{RuleConcurrentInTransaction, SeverityError, true,
		"CREATE/DROP INDEX CONCURRENTLY cannot run inside a transaction block",
		"run it in op.get_context().autocommit_block(), or mark the .sql section -- retort:no-transaction"},
	{RuleDropTable, SeverityError, false,
		"dropping a table destroys its data",
		"make sure nothing reads the table and its data is backed up, then silence with lint-ignore drop-table"},
	{RuleDropColumn, SeverityError, false,
		"dropping a column destroys its data and breaks code that still reads it",
		"stop using the column in a release first, then drop it and silence with lint-ignore drop-column"},
	{RuleRenameTable, SeverityWarning, false,
		"renaming a table breaks the code still running against the old name",
		"create the new table (or a view under the old name) and move readers over before dropping the old name"},
	{RuleRenameColumn, SeverityWarning, false,
		"renaming a column breaks the code still running against the old name",
		"add the new column, write both, backfill, move readers, then drop the old one"},
	{RuleNoDowngrade, SeverityWarning, false,
		"the revision has no downgrade, so it cannot be rolled back",
		"write a downgrade that undoes the upgrade, or silence with lint-ignore no-downgrade if it truly cannot be undone"},
}

// Rules lists every rule, PostgreSQL's first.
func Rules() []Rule {
	return append([]Rule(nil), rules...)
}

// ruleByID finds a rule of the table.
func ruleByID(id string) (Rule, bool) {
	for _, r := range rules {
		if r.ID == id {
			return r, true
		}
	}
	return Rule{}, false
}
