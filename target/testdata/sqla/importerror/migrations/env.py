from alembic import context

from app_that_is_missing.models import metadata

context.configure(url="sqlite://", target_metadata=metadata)
