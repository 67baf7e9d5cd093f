# The application's own module, imported by a migration as real projects do.
DEFAULT_STATUSES = ["draft", "published", "archived"]


def slug(name):
    return name.lower().replace(" ", "-")
