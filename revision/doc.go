// Package revision owns the revision graph of a migration project: the
// revisions declared by scripts, their parents (down_revision), their
// dependencies (depends_on) and branch labels, and every question asked of
// that graph — resolving identifiers, listing heads and bases, walking
// history, computing the upgrade and downgrade steps between two sets of
// heads, and the version-table changes each step or a stamp makes.
//
// It is the Go counterpart of Alembic 1.8.1's script/revision.py (RevisionMap)
// plus the pure bookkeeping of runtime/migration.py (HeadMaintainer,
// RevisionStep, StampStep). It uses the standard library only and does no I/O:
// the script loader fills Revision values and calls New; the migration
// runtime executes the Steps and renders the VersionChanges.
//
// # API summary
//
//	type Revision struct { ID string; DownRevisions, DependsOn, BranchLabels []string; Path, Doc, CreateDate string }
//	func New(revs []*Revision) (*Map, error)            // validates: ids, duplicates, missing parents/deps, labels, cycles
//
//	// graph facts
//	func (m *Map) Heads() []*Revision        // no child through down_revision: what `alembic heads` lists
//	func (m *Map) RealHeads() []*Revision    // no child through down_revision or depends_on: what "heads" resolves to
//	func (m *Map) Bases(), RealBases() []*Revision
//	func (m *Map) Revisions() []*Revision    // history order: heads first, each revision before its ancestors
//	func (m *Map) Children, Dependents, Parents, Dependencies(r *Revision) []*Revision
//	func (m *Map) StepParents(r *Revision) []string  // down revisions + non-inherited dependencies
//	func (m *Map) BranchLabels(r *Revision) []string // own + propagated, sorted
//	func (m *Map) IsHead, IsRealHead, IsBase, IsBranchPoint, IsMergePoint(r *Revision) bool
//	func (m *Map) Lookup(id string) (*Revision, bool) // exact id only
//	func (m *Map) Len() int
//
//	// identifiers
//	func (m *Map) Get(id string) (*Revision, error)         // exactly one; nil, nil for "base"
//	func (m *Map) Resolve(ids ...string) ([]*Revision, error)
//	func ParseRelative(s string) (Relative, bool)            // [LABEL@][SYMBOL](+|-)N
//	func ParseIdentifier(s string) Identifier                // range / relative / [LABEL@]SYMBOL, no resolution
//
//	// traversal
//	func (m *Map) Walk(lower, upper string) ([]*Revision, error)  // history -r lower:upper, "" = open end
//	func (m *Map) WalkCurrent(rows []string, other string, currentIsLower bool) ([]*Revision, error)
//	func (m *Map) Upgrade(current []string, target string) ([]Step, error)    // in execution order
//	func (m *Map) Downgrade(current []string, target string) ([]Step, error)  // in execution order
//	func (m *Map) CurrentHeads(rows []string) ([]*Revision, error)           // what `alembic current` lists
//	func (m *Map) StartRows(start string) ([]string, error)                  // START of an offline range -> rows
//
//	// version table
//	func (m *Map) ApplyStep(heads []string, s Step) (VersionChange, []string, error)
//	func (m *Map) StampChanges(current, targets []string, purge bool) ([]VersionChange, error)
//	func (m *Map) StampResult(current, targets []string, purge bool) ([]string, error)
//	type VersionChange struct { Purge bool; Delete, Insert []string; Update []Update } // render Purge, Delete, Insert, Update
//	type Update struct { From, To string }
//
//	// errors
//	func CommandMessage(err error) string // the text after "FAILED: " for Get/Resolve errors
//
// # Identifiers
//
// Get, Resolve, Upgrade, Downgrade, Walk and StampChanges accept Alembic's
// grammar: a full id; a unique prefix (only ids longer than three characters
// match by prefix, so "001" matches only "001"); a branch label (naming the
// revision that declares it); "head", "heads", "base"; "+N", "-N" (relative
// to the current rows in Upgrade/Downgrade, to the heads in Resolve and
// Walk); "REV+N", "REV-N"; "LABEL@head", "LABEL@heads", "LABEL@base",
// "LABEL@+N", "LABEL@-N", "LABEL@REV" (REV must be on that branch);
// "REV@head" (the head above REV). A "START:END" range is split by the
// caller, who passes the two ends to Walk (or to Upgrade/Downgrade in
// offline mode, passing StartRows(START) as the current rows). "current" is resolved
// by callers, who pass the version-table rows.
//
// Alembic's quirks are kept: moving backwards is silent (Upgrade to an
// ancestor and Downgrade to the current head give no steps), Downgrade to a
// descendant fails, "downgrade +1" and "upgrade -1" fail with "Relative
// revision +1 didn't produce 1 migrations", "-1" from a merge point is
// "Ambiguous walk", "LABEL@base" downgrades everything down to the root the
// branch shares with others, and downgrading a dependency downgrades its
// dependents.
//
// # Errors
//
// Errors are typed (*MultipleHeadsError, *ResolutionError,
// *RangeNotAncestorError, *RevisionError, *CycleError,
// *DuplicateRevisionError, *MissingRevisionError, *DuplicateLabelError) and
// their text is byte-identical to Alembic's where Alembic has one. Get and
// Resolve return them bare (as Alembic's RevisionMap raises them); use
// CommandMessage for what `alembic` prints. Upgrade, Downgrade, Walk,
// WalkCurrent, CurrentHeads and StampChanges return a *CommandError whose
// text is what the corresponding alembic command prints after "FAILED: "
// ("Destination X is not a valid downgrade target from current head(s)",
// "Can't locate revision identified by 'ab12'", ...) and which unwraps to
// the typed error.
//
// # Deterministic order
//
// Where Alembic's order depends on Python set or hash order, this package
// decides by the order revisions were passed to New (the loader's order):
// heads and bases are listed in input order; independent branches are
// upgraded, downgraded and listed starting with the head that comes first in
// input order (as Alembic does given its directory order); children are
// visited in input order when branch labels are propagated; dependencies are
// kept in declared order; branch labels are sorted. When a merge is
// upgraded, the rows of all parents but the last (down_revision order, then
// dependencies) are deleted and the last is updated; when a merge is
// downgraded, rows are inserted for all parents but the last and the merge's
// row is updated to the last. Alembic picks among these by set order, so
// either choice is Alembic-compatible.
//
// # Beyond Alembic
//
// Alembic only warns about a duplicate revision id and crashes on a missing
// down_revision; New refuses both with a clear error naming the scripts.
// depends_on may name a unique id prefix as well as a full id or a label.
//
// A Revision belongs to the Map built from it: New overwrites its computed
// fields. A Map is immutable after New and safe for concurrent use.
package revision
