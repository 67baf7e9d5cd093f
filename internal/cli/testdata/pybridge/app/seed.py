# The application's own module, which a migration imports.
STATUSES = ["new", "done"]


def label(name):
    return name.upper()
