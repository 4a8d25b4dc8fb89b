from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from kccdesk.store import Database, open_database
from tests.outbox.api_server import KlantinteractiesServer


@pytest.fixture
def db_file(tmp_path: Path) -> Path:
    return tmp_path / "data" / "kccdesk.sqlite3"


@pytest.fixture
def db(db_file: Path) -> Iterator[Database]:
    database = open_database(None, db_file)
    yield database
    database.close()


@pytest.fixture
def api() -> Iterator[KlantinteractiesServer]:
    with KlantinteractiesServer() as server:
        yield server
