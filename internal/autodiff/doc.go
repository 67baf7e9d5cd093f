// Package autodiff is the part of autogenerate that both the command
// package (driven by a config file) and the library's Provider (driven by
// options) run: reflect the live database, load a schema.sql target into a
// scratch database, check that the database is at the heads, and compare.
// Where the wanted schema comes from, and which settings apply, is the
// caller's business.
package autodiff
