"""Alembic environment: runs on the connection the tracker hands over, inside its transaction."""

from __future__ import annotations

from alembic import context

from speechkit.tracker.models import Base

connection = context.config.attributes["connection"]
context.configure(connection=connection, target_metadata=Base.metadata, render_as_batch=True)
context.run_migrations()
