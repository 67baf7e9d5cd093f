import enum

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql
from sqlalchemy.orm import declarative_base, relationship

from app.types import Money

convention = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

Base = declarative_base(metadata=sa.MetaData(naming_convention=convention))


class Mood(enum.Enum):
    happy = "h"
    sad = "s"


class TimestampMixin:
    created_at = sa.Column(sa.DateTime(timezone=True), nullable=False, server_default=sa.func.now())
    updated_at = sa.Column(sa.DateTime(timezone=True))


class User(TimestampMixin, Base):
    __tablename__ = "users"
    __table_args__ = (
        sa.CheckConstraint("length(email) > 3", name="email_len"),
        {"comment": "people"},
    )

    id = sa.Column(sa.Integer, primary_key=True)
    public_id = sa.Column(postgresql.UUID(as_uuid=True), nullable=False, unique=True)
    email = sa.Column(sa.String(120), nullable=False)
    mood = sa.Column(sa.Enum(Mood, name="mood"), nullable=False, server_default="happy")
    active = sa.Column(sa.Boolean, nullable=False, server_default=sa.text("true"))
    balance = sa.Column(Money(), comment="cents")

    posts = relationship("Post", back_populates="author")


sa.Index("ix_users_active_email", User.email, postgresql_where=User.active.is_(True))


class Post(TimestampMixin, Base):
    __tablename__ = "posts"

    id = sa.Column(sa.Integer, primary_key=True)
    author_id = sa.Column(sa.Integer, sa.ForeignKey("users.id", ondelete="CASCADE"), nullable=False, index=True)
    title = sa.Column(sa.String(200), nullable=False)
    tags = sa.Column(postgresql.ARRAY(sa.String(30)))
    score = sa.Column(sa.Numeric(10, 2), server_default="0")

    author = relationship("User", back_populates="posts")
