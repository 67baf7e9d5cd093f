// Package target loads the wanted schema for autogenerate: the "target"
// side that a live database is compared against.
//
// For an Alembic project the target is the project's own SQLAlchemy models.
// StartSQLA runs them in the project's own Python interpreter (FindPython
// says which one) through a small embedded helper script, which
//
//   - puts the config file's directory and prepend_sys_path on sys.path;
//   - gives env.py a stand-in alembic.context in offline mode, so that
//     env.py runs as under `alembic revision --autogenerate` up to its
//     context.configure(...) call, without connecting anywhere;
//   - or, with PythonOptions.TargetMetadata ("package.module:attribute"),
//     skips env.py and imports the metadata directly;
//   - reports the metadata (tables, columns with their types rendered the
//     way Alembic's autogenerate renders them and compiled for the target
//     dialect, constraints and indexes with naming-convention names, named
//     enums), the configure() options and the final sqlalchemy.url as one
//     JSON document;
//   - then, while the caller keeps the process open, answers
//     include_name/include_object questions for batches of objects.
//
// The helper needs nothing but SQLAlchemy (1.4 or 2.0) on Python 3.9 or
// later. What the project prints while it loads goes to the helper's
// stderr (see SQLAProject.Stderr), never into the protocol. Failures in the
// project's Python come back as *PythonError.
package target
