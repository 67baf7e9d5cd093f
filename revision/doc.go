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
//	func New(revs []*Revision) (*Map, error)          // validates: duplicates, missing parents/deps, cycles, labels
//	func (m *Map) Get(id string) (*Revision, error)     // exactly one revision; nil, nil for "base"
//	func (m *Map) Resolve(ids ...string) ([]*Revision, error)
//	func (m *Map) Heads() []*Revision; Bases() []*Revision; Revisions() []*Revision
//	func (m *Map) Children(r *Revision) []*Revision; BranchLabels(r *Revision) []string
//	func (m *Map) IsHead(r), IsBase(r), IsBranchPoint(r), IsMergePoint(r) bool
//	func (m *Map) Walk(lower, upper string) ([]*Revision, error)     // history order, "" = open end
//	func (m *Map) Upgrade(current []string, target string) ([]Step, error)
//	func (m *Map) Downgrade(current []string, target string) ([]Step, error)
//	func (m *Map) ApplyStep(heads []string, s Step) (VersionChange, []string, error)
//	func (m *Map) StampChanges(current, targets []string, purge bool) ([]VersionChange, error)
//	func (m *Map) CurrentHeads(rows []string) ([]*Revision, error)
//
// Identifiers accepted by Get/Resolve/Upgrade/Downgrade follow Alembic's
// grammar: a full id, a unique prefix of more than three characters'
// worth of id (ids of three characters or fewer match only exactly),
// "head", "heads", "base", "+N", "-N", "REV+N", "REV-N", "LABEL@head",
// "LABEL@base", "LABEL@+N", "LABEL@-N", "LABEL@REV", "REV@head" and, for
// Walk, "START:END" is split by the caller into lower and upper.
// "current" is resolved by callers, who pass the version-table rows.
//
// Errors are typed (*MultipleHeadsError, *ResolutionError,
// *RangeNotAncestorError, *CycleError, *RevisionError, ...) and their Error()
// text is byte-identical to Alembic's message where Alembic has one, so the
// CLI can print "FAILED: " + err.Error().
//
// # Deterministic order
//
// Where Alembic's order depends on Python set/hash order (heads, bases, and
// the order of independent branches in upgrade/downgrade), this package
// breaks ties by the order in which revisions were passed to New (the
// loader's file order), which makes every output reproducible.
package revision
