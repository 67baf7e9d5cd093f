import os

from alembic import context

from app.models import metadata

config = context.config
config.set_main_option("sqlalchemy.url", os.environ["APP_DATABASE_URL"].replace("%", "%%"))

print("env.py prints to stdout; the protocol must not see this")
os.write(1, b"and writes to fd 1 directly\n")

tenant = context.get_x_argument(as_dictionary=True).get("tenant")


def include_name(name, type_, parent_names):
    if type_ == "schema":
        return name in (None, "archive")
    if type_ == "table":
        return name != "alembic_version_" + str(parent_names["schema_name"])
    if type_ == "column":
        return parent_names["schema_qualified_table_name"] != "archive.legacy"
    return True


def include_object(obj, name, type_, reflected, compare_to):
    if name == "explode":
        raise ValueError("include_object cannot judge %s %s" % (type_, name))
    if type_ == "column" and not reflected:
        # A model object: the real Column, with its info; compare_to is the
        # reflected column of the same name, if any.
        if compare_to is not None and compare_to.table.name != obj.table.name:
            raise AssertionError("compare_to belongs to another table")
        if obj.name == "slug":
            return compare_to is None
        return not obj.info.get("skip_autogen", False)
    if type_ == "table" and reflected:
        # A reflected stand-in carries the schema.
        return obj.schema != "junk"
    if type_ == "column" and reflected:
        # compare_to is the model column when there is one.
        return compare_to is not None or obj.table.name != "things"
    if type_ == "index" and reflected:
        return obj.table.name != "legacy_things"
    if type_ == "unique_constraint":
        return not (name or "").startswith("uq_ignored")
    return True


def compare_defaults(context, inspected_column, metadata_column, inspected_default, metadata_default, rendered_metadata_default):
    return None


context.configure(
    url=config.get_main_option("sqlalchemy.url"),
    target_metadata=metadata,
    compare_type=False,
    compare_server_default=compare_defaults,
    user_module_prefix="mytypes.",
    render_as_batch=True,
    include_object=include_object,
    include_name=include_name,
    version_table_schema=tenant,
    literal_binds=True,
)

with context.begin_transaction():
    context.run_migrations()
