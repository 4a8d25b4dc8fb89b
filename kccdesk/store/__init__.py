"""The records store: parties and their numbers, calls and registrations,
in SQLite or any SQLAlchemy database, migrated with Alembic at start."""

from kccdesk.store.db import Database, DatabaseError, open_database
from kccdesk.store.repository import (
    add_party,
    count_parties,
    find_parties_by_number,
    get_registration,
    recent_calls,
    save_call,
    save_registration,
)

__all__ = [
    "Database",
    "DatabaseError",
    "add_party",
    "count_parties",
    "find_parties_by_number",
    "get_registration",
    "open_database",
    "recent_calls",
    "save_call",
    "save_registration",
]
