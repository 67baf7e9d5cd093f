package command

import (
	"os"
	"path/filepath"
	"testing"
	"time"
)

// TestDefaultsUnderProjectSettings: a program's Defaults apply only where
// neither the config file nor env.py's context.configure sets a value.
func TestDefaultsUnderProjectSettings(t *testing.T) {
	off, on := false, true
	defaults := Defaults{VersionTable: "prog_version", VersionTableSchema: "prog", TransactionPerMigration: &on, Lock: &off, LockTimeout: 7 * time.Second}
	for _, tc := range []struct {
		name, keys, envPy string
		table, schema     string
		perMigration      bool
	}{
		{name: "defaults", table: "prog_version", schema: "prog", perMigration: true},
		{name: "env.py wins", envPy: "context.configure(connection=c, version_table='env_version', transaction_per_migration=False)\n",
			table: "env_version", schema: "prog", perMigration: false},
		{name: "config wins", keys: "version_table = cfg_version\nversion_table_schema =\ntransaction_per_migration = false\n",
			envPy: "context.configure(connection=c, version_table='env_version')\n", table: "cfg_version", schema: "", perMigration: false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			if err := os.MkdirAll(filepath.Join(dir, "m", "versions"), 0o755); err != nil {
				t.Fatal(err)
			}
			if tc.envPy != "" {
				if err := os.WriteFile(filepath.Join(dir, "m", "env.py"), []byte("from alembic import context\n"+tc.envPy), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			ini := filepath.Join(dir, "alembic.ini")
			if err := os.WriteFile(ini, []byte("[alembic]\nscript_location = "+filepath.Join(dir, "m")+"\nsqlalchemy.url = sqlite:///x.db\n"+tc.keys), 0o644); err != nil {
				t.Fatal(err)
			}
			p, err := Load(Env{ConfigPath: ini, Defaults: defaults, Getenv: func(string) string { return "" }})
			if err != nil {
				t.Fatal(err)
			}
			o, _, err := p.RuntimeOptions()
			if err != nil {
				t.Fatal(err)
			}
			if o.VersionTable != tc.table || o.VersionTableSchema != tc.schema || o.TransactionPerMigration != tc.perMigration {
				t.Errorf("version table %s.%s, per migration %v; want %s.%s, %v",
					o.VersionTableSchema, o.VersionTable, o.TransactionPerMigration, tc.schema, tc.table, tc.perMigration)
			}
			if o.Lock || o.LockTimeout != 7*time.Second {
				t.Errorf("lock %v (timeout %s), want the default: off, 7s", o.Lock, o.LockTimeout)
			}
			if a := p.auditOptions(); a.Schema != tc.schema {
				t.Errorf("history table schema %q, want the version table's %q", a.Schema, tc.schema)
			}
		})
	}
}
