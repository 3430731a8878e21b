"""Alembic environment: runs migrations on the engine the app passes in."""

from alembic import context

from data_access.schema import metadata

engine = context.config.attributes["engine"]
with engine.begin() as connection:
    context.configure(connection=connection, target_metadata=metadata, render_as_batch=True)
    context.run_migrations()
