// Package layout keeps retort's package dependencies pointing one way, from
// the command line down to a pure core (DESIGN.md, "Architecture"). It has
// no code outside its test.
package layout
