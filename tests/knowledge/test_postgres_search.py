"""A team on PostgreSQL searches with PostgreSQL's full-text search (the
Debian package postgresql, started by the test on 127.0.0.1): on the same
fixed set it finds the same items in the same order as SQLite."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, time

import pytest
from sqlalchemy import text

from kccdesk.core.clock import ManualClock
from kccdesk.services.knowledge import Knowledge
from kccdesk.store import Database, open_database
from tests.knowledge.fixed_set import TODAY, load_fixed_set
from tests.supervisor.postgres_server import PostgresServer, binaries

BIN = binaries()
pytestmark = pytest.mark.skipif(
    BIN is None, reason="PostgreSQL is not installed here: install the Debian package postgresql"
)
SEARCHES = (
    "paspoorten ", "pasp", "verhuizing ", "verhuiz", "rijbewijs kos", "café ", "afspraak pasfoto ", "hoe kan ik ",
)  # fmt: skip


@pytest.fixture
def postgres(tmp_path) -> Iterator[Database]:
    assert BIN is not None
    server = PostgresServer(BIN)
    server.start()
    db = open_database(server.url, tmp_path / "unused.sqlite3")
    try:
        yield db
    finally:
        with db.engine.begin() as connection:
            connection.execute(text("DROP SCHEMA public CASCADE; CREATE SCHEMA public"))
        db.close()
        server.stop()


def test_postgresql_finds_the_same_in_the_same_order_as_sqlite(db, postgres, tmp_path):
    (tmp_path / "sqlite").mkdir()
    (tmp_path / "postgres").mkdir()
    load_fixed_set(db, tmp_path / "sqlite")
    load_fixed_set(postgres, tmp_path / "postgres")
    clock = ManualClock(datetime.combine(TODAY, time(10)).astimezone())
    on_sqlite, on_postgres = Knowledge(db, clock), Knowledge(postgres, clock)
    for typed in SEARCHES:
        found = [(hit.item.source, hit.item.title, hit.score) for hit in on_sqlite.search(typed)]
        assert found == [(hit.item.source, hit.item.title, hit.score) for hit in on_postgres.search(typed)], typed
    assert on_postgres.search("paspoorten ")[0].item.title == "Hoe vraag ik een paspoort aan?"


def test_an_import_that_stopped_before_its_index_is_made_whole_by_the_next(postgres, tmp_path):
    """A large import drops the full-text index and makes it again at the end;
    one killed in between leaves none, and the next import (however small) makes it."""
    load_fixed_set(postgres, tmp_path)
    with postgres.engine.begin() as connection:
        connection.execute(text("DROP INDEX ix_knowledge_words"))  # as a killed import leaves it
    extra = tmp_path / "extra.csv"
    extra.write_text("vraag,antwoord\nWaar laat ik mijn kerstboom?,Aan de straat op 8 januari.\n", encoding="utf-8")
    Knowledge(postgres, ManualClock(datetime.combine(TODAY, time(10)).astimezone())).import_file(extra)
    with postgres.engine.begin() as connection:
        assert connection.execute(text("SELECT to_regclass('ix_knowledge_words') IS NOT NULL")).scalar_one()
    clock = ManualClock(datetime.combine(TODAY, time(10)).astimezone())
    assert Knowledge(postgres, clock).search("kerstboom ")[0].item.title == "Waar laat ik mijn kerstboom?"
