package command

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"time"
)

// A command that reads the database at once (verify) opens it while the
// script directory loads: on SQLite the first statement parses the whole
// schema, which for a long history is as slow as reading the scripts.

// warmed is a database opened ahead of its first use.
type warmed struct {
	db  *database
	err error
}

// warmTimeout bounds the early connection; a slow server is simply
// connected to again later, as it would have been.
const warmTimeout = 5 * time.Second

// startWarm opens the project's database in the background when its URL
// needs no Python (RETORT_URL, or an env.py that does not set the URL).
func (p *Project) startWarm() {
	if !p.urlNeedsNoPython() {
		return
	}
	// The URL is resolved here, on a Project value of its own (the caller's
	// caches stay untouched) and before the goroutine starts: the config
	// is not safe to read from two goroutines.
	pre := &Project{Env: p.Env, Config: p.Config}
	u, err := pre.urlOf()
	if err != nil {
		return // the command reports it when it connects
	}
	ch := make(chan warmed, 1)
	p.warm = ch
	go func() {
		db, err := openDatabase(u)
		if err == nil {
			ctx, cancel := context.WithTimeout(context.Background(), warmTimeout)
			defer cancel()
			if conn, err := db.db.Conn(ctx); err == nil {
				query := "SELECT 1"
				if db.dialect.Name() == "sqlite" {
					query = "SELECT 1 FROM sqlite_master LIMIT 1" // loads the schema
				}
				if rows, err := conn.QueryContext(ctx, query); err == nil {
					rows.Close()
				}
				conn.Close() // back to the pool, schema loaded, for the command
			}
		}
		ch <- warmed{db, err}
	}()
}

// takeWarm is the database opened ahead for url, if there is one.
func (p *Project) takeWarm(url string) *database {
	if p.warm == nil {
		return nil
	}
	w := <-p.warm
	p.warm = nil
	if w.err != nil {
		return nil
	}
	if w.db.url.String() != url {
		w.db.close()
		return nil
	}
	return w.db
}

// urlNeedsNoPython reports whether the URL is known from the config and
// the environment alone.
func (p *Project) urlNeedsNoPython() bool {
	if _, source := p.Config.URLSource(); source == "RETORT_URL" {
		return true
	}
	location, err := p.Config.ScriptLocation()
	if err != nil {
		return false
	}
	src, err := os.ReadFile(filepath.Join(location, "env.py"))
	if err != nil {
		return os.IsNotExist(err)
	}
	return !strings.Contains(string(src), "sqlalchemy.url") || !strings.Contains(string(src), "set_main_option")
}
