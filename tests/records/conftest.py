"""A fresh records store (SQLite, migrated) for each test."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from kccdesk.store import Database, open_database


@pytest.fixture
def db(tmp_path: Path) -> Iterator[Database]:
    database = open_database(None, tmp_path / "records.sqlite3")
    yield database
    database.close()
