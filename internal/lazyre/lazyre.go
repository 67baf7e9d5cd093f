// Package lazyre compiles a package's regular expressions on their first
// use instead of at program start: some sixty patterns across retort cost
// about 1.5 ms to compile, on every command, most of which need none of
// them.
package lazyre

import (
	"regexp"
	"sync"
)

// New returns a function that compiles pattern once, on its first call,
// and returns the same *regexp.Regexp ever after. Like regexp.MustCompile
// it panics on a bad pattern: patterns are constants of the program.
func New(pattern string) func() *regexp.Regexp {
	return sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(pattern) })
}
