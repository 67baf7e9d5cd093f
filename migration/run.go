package migration

import (
	"bufio"
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/retort-dev/retort/dialect"
	"github.com/retort-dev/retort/ops"
	"github.com/retort-dev/retort/revision"
)

// StepFunc is a migration step's body: a script's upgrade() or downgrade().
// It performs operations through sink.
type StepFunc func(ctx context.Context, sink ops.Sink) error

// PlannedStep is one step of a run, with the function that performs it.
type PlannedStep struct {
	Step revision.Step
	// Run performs the step; nil means the step has no operations (a merge
	// point's empty upgrade) and only the version table moves.
	Run StepFunc
	// NoTransaction runs the whole step outside the transaction, as if its
	// body were wrapped in Alembic's autocommit_block (the
	// "-- retort:no-transaction" marker of .sql scripts).
	NoTransaction bool
	// Path is the script file, for messages; "" falls back to Revision.Path.
	Path string
	// Message is the first line of the script's docstring, shown in the
	// "Running upgrade a -> b, message" line.
	Message string
	// Checksum is the audit trail's Checksum of the script's bytes; "" when
	// there is no script file.
	Checksum string
}

// Plan is a fixed list of steps, for callers that compute the steps before
// the run (offline mode, tests).
type Plan struct {
	Steps []PlannedStep
}

// Func returns a plan function for Run and RunOffline that ignores the
// current heads and returns p's steps.
func (p Plan) Func() func(current []string) ([]PlannedStep, error) {
	return func([]string) ([]PlannedStep, error) { return p.Steps, nil }
}

// Run executes a plan online. It takes the lock, reads the version table
// (creating it when missing), asks plan for the steps from the current
// heads, so that the plan is computed under the lock, then runs each step
// and updates the version table as m.ApplyStep says. A failing step returns
// a *StepError after rolling back to the last commit. Errors returned by
// plan are returned unchanged.
//
// In offline mode Run is RunOffline from base.
func (c *Context) Run(ctx context.Context, m *revision.Map, plan func(current []string) ([]PlannedStep, error)) error {
	if c.Offline() {
		return c.RunOffline(ctx, m, nil, plan)
	}
	if m == nil || plan == nil {
		return errors.New("migration: Run needs a revision map and a plan")
	}
	s, err := c.openSession(ctx)
	if err != nil {
		return err
	}
	return s.finish(func() error {
		heads, err := s.readOrCreateVersion(ctx)
		if err != nil {
			return err
		}
		s.heads, s.committed = heads, slices.Clone(heads)
		replan := func(current []string) ([]unit, error) {
			steps, err := plan(slices.Clone(current))
			if err != nil {
				return nil, err
			}
			return stepUnits(m, steps)
		}
		units, err := replan(heads)
		if err != nil {
			return err
		}
		return s.runUnits(ctx, units, replan)
	})
}

// RunOffline writes the SQL of a plan without touching a database. current
// is the version table's content the script starts from (the START of an
// offline START:END range), nil for base. The output follows Alembic's:
// BEGIN/COMMIT where the dialect has transactional DDL, the version table's
// CREATE TABLE when starting from base, a "-- Running ..." comment per step,
// and DROP TABLE of the version table when the run ends at base.
func (c *Context) RunOffline(ctx context.Context, m *revision.Map, current []string, plan func(current []string) ([]PlannedStep, error)) error {
	if !c.Offline() {
		return errors.New("migration: RunOffline needs a Context created with an output writer and no database")
	}
	if m == nil || plan == nil {
		return errors.New("migration: RunOffline needs a revision map and a plan")
	}
	steps, err := plan(slices.Clone(current))
	if err != nil {
		return err
	}
	units, err := stepUnits(m, steps)
	if err != nil {
		return err
	}
	return c.writeOffline(ctx, current, units)
}

// Stamp sets the version table to targets without running any step
// (Alembic's stamp), under the lock, in one transaction (or one per change
// with TransactionPerMigration). purge first deletes every row, which
// repairs a table that names unknown revisions. Offline, Stamp is
// StampOffline from base.
func (c *Context) Stamp(ctx context.Context, m *revision.Map, targets []string, purge bool) error {
	if c.Offline() {
		return c.StampOffline(ctx, m, nil, targets, purge)
	}
	if m == nil {
		return errors.New("migration: Stamp needs a revision map")
	}
	s, err := c.openSession(ctx)
	if err != nil {
		return err
	}
	return s.finish(func() error {
		heads, err := s.readOrCreateVersion(ctx)
		if err != nil {
			return err
		}
		s.heads, s.committed = heads, slices.Clone(heads)
		replan := func(current []string) ([]unit, error) {
			changes, err := m.StampChanges(slices.Clone(current), targets, purge)
			if err != nil {
				return nil, err
			}
			if len(changes) > 0 && changes[0].Purge {
				// Alembic empties the table before stamping, without a
				// "Running" line for it.
				if err := s.exec(ctx, c.version.deleteAll()); err != nil {
					return nil, fmt.Errorf("purging version table %s: %w", c.version.qualName, err)
				}
				s.heads = nil
				changes[0].Purge = false
				if changes[0].IsEmpty() {
					changes = changes[1:]
				}
			}
			return stampUnits(changes), nil
		}
		units, err := replan(heads)
		if err != nil {
			return err
		}
		return s.runUnits(ctx, units, replan)
	})
}

// StampOffline writes the SQL of a stamp from current (nil for base) to
// targets. Like Alembic, it refuses purge, which needs the live table.
func (c *Context) StampOffline(ctx context.Context, m *revision.Map, current, targets []string, purge bool) error {
	if !c.Offline() {
		return errors.New("migration: StampOffline needs a Context created with an output writer and no database")
	}
	if purge {
		return errors.New("Can't use --purge with --sql mode")
	}
	if m == nil {
		return errors.New("migration: StampOffline needs a revision map")
	}
	changes, err := m.StampChanges(slices.Clone(current), targets, false)
	if err != nil {
		return err
	}
	return c.writeOffline(ctx, current, stampUnits(changes))
}

func (c *Context) writeOffline(ctx context.Context, current []string, units []unit) error {
	s := c.newOfflineSession()
	s.heads = slices.Clone(current)
	err := func() error {
		if !s.perStep() {
			if err := s.begin(ctx); err != nil {
				return err
			}
		}
		if err := s.runUnits(ctx, units, nil); err != nil {
			return err
		}
		return s.endOffline(ctx)
	}()
	if ferr := s.w.Flush(); err == nil && ferr != nil {
		err = fmt.Errorf("writing SQL: %w", ferr)
	}
	return err
}

// unit is one step of a run as the session executes it: a revision step or
// a stamp change.
type unit struct {
	kind     string
	step     revision.Step
	revision string // the revision the unit is about, for messages
	from, to []string
	message  string
	path     string
	checksum string
	run      StepFunc
	noTx     bool
	// change computes the version-table change and the new heads.
	change func(heads []string) (revision.VersionChange, []string, error)
}

func stepUnits(m *revision.Map, steps []PlannedStep) ([]unit, error) {
	units := make([]unit, 0, len(steps))
	for i, ps := range steps {
		r := ps.Step.Revision
		if r == nil {
			return nil, fmt.Errorf("migration: planned step %d has no revision", i+1)
		}
		u := unit{
			step: ps.Step, revision: r.ID, message: ps.Message, path: ps.Path,
			checksum: ps.Checksum, run: ps.Run, noTx: ps.NoTransaction,
		}
		if u.path == "" {
			u.path = r.Path
		}
		if ps.Step.Up {
			u.kind, u.from, u.to = KindUpgrade, r.DownRevisions, []string{r.ID}
		} else {
			u.kind, u.from, u.to = KindDowngrade, []string{r.ID}, r.DownRevisions
		}
		step := ps.Step
		u.change = func(heads []string) (revision.VersionChange, []string, error) {
			return m.ApplyStep(heads, step)
		}
		units = append(units, u)
	}
	return units, nil
}

func stampUnits(changes []revision.VersionChange) []unit {
	units := make([]unit, 0, len(changes))
	for _, vc := range changes {
		u := unit{kind: KindStamp}
		u.from = append(u.from, vc.Delete...)
		u.to = append(u.to, vc.Insert...)
		for _, up := range vc.Update {
			u.from = append(u.from, up.From)
			u.to = append(u.to, up.To)
		}
		u.revision = strings.Join(u.to, ", ")
		change := vc
		u.change = func(heads []string) (revision.VersionChange, []string, error) {
			return change, applyChange(heads, change), nil
		}
		units = append(units, u)
	}
	return units
}

// applyChange returns heads after a version-table change: updated rows keep
// their place, deleted rows go, inserted rows come last.
func applyChange(heads []string, vc revision.VersionChange) []string {
	out := make([]string, 0, len(heads)+len(vc.Insert))
	for _, h := range heads {
		if slices.Contains(vc.Delete, h) {
			continue
		}
		for _, up := range vc.Update {
			if up.From == h {
				h = up.To
				break
			}
		}
		out = append(out, h)
	}
	for _, id := range vc.Insert {
		if !slices.Contains(out, id) {
			out = append(out, id)
		}
	}
	return out
}

// session is one run: a pinned connection (online) or a buffered writer
// (offline), the transaction state and the heads as the run has left them.
type session struct {
	c    *Context
	conn *sql.Conn     // online
	w    *bufio.Writer // offline
	// tx is the open transaction (online); nil between transactions,
	// inside an autocommit block. Statements go through it while it is
	// open, so that a Go migration's Operations.Tx is the transaction
	// its step runs in.
	tx *sql.Tx
	// txDone releases tx's context once tx has ended.
	txDone context.CancelFunc

	unlock func() error
	// dirty marks a connection left in an unknown state (a failed
	// ROLLBACK or unlock); it is discarded instead of reused.
	dirty bool
	// lockPerTx is set when the lock is the write transaction itself
	// (SQLite's BEGIN IMMEDIATE): after each commit another run may get in,
	// so the version table is read again when a transaction starts.
	lockPerTx bool

	inTx bool
	// resumeTx is set inside an autocommit block that interrupted a transaction.
	resumeTx bool

	heads     []string // the version table as this session sees it
	committed []string // the version table as of the last commit (online)

	// failedSQL is the last statement that failed, for StepError when the
	// step function did not keep the error chain.
	failedSQL string

	// historyReady is set once the history table is known to exist (or,
	// offline, once its CREATE TABLE IF NOT EXISTS is written).
	historyReady bool
	// pendingHistory holds the audit rows of the steps of the open
	// transaction (online); commit writes them just before COMMIT, in
	// multi-row INSERTs, and a rollback forgets them with the steps.
	pendingHistory []HistoryRow
}

func (s *session) offline() bool { return s.conn == nil }

// q is where statements run online: the open transaction, or the
// connection itself inside an autocommit block.
func (s *session) q() dialect.Querier {
	if s.tx != nil {
		return s.tx
	}
	return s.conn
}

// perStep reports whether each step commits on its own: asked for, or
// forced by a dialect whose DDL commits implicitly.
func (s *session) perStep() bool {
	return s.c.opts.TransactionPerMigration || !s.c.d.TransactionalDDL()
}

// openSession connects, takes the lock and begins the first transaction.
func (c *Context) openSession(ctx context.Context) (*session, error) {
	conn, err := c.connect(ctx)
	if err != nil {
		return nil, err
	}
	s := &session{c: c, conn: conn}
	if c.opts.Lock {
		if err := s.lock(ctx); err != nil {
			// A lock request cut off by the timeout may still have been
			// granted: do not let the connection be reused.
			s.dirty = true
			s.close()
			return nil, err
		}
	}
	if err := s.begin(ctx); err != nil {
		s.close()
		return nil, err
	}
	return s, nil
}

// finish runs body, commits on success, rolls back on failure, and
// releases the lock and the connection.
func (s *session) finish(body func() error) error {
	err := body()
	if err == nil && s.inTx {
		err = s.commit(context.Background())
	}
	if err != nil && s.inTx {
		s.rollback()
	}
	s.close()
	return err
}

func (s *session) close() {
	if s.tx != nil {
		s.rollback()
	}
	if s.unlock != nil {
		if err := s.unlock(); err != nil {
			s.dirty = true
		}
		s.unlock = nil
	}
	if s.conn != nil {
		if s.dirty {
			// A connection that may still hold the lock or an open
			// transaction must not go back to the pool.
			s.conn.Raw(func(any) error { return driver.ErrBadConn })
		}
		s.conn.Close()
	}
}

func (s *session) begin(ctx context.Context) error {
	s.inTx = true
	if s.offline() {
		if s.c.d.TransactionalDDL() {
			return s.writeText("BEGIN;")
		}
		return nil
	}
	err := s.beginTx(ctx)
	if err == nil && s.lockPerTx {
		err = s.beginImmediate(ctx)
	}
	if err == nil {
		return nil
	}
	s.inTx = false
	if !s.lockPerTx {
		return fmt.Errorf("starting a transaction: %w", err)
	}
	switch {
	case ctx.Err() != nil:
		err = interrupted(ctx)
	case strings.Contains(err.Error(), "database is locked") || strings.Contains(err.Error(), "SQLITE_BUSY"):
		err = fmt.Errorf("%w (waited %s): %v", ErrLockTimeout, s.c.opts.LockTimeout, err)
	}
	return &LockError{Lock: "BEGIN IMMEDIATE", Err: err}
}

// beginTx begins s.tx on the session's connection. database/sql rolls a
// transaction back once the context it began with is done, and the run's
// ctx must not do that behind the run's back: a cancelled run rolls back
// through its failed step, as a failed statement does, and never while a
// COMMIT runs. So the transaction has a context of its own, which ctx
// cancels only while BEGIN runs (with SQLite's _txlock=immediate, BEGIN
// waits for the write lock).
func (s *session) beginTx(ctx context.Context) error {
	txCtx, cancel := context.WithCancel(context.WithoutCancel(ctx))
	stop := context.AfterFunc(ctx, cancel)
	tx, err := s.conn.BeginTx(txCtx, nil)
	if !stop() {
		// ctx ended while BEGIN ran; database/sql ends any transaction
		// that began, maybe with the connection.
		if err == nil {
			tx.Rollback()
			s.dirty = true
		}
		cancel()
		return ctx.Err()
	}
	if err != nil {
		cancel()
		return err
	}
	s.tx, s.txDone = tx, cancel
	return nil
}

// endTx commits or rolls back s.tx; afterwards no transaction is open.
func (s *session) endTx(commit bool) error {
	tx, done := s.tx, s.txDone
	s.tx, s.txDone = nil, nil
	defer done()
	if commit {
		return tx.Commit()
	}
	return tx.Rollback()
}

// beginImmediate turns the SQLite transaction database/sql has begun into
// a BEGIN IMMEDIATE one, which takes the write lock at once and waits for
// it under busy_timeout: that lock is the migration lock. database/sql
// begins with the driver's default (deferred, unless the DSN says
// _txlock=immediate), and a deferred transaction that reads first fails
// without waiting when it later needs to write. The driver's transaction
// is only its BEGIN and its COMMIT or ROLLBACK statement, so ending the
// one begun, and beginning again on the same connection, leaves the
// *sql.Tx valid. (With _txlock=immediate the lock is let go and taken
// again; the version table is read after it in any case.)
func (s *session) beginImmediate(ctx context.Context) error {
	if _, err := s.tx.ExecContext(ctx, "ROLLBACK"); err != nil {
		if rerr := s.endTx(false); rerr != nil && !errors.Is(rerr, sql.ErrTxDone) {
			s.dirty = true
		}
		return err
	}
	if _, err := s.tx.ExecContext(ctx, "BEGIN IMMEDIATE"); err != nil {
		// No transaction is open on the connection now: database/sql's
		// ROLLBACK finds none and fails, harmlessly.
		s.endTx(false)
		return err
	}
	return nil
}

func (s *session) commit(ctx context.Context) error {
	if err := s.flushHistory(ctx); err != nil {
		return err
	}
	s.inTx = false
	if s.offline() {
		if s.c.d.TransactionalDDL() {
			return s.writeText("COMMIT;")
		}
		return nil
	}
	if err := s.endTx(true); err != nil {
		// A failed COMMIT leaves nothing committed. Whether the driver
		// ended the transaction varies; make sure, and do not let the
		// connection go back to the pool in a state nobody knows.
		s.conn.ExecContext(context.Background(), "ROLLBACK")
		s.dirty = true
		return fmt.Errorf("committing: %w", err)
	}
	s.committed = slices.Clone(s.heads)
	s.c.emit(Committed{Heads: slices.Clone(s.heads)})
	return nil
}

// rollback abandons the transaction; it runs even when the run's context
// is cancelled, so that the connection goes back clean.
func (s *session) rollback() {
	s.inTx = false
	s.resumeTx = false
	s.pendingHistory = nil
	if s.offline() {
		return
	}
	if s.tx != nil {
		// Rollback does not depend on the run's context, so it runs even
		// when that is cancelled.
		if err := s.endTx(false); err != nil && !errors.Is(err, sql.ErrTxDone) {
			s.dirty = true
		}
	}
	s.heads = slices.Clone(s.committed)
}

// readOrCreateVersion returns the version table's rows, creating the table
// when it is missing (inside the transaction where DDL is transactional).
func (s *session) readOrCreateVersion(ctx context.Context) ([]string, error) {
	v := s.c.version
	ok, err := v.exists(ctx, s.q())
	if err != nil {
		return nil, err
	}
	var heads []string
	if ok {
		if heads, err = v.read(ctx, s.q()); err != nil {
			return nil, err
		}
	} else if err := s.invoke(ctx, v.createOp()); err != nil {
		if strings.Contains(err.Error(), "readonly database") {
			return nil, fmt.Errorf("creating version table %s: the database is read-only (check the file's permissions and the URL's mode): %w", v.qualName, err)
		}
		return nil, fmt.Errorf("creating version table %s: %w", v.qualName, err)
	}
	if err := s.ensureHistory(ctx); err != nil {
		return nil, err
	}
	return heads, nil
}

// ensureHistory creates the history table when the trail is on and the
// table is missing: a database migrated before the trail gets it on its
// next run. Offline it writes CREATE TABLE IF NOT EXISTS, once.
func (s *session) ensureHistory(ctx context.Context) error {
	h := s.c.history
	if h == nil || s.historyReady {
		return nil
	}
	if s.offline() {
		stmts, err := h.createIfMissing(ctx)
		if err != nil {
			return err
		}
		for _, st := range stmts {
			if err := s.exec(ctx, st); err != nil {
				return err
			}
		}
		s.historyReady = true
		return nil
	}
	ok, err := h.exists(ctx, s.q())
	if err != nil {
		return err
	}
	if !ok {
		if err := s.invoke(ctx, h.createOp()); err != nil {
			return fmt.Errorf("creating history table %s: %w", h.qualName, err)
		}
	}
	s.historyReady = true
	return nil
}

// recordStep writes u's audit row, in the transaction that moves the
// version table: queued until that transaction commits on PostgreSQL and
// SQLite, written at once on MySQL, right after the version row.
func (s *session) recordStep(ctx context.Context, u unit, before, after []string, started time.Time) error {
	h := s.c.history
	if h == nil {
		return nil
	}
	row := HistoryRow{
		Revision: u.revision, Direction: u.kind, HeadsBefore: before, HeadsAfter: after,
		ScriptPath: u.path, Checksum: u.checksum, StartedAt: started, Duration: time.Since(started),
	}
	switch u.kind {
	case KindUpgrade:
		row.Direction = DirectionUpgrade
	case KindDowngrade:
		row.Direction = DirectionDowngrade
	case KindStamp:
		row.Direction = DirectionStamp
		if len(u.to) == 1 && h.opts.Script != nil {
			if path, src, ok := h.opts.Script(u.to[0]); ok {
				row.ScriptPath, row.Checksum = path, Checksum(src)
			}
		}
	}
	if !s.offline() && s.c.d.TransactionalDDL() {
		s.pendingHistory = append(s.pendingHistory, row)
		return nil
	}
	// MySQL: a step's DDL has committed itself and the version row is
	// (auto)committed as it is written; the row follows it at once.
	st, err := h.record([]HistoryRow{row}, s.offline())
	if err != nil {
		return err
	}
	return s.exec(ctx, st)
}

// flushHistory writes the pending audit rows inside the open transaction.
func (s *session) flushHistory(ctx context.Context) error {
	for len(s.pendingHistory) > 0 {
		n := min(len(s.pendingHistory), maxRowsPerInsert)
		st, err := s.c.history.record(s.pendingHistory[:n], false)
		if err != nil {
			return err
		}
		if err := s.exec(ctx, st); err != nil {
			return fmt.Errorf("recording the audit trail in %s: %w", s.c.history.qualName, err)
		}
		s.pendingHistory = s.pendingHistory[n:]
	}
	return nil
}

func (s *session) ensureVersionOffline(ctx context.Context) error {
	if err := s.begin(ctx); err != nil {
		return err
	}
	if err := s.invoke(ctx, s.c.version.createOp()); err != nil {
		return err
	}
	return s.endOffline(ctx)
}

// endOffline closes an offline script: the version table is dropped when
// the run ends at base, then the open transaction is committed.
func (s *session) endOffline(ctx context.Context) error {
	if len(s.heads) == 0 {
		if err := s.invoke(ctx, s.c.version.dropOp()); err != nil {
			return err
		}
	}
	if s.inTx {
		return s.commit(ctx)
	}
	return nil
}

// runUnits runs the units in order. replan, when not nil, recomputes the
// units when another run moved the version table between two of this
// run's transactions (only possible when the lock is per transaction).
func (s *session) runUnits(ctx context.Context, units []unit, replan func([]string) ([]unit, error)) error {
	perStep := s.perStep()
	for i := 0; i < len(units); i++ {
		if !s.inTx {
			if err := s.begin(ctx); err != nil {
				return err
			}
			if s.lockPerTx {
				fresh, err := s.c.version.read(ctx, s.q())
				if err != nil {
					return err
				}
				if !sameRows(fresh, s.heads) {
					if replan == nil {
						return fmt.Errorf("version table %s was changed by another run (now %s)", s.c.version.qualName, describeHeads(fresh))
					}
					s.heads, s.committed = fresh, slices.Clone(fresh)
					if units, err = replan(fresh); err != nil {
						return err
					}
					i = -1
					continue
				}
			}
		}
		if err := s.runUnit(ctx, units[i]); err != nil {
			return err
		}
		if perStep {
			if err := s.commit(ctx); err != nil {
				return s.stepError(units[i], err)
			}
		}
	}
	return nil
}

func (s *session) runUnit(ctx context.Context, u unit) error {
	startedAt := time.Now()
	if s.offline() && len(s.heads) == 0 {
		// Offline, a script that starts from base creates the version
		// table inside the first step's transaction, as Alembic does.
		if err := s.invoke(ctx, s.c.version.createOp()); err != nil {
			return err
		}
	}
	if s.offline() {
		if err := s.ensureHistory(ctx); err != nil {
			return err
		}
	}
	started := StepStarted{Kind: u.kind, Step: u.step, FromIDs: u.from, ToIDs: u.to, Message: u.message, Path: u.path}
	s.c.emit(started)
	if s.offline() {
		if err := s.writeText("-- Running " + started.ShortLog()); err != nil {
			return err
		}
	}
	s.failedSQL = ""
	if u.run != nil {
		if u.noTx {
			if err := s.autocommit(ctx, true); err != nil {
				return s.stepError(u, err)
			}
		}
		if err := u.run(ctx, sink{s}); err != nil {
			return s.stepError(u, err)
		}
		if u.noTx || s.resumeTx {
			// Close the step's autocommit block (or one the script left open).
			if err := s.autocommit(ctx, false); err != nil {
				return s.stepError(u, err)
			}
		}
	}
	change, heads, err := u.change(s.heads)
	if err != nil {
		return s.stepError(u, err)
	}
	stmts, err := s.c.version.changeStatements(change)
	if err != nil {
		return s.stepError(u, err)
	}
	for _, st := range stmts {
		if err := s.exec(ctx, st); err != nil {
			return s.stepError(u, err)
		}
	}
	if err := s.recordStep(ctx, u, s.heads, heads, startedAt); err != nil {
		return s.stepError(u, err)
	}
	s.heads = heads
	s.c.emit(VersionUpdated{Change: change, Heads: slices.Clone(heads)})
	return nil
}

// stepError rolls back (online) and describes the failure of u.
func (s *session) stepError(u unit, err error) error {
	if s.offline() {
		return fmt.Errorf("%s %s -> %s: %w", u.kind, strings.Join(u.from, ", "), strings.Join(u.to, ", "), err)
	}
	if s.inTx || s.resumeTx {
		s.rollback()
	}
	e := &StepError{
		Kind: u.kind, Revision: u.revision, FromIDs: u.from, ToIDs: u.to, Path: u.path,
		Applied: s.durableRows(), RolledBack: s.c.d.TransactionalDDL(), Err: err,
	}
	var se *statementError
	if errors.As(err, &se) {
		e.Statement = se.SQL
	} else {
		e.Statement = s.failedSQL
	}
	return e
}

// durableRows reads what the version table holds after a rollback, which
// is what the user must know to repair; when the table cannot be read it
// falls back to the heads of this session's last commit.
func (s *session) durableRows() []string {
	ctx := context.Background()
	ok, err := s.c.version.exists(ctx, s.q())
	if err != nil {
		return slices.Clone(s.committed)
	}
	if !ok {
		return nil
	}
	rows, err := s.c.version.read(ctx, s.q())
	if err != nil {
		return slices.Clone(s.committed)
	}
	return rows
}

// autocommit enters (begin) or leaves an autocommit block: the transaction
// is committed on entry and a new one begins on exit (Alembic's
// autocommit_block; offline that is COMMIT; ... BEGIN;).
func (s *session) autocommit(ctx context.Context, begin bool) error {
	if begin {
		if !s.inTx {
			return nil
		}
		s.resumeTx = true
		return s.commit(ctx)
	}
	if !s.resumeTx {
		return nil
	}
	s.resumeTx = false
	return s.begin(ctx)
}

// invoke compiles op with the dialect and executes (or writes) its statements.
func (s *session) invoke(ctx context.Context, op ops.Op) error {
	var q dialect.Querier
	if !s.offline() {
		q = s.q()
	}
	stmts, err := s.c.d.Compile(ctx, q, op)
	if err != nil {
		return err // the dialect's message names the op; the caller adds file and line
	}
	for _, st := range stmts {
		if err := s.exec(ctx, st); err != nil {
			return err
		}
	}
	return nil
}

// exec executes one statement online, or writes it offline as Alembic
// does: tabs become four spaces, surrounding space is trimmed, ";" ends it
// and a blank line follows.
func (s *session) exec(ctx context.Context, st dialect.Stmt) error {
	if s.c.opts.Events != nil {
		s.c.emit(Statement{SQL: st.Offline()})
	}
	if s.offline() {
		return s.writeText(strings.TrimSpace(strings.ReplaceAll(st.Offline(), "\t", "    ")) + ";")
	}
	if _, err := s.q().ExecContext(ctx, st.SQL, st.Args...); err != nil {
		s.failedSQL = st.Offline()
		return &statementError{SQL: st.Offline(), Err: err}
	}
	return nil
}

func (s *session) writeText(text string) error {
	s.w.WriteString(text)
	if _, err := s.w.WriteString("\n\n"); err != nil {
		return fmt.Errorf("writing SQL: %w", err)
	}
	return nil
}

// sameRows compares version-table rows ignoring order.
func sameRows(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for _, x := range a {
		if !slices.Contains(b, x) {
			return false
		}
	}
	return true
}
