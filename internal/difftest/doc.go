// Package difftest holds differential tests: retort is run on the same
// projects the real Alembic was run on by testdata/runtime/record.sh, and
// what it leaves in real databases (normalised schema dumps, version rows,
// data) and prints in offline mode must equal Alembic's recorded results.
// The package has no code outside its tests.
package difftest
