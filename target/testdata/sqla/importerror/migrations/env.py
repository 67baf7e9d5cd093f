from alembic import context

from app.models import metadata

context.configure(url="sqlite://", target_metadata=metadata)
