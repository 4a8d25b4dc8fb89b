"""A team on one PostgreSQL database (Debian package postgresql, started by
the test on 127.0.0.1): the migrations run there, and what one workstation
stores, the other sees."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest
from alembic.script import ScriptDirectory
from sqlalchemy import inspect, text

from kccdesk import resource_path
from kccdesk.content.subjects import load_subjects
from kccdesk.core.caller import AccessReason, CallbackRequest, Caller, CallerKind
from kccdesk.core.line import CallerId
from kccdesk.records.csv_import import import_csv
from kccdesk.services.callers import Callers
from kccdesk.services.figures import TeamStats
from kccdesk.store import Database, open_database
from kccdesk.store.callbacks import add_callback_request
from kccdesk.store.callers import add_caller
from kccdesk.store.db import _alembic_config
from tests.supervisor.postgres_server import PostgresServer, binaries
from tests.supervisor.team_fixture import FIRST_DAY, LAST_DAY, write_team_fixture

BIN = binaries()
pytestmark = pytest.mark.skipif(
    BIN is None, reason="PostgreSQL is not installed here: install the Debian package postgresql"
)


@pytest.fixture(scope="module")
def server() -> Iterator[PostgresServer]:
    assert BIN is not None
    running = PostgresServer(BIN)
    running.start()
    yield running
    running.stop()


@pytest.fixture
def two_workstations(server, tmp_path) -> Iterator[tuple[Database, Database]]:
    first = open_database(server.url, tmp_path / "unused-1.sqlite3")  # migrates the empty database
    second = open_database(server.url, tmp_path / "unused-2.sqlite3")
    yield first, second
    first.close()
    second.close()
    reset = open_database(server.url, tmp_path / "unused.sqlite3")
    with reset.engine.begin() as connection:
        connection.execute(text("DROP SCHEMA public CASCADE; CREATE SCHEMA public"))
    reset.close()


def test_migrations_reach_the_head_on_postgresql(two_workstations) -> None:
    first, _second = two_workstations
    head = ScriptDirectory.from_config(_alembic_config()).get_current_head()
    with first.engine.connect() as connection:
        assert connection.execute(text("SELECT version_num FROM alembic_version")).scalar_one() == head
        tables = set(inspect(connection).get_table_names())
    assert {"party", "call", "registration", "callback_request", "outbox"} <= tables
    assert first.engine.dialect.name == "postgresql"


def test_a_callback_request_from_one_workstation_pops_up_on_the_other(two_workstations) -> None:
    first, second = two_workstations
    caller_id = add_caller(first, Caller(id=None, kind=CallerKind.RESIDENT, surname="Jansen"), ["06-12345678"])
    calling = CallerId("0612345678", "", False)
    on_second = Callers(second, "Bram")
    [before] = on_second.lookup(calling, AccessReason.SCREEN_POP).records
    assert before.callbacks == ()
    due = datetime.now(UTC) + timedelta(hours=4)
    add_callback_request(first, CallbackRequest(caller_id, "Team Wmo", note="over de aanvraag", due=due))
    [record] = on_second.lookup(calling, AccessReason.SCREEN_POP).records
    [request] = record.callbacks
    assert (request.for_whom, request.note) == ("Team Wmo", "over de aanvraag")
    assert request.due == due


def test_the_team_figures_are_the_same_from_either_workstation(two_workstations) -> None:
    first, second = two_workstations
    write_team_fixture(first)
    subjects = load_subjects(resource_path("subjects", "upl.csv"))
    summary, backlog = TeamStats(second, subjects, 3).figures(FIRST_DAY, LAST_DAY)
    f = summary.overall
    assert (f.calls, f.answered, f.missed, f.within_norm.part) == (8, 6, 2, 5)
    assert (f.handled_directly.part, f.handled_directly.whole, f.count_only) == (2, 4, 1)
    assert (backlog.callbacks_open, backlog.callbacks_overdue, backlog.outbox_pending) == (2, 1, 2)


def test_records_imported_on_one_workstation_are_found_on_the_other(two_workstations) -> None:
    first, second = two_workstations
    sample = resource_path("records", "sample.csv")
    assert (import_csv(first, sample).added, import_csv(first, sample).already_there) == (4, 4)
    on_second = Callers(second, "Bram")
    [bakery] = on_second.lookup(CallerId("020-7654321", "", False), AccessReason.SCREEN_POP).records
    assert (bakery.caller.business_name, bakery.kvk) == ("Bakkerij Van Dijk", "12345678")
    [grietje] = on_second.lookup(CallerId("0201234567", "", False), AccessReason.SCREEN_POP).records
    assert grietje.caller.surname_prefix == "van der"
    assert on_second.lookup(CallerId("0634567890", "", False), AccessReason.SCREEN_POP).records == (grietje,)
