"""The records store: callers and their numbers, calls, registrations and
their drafts, callback requests, the access log and the outbox's rows, in
SQLite or any SQLAlchemy database, migrated with Alembic at start.

Plain functions on a Database, one module per kind of row; they return the
core's frozen dataclasses, never ORM objects, and raise DatabaseError for
whatever the database refuses.
"""

from kccdesk.store.db import Database, DatabaseError, open_database

__all__ = ["Database", "DatabaseError", "open_database"]
