"""Alembic environment for the records store.

kccdesk runs its migrations in-process, on the connection that
``kccdesk.store.db.open_database`` passes in ``config.attributes``; there is
no alembic.ini and no offline (SQL script) mode.
"""

from __future__ import annotations

from alembic import context
from sqlalchemy.engine import Connection

from kccdesk.store.models import Base


def run_migrations(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=Base.metadata,
        # SQLite changes a table by copying it; batch mode does that for us.
        render_as_batch=connection.dialect.name == "sqlite",
    )
    with context.begin_transaction():
        context.run_migrations()


_connection = context.config.attributes.get("connection")
if _connection is None:
    raise RuntimeError("kccdesk migrations run through kccdesk.store.open_database()")
run_migrations(_connection)
