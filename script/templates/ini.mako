# ${title}, written by `retort init`.
# Alembic and retort both read this file.

[${section}]
# Where the migration scripts live (relative paths are taken from the
# current directory; %(here)s is the directory of this file).
script_location = ${script_location}

# How new revision files are named. Tokens: %%(rev)s %%(slug)s %%(epoch)s
# %%(year)d %%(month).2d %%(day).2d %%(hour).2d %%(minute).2d %%(second).2d
# (the %% is the ini file's escape for a literal %).
# file_template = %%(year)d_%%(month).2d_%%(day).2d_%%(hour).2d%%(minute).2d-%%(rev)s_%%(slug)s

# Entries added to sys.path before env.py runs (Alembic only).
prepend_sys_path = .

# Time zone of the "Create Date" written into new revisions, e.g. UTC or
# Europe/Paris. Unset means local time.
# timezone =

# Longest slug kept from the message in new file names.
# truncate_slug_length = 40

# Run env.py even for `revision` without --autogenerate (Alembic only).
# revision_environment = false

# Load .pyc files without their .py source (Alembic only).
# sourceless = false

# Extra directories holding revision files, separated by
# version_path_separator; by default only <script_location>/versions.
# version_locations = %(here)s/bar:%(here)s/bat:${script_location}/versions

# Separator of version_locations: os (the platform's path separator),
# ":", ";" or space. Without this key the old rule applies: spaces or commas.
# version_path_separator = :
# version_path_separator = ;
# version_path_separator = space
version_path_separator = os

# Encoding of new revision files.
# output_encoding = utf-8

% if databases:
databases = ${", ".join(databases)}
% for name in databases:

[${name}]
sqlalchemy.url = sqlite:///${name}.db
% endfor
% else:
sqlalchemy.url = sqlite:///${database_file}
% endif


[post_write_hooks]
# Programs run on each new revision file, e.g. a code formatter:
# hooks = black
# black.type = console_scripts
# black.entrypoint = black
# black.options = -l 79 REVISION_SCRIPT_FILENAME

# Logging, in Python's logging.config.fileConfig format.
[loggers]
keys = root,sqlalchemy,alembic

[handlers]
keys = console

[formatters]
keys = generic

[logger_root]
level = WARN
handlers = console
qualname =

[logger_sqlalchemy]
level = WARN
handlers =
qualname = sqlalchemy.engine

[logger_alembic]
level = INFO
handlers =
qualname = alembic

[handler_console]
class = StreamHandler
args = (sys.stderr,)
level = NOTSET
formatter = generic

[formatter_generic]
format = %(levelname)-5.5s [%(name)s] %(message)s
datefmt = %H:%M:%S
