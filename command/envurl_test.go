package command

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestURL_FromEnvPy: the database is the one env.py names, read without
// Python where env.py uses a literal or the environment.
func TestURL_FromEnvPy(t *testing.T) {
	tests := []struct {
		name, line, dotenv, want string
	}{
		{"literal, %-escaped", `config.set_main_option("sqlalchemy.url", "sqlite:///a%%40.db")`, "", "sqlite:///a%40.db"},
		{"os.environ[...]", `config.set_main_option('sqlalchemy.url', os.environ['DB_URL'])`, "DB_URL=sqlite:///env.db\n", "sqlite:///env.db"},
		{"os.getenv with a default", `config.set_main_option("sqlalchemy.url", os.getenv("DB_URL", "sqlite:///default.db"))`, "", "sqlite:///default.db"},
		{"escaped for ConfigParser", `config.set_main_option("sqlalchemy.url", os.environ.get("DB_URL").replace("%", "%%"))`, "DB_URL=sqlite:///p%40.db\n", "sqlite:///p%40.db"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			env := project(t, "sqlite:///ini.db", nil)
			dir := filepath.Dir(env.ConfigPath)
			writeFile(t, filepath.Join(dir, "migrations", "env.py"), "import os\nfrom alembic import context\nconfig = context.config\n"+tt.line+"\n")
			if tt.dotenv != "" {
				writeFile(t, filepath.Join(dir, ".env"), tt.dotenv)
			}
			p, err := Load(env)
			if err != nil {
				t.Fatal(err)
			}
			u, err := p.urlOf()
			if err != nil {
				t.Fatal(err)
			}
			if got := u.Unmasked(); got != tt.want {
				t.Errorf("URL %q, want %q", got, tt.want)
			}
		})
	}
}

// TestURL_FromEnvPyNeedsPython: a URL computed in code, and no Python to
// evaluate it, stops with the line and the ways out; RETORT_URL still wins.
func TestURL_FromEnvPyNeedsPython(t *testing.T) {
	env := project(t, "sqlite:///ini.db", nil)
	dir := filepath.Dir(env.ConfigPath)
	writeFile(t, filepath.Join(dir, "migrations", "env.py"), "from alembic import context\nfrom app.settings import settings\nconfig = context.config\nconfig.set_main_option(\"sqlalchemy.url\", settings.database_url)\n")
	appendFile(t, env.ConfigPath, "python = "+filepath.Join(dir, "no-python")+"\n")
	p, err := Load(env)
	if err != nil {
		t.Fatal(err)
	}
	_, err = p.urlOf()
	var ue *EnvPyURLError
	if !errors.As(err, &ue) || ue.Line != 4 || !strings.Contains(err.Error(), "env.py:4 sets sqlalchemy.url") || !strings.Contains(err.Error(), "RETORT_URL") {
		t.Fatalf("error %v, want an *EnvPyURLError naming env.py:4 and RETORT_URL", err)
	}
	if _, statErr := os.Stat(filepath.Join(dir, "ini.db")); statErr == nil {
		t.Error("the config's database was created although env.py names another")
	}

	env.Getenv = func(k string) string {
		if k == "RETORT_URL" {
			return "sqlite:///override.db"
		}
		return ""
	}
	p, err = Load(env)
	if err != nil {
		t.Fatal(err)
	}
	if u, err := p.urlOf(); err != nil || u.Unmasked() != "sqlite:///override.db" {
		t.Errorf("with RETORT_URL: %v, %v", u, err)
	}
}
