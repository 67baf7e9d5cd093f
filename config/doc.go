// Package config reads retort.ini / alembic.ini the way Alembic does.
//
// It owns:
//   - the INI grammar of Python's configparser.ConfigParser as Alembic 1.8.1
//     uses it: sections, "key = value" and "key: value", "#"/";" comment lines,
//     indented continuation lines, [DEFAULT], case-insensitive option names and
//     BasicInterpolation ("%(name)s", "%%"), with "here" predefined as the
//     directory of the config file ([Load]);
//   - Alembic 1.16's pyproject.toml: the [tool.alembic] table (a TOML
//     subset reader, %(here)s substitution) fills in the main-section
//     settings the ini file leaves out, and path_separator;
//   - retort's additions: "${VAR}" / "${VAR:-default}" environment
//     interpolation and a ".env" file beside the config file (the real
//     environment wins over it);
//   - finding the config file ([Find]), choosing the main section
//     ("alembic", or "retort" when only that one exists), and -x arguments;
//   - typed accessors for every setting retort reads from the main section,
//     with Alembic's defaults and parsing rules ([Config.ScriptLocation],
//     [Config.VersionLocations], [Config.URL], [Config.PostWriteHooks], ...).
//
// The package does no database or script work; it only answers questions
// about the file.
package config
