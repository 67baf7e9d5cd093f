// Package sqlfile reads retort's .sql migration scripts.
//
// A script starts with an Alembic-style header in "--" comments, then has an
// upgrade and a downgrade section:
//
//	-- Add the account table
//	--
//	-- Revision ID: 5a5a17843e58
//	-- Revises: 1975ea83b712
//	-- Create Date: 2026-11-22 04:00:00.123456
//
//	-- retort:upgrade
//	CREATE TABLE account (id INTEGER PRIMARY KEY);
//
//	-- retort:downgrade
//	DROP TABLE account;
//
// "-- retort:no-transaction" on its own line inside a section runs that
// section outside a transaction (for CREATE INDEX CONCURRENTLY and the like).
//
// The package owns the header format ([ParseHeader], fast enough to read
// thousands of scripts when the revision graph loads), the section
// directives ([Parse]) and the statement lexer ([Split]), which knows the
// quoting, comment and routine-body rules of PostgreSQL, MySQL/MariaDB and
// SQLite well enough to find where each statement ends. It never executes
// SQL.
package sqlfile
