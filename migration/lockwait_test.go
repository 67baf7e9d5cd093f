package migration_test

import (
	"context"
	"errors"
	"regexp"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/retort-dev/retort/migration"
	"github.com/retort-dev/retort/ops"
)

// A run that finds the lock held says so once, after about a second,
// naming the holder as the server knows it; cancelling its context (what
// Ctrl-C does) ends the wait at once and leaves nothing queued: the lock
// is free for the next run the moment the holder is done.
func TestLockWait_NoticeAndCancel(t *testing.T) {
	for _, be := range backends() {
		if be.name == "sqlite" {
			continue // SQLite's lock is BEGIN IMMEDIATE: no holder to name
		}
		t.Run(be.name, func(t *testing.T) {
			_, open := be.open(t)
			holding := make(chan struct{})
			release := make(chan struct{})
			p := newProject(t,
				script{id: "h1", up: func(ctx context.Context, sink ops.Sink) error {
					if be.name == "postgresql" {
						if err := sink.Invoke(ctx, &ops.Execute{SQL: "SET application_name = 'retort_lock_holder'"}); err != nil {
							return err
						}
					}
					close(holding)
					<-release
					return nil
				}},
			)
			holder := newContext(t, be.dialect(), open(), migration.Options{Lock: true})
			done := make(chan error, 1)
			go func() { done <- holder.Run(context.Background(), p.m, p.upgrade("head")) }()
			<-holding
			released := false
			defer func() {
				if !released {
					close(release)
					<-done
				}
			}()

			var mu sync.Mutex
			var waits []migration.LockWaiting
			noticed := make(chan struct{})
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			waiter := newContext(t, be.dialect(), open(), migration.Options{Lock: true, Events: func(e migration.Event) {
				if w, ok := e.(migration.LockWaiting); ok {
					mu.Lock()
					waits = append(waits, w)
					if len(waits) == 1 {
						close(noticed)
					}
					mu.Unlock()
				}
			}})
			start := time.Now()
			result := make(chan error, 1)
			go func() { result <- waiter.Run(ctx, p.m, p.upgrade("head")) }()
			select {
			case <-noticed:
			case err := <-result:
				t.Fatalf("waiting run ended without a notice: %v", err)
			case <-time.After(5 * time.Second):
				t.Fatal("no LockWaiting event after 5s")
			}
			if waited := time.Since(start); waited < 900*time.Millisecond || waited > 3*time.Second {
				t.Errorf("notice after %s, want about %s", waited, migration.LockNoticeDelay)
			}
			// Let it wait a little longer: still one notice only.
			time.Sleep(600 * time.Millisecond)
			cancelled := time.Now()
			cancel()
			var err error
			select {
			case err = <-result:
			case <-time.After(2 * time.Second):
				t.Fatal("the cancelled run still waits after 2s")
			}
			if took := time.Since(cancelled); took > 500*time.Millisecond {
				t.Errorf("cancelled wait took %s to end", took)
			}
			var le *migration.LockError
			if !errors.As(err, &le) || !errors.Is(err, context.Canceled) {
				t.Errorf("cancelled run: error = %v, want a *LockError wrapping context.Canceled", err)
			}
			mu.Lock()
			if len(waits) != 1 {
				t.Errorf("%d LockWaiting events, want 1: %+v", len(waits), waits)
			} else {
				want := map[string]*regexp.Regexp{
					"postgresql": regexp.MustCompile(`^PostgreSQL pid \d+ \(application_name 'retort_lock_holder', user \w+, client 127\.0\.0\.1\)$`),
					"mariadb":    regexp.MustCompile(`^MariaDB connection \d+ \(user \w+, host 127\.0\.0\.1:\d+\)$`),
				}[be.name]
				if !want.MatchString(waits[0].Holder) {
					t.Errorf("Holder = %q, want it to match %s", waits[0].Holder, want)
				}
				msg := waits[0].LogMessage()
				if !regexp.MustCompile(`^Waiting for the migration lock (pg_advisory_lock\(-?\d+\)|GET_LOCK\('retort:[0-9a-f]{16}'\)): another run holds it \(.+\)$`).MatchString(msg) {
					t.Errorf("LogMessage() = %q", msg)
				}
			}
			mu.Unlock()

			close(release)
			released = true
			if herr := <-done; herr != nil {
				t.Fatalf("lock holder: %v", herr)
			}
			// Nothing of the cancelled wait holds the lock: a run that
			// gives up after 300ms gets it.
			next := newContext(t, be.dialect(), open(), migration.Options{Lock: true, LockTimeout: 300 * time.Millisecond})
			if err := next.Run(context.Background(), p.m, p.upgrade("head")); err != nil {
				t.Errorf("run after the holder finished: %v", err)
			}
			if got := heads(t, next); !slices.Equal(got, []string{"h1"}) {
				t.Errorf("heads = %v, want [h1]", got)
			}
		})
	}
}

// A lock released within the notice delay is taken without a word.
func TestLockWait_ShortWaitIsSilent(t *testing.T) {
	for _, be := range backends() {
		if be.name == "sqlite" {
			continue
		}
		t.Run(be.name, func(t *testing.T) {
			_, open := be.open(t)
			holding := make(chan struct{})
			p := newProject(t,
				script{id: "h1", up: func(ctx context.Context, sink ops.Sink) error {
					close(holding)
					time.Sleep(300 * time.Millisecond)
					return nil
				}},
			)
			holder := newContext(t, be.dialect(), open(), migration.Options{Lock: true})
			done := make(chan error, 1)
			go func() { done <- holder.Run(context.Background(), p.m, p.upgrade("head")) }()
			<-holding
			var notices int
			waiter := newContext(t, be.dialect(), open(), migration.Options{Lock: true, Events: func(e migration.Event) {
				if _, ok := e.(migration.LockWaiting); ok {
					notices++
				}
			}})
			if err := waiter.Run(context.Background(), p.m, p.upgrade("head")); err != nil {
				t.Fatalf("waiting run: %v", err)
			}
			if err := <-done; err != nil {
				t.Fatalf("holder: %v", err)
			}
			if notices != 0 {
				t.Errorf("%d LockWaiting events for a 300ms wait, want none", notices)
			}
		})
	}
}
