package cli

import (
	"bytes"
	"context"
	"hash/fnv"
	"os"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/retort-dev/retort/internal/dbtest"
)

// syncBuffer is a bytes.Buffer safe to read while a run writes to it.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// While another session holds the migration lock, "retort upgrade" says
// after about a second, in one INFO line on stderr, that it waits and for
// whom; Ctrl-C (the context's cancellation) ends it at once with status 1
// and one FAILED line.
func TestRun_LockWaitNoticeAndInterrupt(t *testing.T) {
	db, dbURL := dbtest.Postgres(t)
	ini := writeProject(t)
	src, err := os.ReadFile(ini)
	if err != nil {
		t.Fatal(err)
	}
	withURL := strings.Replace(string(src), "sqlite:///%(here)s/app.db", strings.ReplaceAll(dbURL, "%", "%%"), 1)
	if err := os.WriteFile(ini, []byte(withURL), 0o644); err != nil {
		t.Fatal(err)
	}

	// Hold the lock retort takes for the default version table, as
	// another run would, from a session with a recognisable name.
	h := fnv.New64a()
	h.Write([]byte("retort:.alembic_version"))
	key := int64(h.Sum64())
	holder, err := db.Conn(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	defer holder.Close()
	if _, err := holder.ExecContext(context.Background(), "SET application_name = 'other_deploy'"); err != nil {
		t.Fatal(err)
	}
	if _, err := holder.ExecContext(context.Background(), "SELECT pg_advisory_lock($1)", key); err != nil {
		t.Fatal(err)
	}

	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var stdout, stderr syncBuffer
	code := make(chan int, 1)
	start := time.Now()
	go func() {
		code <- run(ctx, []string{"-c", ini, "upgrade", "head"}, &stdout, &stderr, func(string) string { return "" })
	}()

	notice := regexp.MustCompile(`(?m)^INFO  \[alembic\.runtime\.migration\] Waiting for the migration lock pg_advisory_lock\(-?\d+\): another run holds it \(PostgreSQL pid \d+ \(application_name 'other_deploy', user \w+, client 127\.0\.0\.1\)\)$`)
	for !strings.Contains(stderr.String(), "Waiting for the migration lock") {
		if time.Since(start) > 5*time.Second {
			t.Fatalf("no waiting notice after 5s; stderr:\n%s", stderr.String())
		}
		time.Sleep(20 * time.Millisecond)
	}
	if waited := time.Since(start); waited < 900*time.Millisecond {
		t.Errorf("notice after %s, want about a second", waited)
	}
	if !notice.MatchString(stderr.String()) {
		t.Errorf("stderr lacks the waiting notice:\n%s", stderr.String())
	}
	cancel()
	cancelled := time.Now()
	var status int
	select {
	case status = <-code:
	case <-time.After(2 * time.Second):
		t.Fatal("retort still waits 2s after the interrupt")
	}
	if took := time.Since(cancelled); took > 500*time.Millisecond {
		t.Errorf("interrupt took %s to end the run", took)
	}
	if status != exitDatabase {
		t.Errorf("exit status %d, want %d", status, exitDatabase)
	}
	if stdout.String() != "" {
		t.Errorf("stdout = %q, want nothing", stdout.String())
	}
	lines := strings.Split(strings.TrimSpace(stderr.String()), "\n")
	last := lines[len(lines)-1]
	if !regexp.MustCompile(`^FAILED: can't take the migration lock pg_advisory_lock\(-?\d+\): interrupted while waiting for another migration run to finish: context canceled$`).MatchString(last) {
		t.Errorf("last stderr line = %q", last)
	}
	if n := strings.Count(stderr.String(), "Waiting for the migration lock"); n != 1 {
		t.Errorf("%d waiting notices, want 1", n)
	}
}
