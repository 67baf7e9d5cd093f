// Package mako renders the subset of Mako templates that Alembic's
// script.py.mako files use, so that retort writes new revision files
// byte-for-byte as Alembic would, from the project's own template.
//
// Supported: ${expr} with Python expressions (evaluated by Starlark, with
// Python's str and repr), expression filters (${x | comma,n}: n turns off
// the default str filter; h, x, u and trim are Mako's escapes; any other
// name is a function from the variables, e.g. Alembic's comma), control
// lines (% if / elif / else / endif, % for / endfor, % while / endwhile),
// ## comment lines, <%doc> comments, <%text> raw blocks, <% %> and <%! %>
// Python blocks (import re is the only import), backslash line
// continuations and "%%" at the start of a line. Names the caller does not
// pass are Mako's UNDEFINED: false in a condition, an error when printed.
//
// Everything else Mako offers (<%def>, <%inherit>, namespaces, caching) is
// reported as an error naming the template line, never silently ignored.
package mako
