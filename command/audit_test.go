package command

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/retort-dev/retort/migration"
)

func sha(t *testing.T, path string) string {
	t.Helper()
	src, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	sum := sha256.Sum256(src)
	return hex.EncodeToString(sum[:])
}

func TestAuditTrail_Live(t *testing.T) {
	for _, live := range liveDatabases {
		t.Run(live.name, func(t *testing.T) {
			db, url := live.open(t)
			env := project(t, url, linearScripts)
			var warnings []string
			env.Events = func(e migration.Event) {
				if w, ok := e.(migration.WarnEvent); ok {
					warnings = append(warnings, w.WarningMessage())
				}
			}
			p, err := Load(env)
			if err != nil {
				t.Fatal(err)
			}
			ctx := context.Background()
			if _, err := Log(ctx, p, LogOptions{}); !errors.Is(err, migration.ErrNoHistory) {
				t.Fatalf("Log before any run: %v, want ErrNoHistory", err)
			}
			if _, err := Verify(ctx, p); !errors.Is(err, migration.ErrNoHistory) {
				t.Fatalf("Verify before any run: %v, want ErrNoHistory", err)
			}
			if err := Upgrade(ctx, p, "head", MigrateOptions{}); err != nil {
				t.Fatal(err)
			}
			if err := Downgrade(ctx, p, "-1", MigrateOptions{}); err != nil {
				t.Fatal(err)
			}
			if err := Stamp(ctx, p, []string{"b2b2"}, StampOptions{}); err != nil {
				t.Fatal(err)
			}
			rows, err := Log(ctx, p, LogOptions{})
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, r := range rows {
				got = append(got, r.Direction+" "+r.Revision)
			}
			// Newest first.
			if want := []string{"stamp b2b2", "downgrade b2b2", "upgrade b2b2", "upgrade a1a1"}; !slices.Equal(got, want) {
				t.Errorf("Log = %v, want %v", got, want)
			}
			dir := filepath.Dir(env.ConfigPath)
			b2 := filepath.Join(dir, "migrations", "versions", "b2b2_email.py")
			a1 := filepath.Join(dir, "migrations", "versions", "a1a1_accounts.py")
			if rows[1].ScriptPath != b2 || rows[1].Checksum != sha(t, b2) || rows[3].Checksum != sha(t, a1) || rows[0].Checksum != sha(t, b2) {
				t.Errorf("paths/checksums: %+v", rows)
			}
			if rows[3].Version == "" || rows[3].User == "" {
				t.Errorf("row without version or user: %+v", rows[3])
			}
			if limited, _ := Log(ctx, p, LogOptions{Limit: 1}); len(limited) != 1 || limited[0].Direction != "stamp" {
				t.Errorf("Log -n 1 = %+v", limited)
			}
			if ranged, _ := Log(ctx, p, LogOptions{Range: ":a1a1"}); len(ranged) != 1 || ranged[0].Revision != "a1a1" {
				t.Errorf("Log -r :a1a1 = %+v", ranged)
			}

			res, err := Verify(ctx, p)
			if err != nil {
				t.Fatal(err)
			}
			if !res.OK() || res.Checked != 2 {
				t.Errorf("Verify on untouched scripts = %+v", res)
			}

			// Edit an applied script: verify names it, upgrade warns.
			if err := os.WriteFile(a1, append([]byte("# edited\n"), must(os.ReadFile(a1))...), 0o644); err != nil {
				t.Fatal(err)
			}
			res, err = Verify(ctx, p)
			if err != nil {
				t.Fatal(err)
			}
			if res.OK() || len(res.Changed) != 1 || res.Changed[0].Revision != "a1a1" || res.Changed[0].Path != a1 || res.Changed[0].Current != sha(t, a1) {
				t.Errorf("Verify after edit = %+v", res)
			}
			if err := Upgrade(ctx, p, "head", MigrateOptions{}); err != nil {
				t.Fatal(err)
			}
			if len(warnings) != 1 || !strings.Contains(warnings[0], a1) {
				t.Errorf("upgrade warnings = %q, want one naming %s", warnings, a1)
			}

			// A tampered checksum row is a disagreement too.
			if _, err := db.Exec("UPDATE retort_history SET checksum = 'abc' WHERE revision = 'b2b2'"); err != nil {
				t.Fatal(err)
			}
			res, _ = Verify(ctx, p)
			changed := []string{}
			for _, c := range res.Changed {
				changed = append(changed, c.Revision)
			}
			slices.Sort(changed)
			if !slices.Equal(changed, []string{"a1a1", "b2b2"}) {
				t.Errorf("Verify after tampering: changed = %v", changed)
			}

			// The head's script is gone.
			if err := os.Remove(b2); err != nil {
				t.Fatal(err)
			}
			p, err = Load(env)
			if err != nil {
				t.Fatal(err)
			}
			res, err = Verify(ctx, p)
			if err != nil {
				t.Fatal(err)
			}
			if len(res.Missing) != 1 || res.Missing[0].Revision != "b2b2" || res.Missing[0].Path != b2 {
				t.Errorf("Verify with b2b2 gone: missing = %+v", res.Missing)
			}
		})
	}
}

func must[T any](v T, err error) T {
	if err != nil {
		panic(err)
	}
	return v
}

func TestAuditOptions(t *testing.T) {
	tests := []struct {
		line          string
		table, schema string
	}{
		{"", "retort_history", ""},
		{"history_table = false", "", ""},
		{"history_table = off", "", ""},
		{"history_table = true", "retort_history", ""},
		{"history_table = audit", "audit", ""},
		{"history_table = meta.audit", "audit", "meta"},
		{"version_table_schema = meta", "retort_history", "meta"},
	}
	for _, tt := range tests {
		env := project(t, "sqlite://", nil)
		ini := "[alembic]\nscript_location = %(here)s/migrations\nsqlalchemy.url = sqlite://\n" + tt.line + "\n"
		if err := os.WriteFile(env.ConfigPath, []byte(ini), 0o644); err != nil {
			t.Fatal(err)
		}
		p, err := Load(env)
		if err != nil {
			t.Fatal(err)
		}
		if o := p.auditOptions(); o.Table != tt.table || o.Schema != tt.schema {
			t.Errorf("%q: table %q schema %q, want %q %q", tt.line, o.Table, o.Schema, tt.table, tt.schema)
		}
	}
}

// Offline output carries the history rows; history_table = false removes them.
func TestAuditTrail_Offline(t *testing.T) {
	for _, off := range []bool{false, true} {
		env := project(t, "postgresql://u@localhost/db", linearScripts)
		if off {
			f := must(os.OpenFile(env.ConfigPath, os.O_APPEND|os.O_WRONLY, 0))
			f.WriteString("history_table = false\n")
			f.Close()
		}
		var out bytes.Buffer
		env.Stdout = &out
		p, err := Load(env)
		if err != nil {
			t.Fatal(err)
		}
		if err := Upgrade(context.Background(), p, "head", MigrateOptions{SQL: true}); err != nil {
			t.Fatal(err)
		}
		n := strings.Count(out.String(), "INSERT INTO retort_history")
		if want := map[bool]int{false: 2, true: 0}[off]; n != want {
			t.Errorf("history_table off=%v: %d inserts, want %d\n%s", off, n, want, out.String())
		}
	}
}

// Autogenerate leaves the history table alone, as it does the version table.
func TestAutogenerate_SkipsHistoryTable(t *testing.T) {
	for _, live := range liveDatabases {
		t.Run(live.name, func(t *testing.T) {
			_, url := live.open(t)
			env := project(t, url, nil)
			dir := filepath.Dir(env.ConfigPath)
			writeFile(t, filepath.Join(dir, "models.py"), oneSchemaModels)
			appendFile(t, env.ConfigPath, "target_metadata = models.py\n")
			p, err := Load(env)
			if err != nil {
				t.Fatal(err)
			}
			// ensure_version creates both tables.
			if err := EnsureVersion(context.Background(), p, false); err != nil {
				t.Fatal(err)
			}
			res, err := Autogenerate(context.Background(), p)
			if err != nil {
				t.Fatal(err)
			}
			for _, d := range res.Diffs {
				if strings.Contains(d, "retort_history") {
					t.Errorf("autogenerate compares the history table: %s", d)
				}
			}
			if len(res.Diffs) == 0 {
				t.Error("no differences at all: the models were not compared")
			}
		})
	}
}
