"""The cases service without Qt: a caller whose record has a BSN or a KvK
number rings, the local Zaken API (checking every request against its
document) is asked in a worker thread, the answer is handed to "the owner's
thread", each case shown goes to the access log, and a failing server gives
the state "not available" with one line in the application log."""

from __future__ import annotations

import logging
import queue
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, datetime

import pytest
from sqlalchemy import text

from kccdesk.cases.zaken import ZakenSource
from kccdesk.core.caller import AccessReason, Caller, CallerKind
from kccdesk.core.cases import CasesState
from kccdesk.core.clock import ManualClock
from kccdesk.core.desk import Desk
from kccdesk.core.greeting import Salutation
from kccdesk.core.line import CallerId
from kccdesk.demo.line import SimulatedLine
from kccdesk.services.callers import Callers
from kccdesk.services.cases import Cases
from kccdesk.services.screen_pop import ScreenPop
from kccdesk.store import Database
from kccdesk.store.access_log import access_log
from kccdesk.store.bulk import NewCaller, bulk_add_callers
from tests.support.manual_time import ManualScheduler
from tests.support.zaken_server import CLIENT_ID, SECRET, ZakenServer, running_server

BSN = "999993653"
KVK = "69599084"
NUMBER, BUSINESS_NUMBER, NO_BSN_NUMBER = "+31612345678", "+31207654321", "+31623456789"


@dataclass
class Stack:
    db: Database
    clock: ManualClock
    line: SimulatedLine
    desk: Desk
    screen_pop: ScreenPop
    cases: Cases
    posted: queue.Queue[Callable[[], None]]

    def ring(self, number: str = NUMBER) -> str:
        return self.line.ring_in(CallerId(number, ""))

    def run_posted(self) -> None:
        """Wait for what a worker thread hands over, and run it as the event loop would."""
        self.posted.get(timeout=10)()


def add_people(db: Database) -> None:
    anna = Caller(None, CallerKind.RESIDENT, "Vries", "de", "Anna", Salutation.MEVROUW)
    bakery = Caller(None, CallerKind.BUSINESS, "Dijk", "van", "Pieter", business_name="Bakkerij Van Dijk")
    sam = Caller(None, CallerKind.RESIDENT, "Jansen", "", "Sam")
    with db.session() as session:
        bulk_add_callers(
            session,
            [
                NewCaller(anna, (NUMBER,), bsn=BSN, import_key="anna"),
                NewCaller(bakery, (BUSINESS_NUMBER,), kvk=KVK, import_key="bakery"),
                NewCaller(sam, (NO_BSN_NUMBER,), import_key="sam"),
            ],
        )


def build(db: Database, api: ZakenServer | None, timeout: float = 5.0) -> Stack:
    clock = ManualClock(datetime(2026, 11, 23, 10, 15))
    line = SimulatedLine(clock, ManualScheduler(clock))
    desk = Desk(line, clock)
    posted: queue.Queue[Callable[[], None]] = queue.Queue()
    screen_pop = ScreenPop(desk, Callers(db, "Sanne"), posted.put)
    source = ZakenSource(api.base_url, CLIENT_ID, SECRET, "Sanne", timeout) if api else None
    cases = Cases(desk, screen_pop, source, db, "Sanne", posted.put)
    add_people(db)
    line.start()
    return Stack(db, clock, line, desk, screen_pop, cases, posted)


@pytest.fixture
def api() -> Iterator[ZakenServer]:
    with running_server() as server:
        server.add_case(
            "ZAAK-2026-0107",
            "Melding kapotte lantaarnpaal",
            date(2026, 11, 2),
            bsn=BSN,
            uiterlijke_einddatum=date(2026, 11, 16),
            status=("Doorgestuurd naar de aannemer", datetime(2026, 11, 4, 9, 30).astimezone()),
        )
        server.add_case(
            "ZAAK-2026-0001", "Aanvraag parkeervergunning", date(2026, 9, 1), bsn=BSN, einddatum=date(2026, 9, 20)
        )
        server.add_case("ZAAK-2026-0300", "Aanvraag terrasvergunning", date(2026, 10, 1), kvk=KVK)
        yield server
    assert server.contract_errors == []


@pytest.fixture
def stack(db: Database, api: ZakenServer) -> Iterator[Stack]:
    built = build(db, api)
    yield built
    built.cases.shutdown()
    built.screen_pop.shutdown()


def case_rows(stack: Stack) -> list[tuple[str, str, AccessReason, str | None]]:
    return [
        (e.agent, e.record, e.reason, e.call_id) for e in reversed(access_log(stack.db)) if e.record.startswith("zaak:")
    ]


def test_a_resident_rings_and_their_cases_arrive_and_are_logged(stack: Stack) -> None:
    changes: list[CasesState] = []
    stack.cases.on_change(lambda: changes.append(stack.cases.current.state if stack.cases.current else None))
    call_id = stack.ring()
    waiting = stack.cases.current
    assert waiting is not None and waiting.state is CasesState.WAITING
    assert stack.screen_pop.caller(call_id) is not None  # the record is there at once, not waiting for cases
    assert case_rows(stack) == []  # nothing shown yet, nothing logged
    stack.run_posted()
    found = stack.cases.current
    assert found is not None and found.state is CasesState.ANSWERED
    assert [c.identification for c in found.cases] == ["ZAAK-2026-0107", "ZAAK-2026-0001"]
    assert [c.identification for c in stack.cases.shown(call_id)] == ["ZAAK-2026-0107", "ZAAK-2026-0001"]
    assert all(c.url.startswith("http://127.0.0.1:") for c in stack.cases.shown(call_id))
    assert found.cases[0].overdue(stack.cases.today())
    assert changes == [CasesState.WAITING, CasesState.ANSWERED]
    assert case_rows(stack) == [
        ("Sanne", "zaak:ZAAK-2026-0107", AccessReason.SCREEN_POP, call_id),
        ("Sanne", "zaak:ZAAK-2026-0001", AccessReason.SCREEN_POP, call_id),
    ]


def test_cases_whose_showing_cannot_be_logged_are_not_shown(stack: Stack, caplog) -> None:
    """The access log refuses (a real SQLite trigger): no case is shown without its row there."""
    with stack.db.engine.begin() as connection:
        connection.execute(
            text(
                "CREATE TRIGGER no_case_rows BEFORE INSERT ON access_log WHEN NEW.record LIKE 'zaak:%' "
                "BEGIN SELECT RAISE(ABORT, 'refused'); END"
            )
        )
    call_id = stack.ring()
    stack.run_posted()
    found = stack.cases.current
    assert found is not None and found.state is CasesState.FAILED
    assert stack.cases.shown(call_id) == ()
    assert "the access log cannot be written" in caplog.text
    assert BSN not in caplog.text


def test_a_business_rings_and_its_cases_come_through_its_roles(stack: Stack) -> None:
    call_id = stack.ring(BUSINESS_NUMBER)
    stack.run_posted()
    assert [c.identification for c in stack.cases.shown(call_id)] == ["ZAAK-2026-0300"]
    assert case_rows(stack) == [("Sanne", "zaak:ZAAK-2026-0300", AccessReason.SCREEN_POP, call_id)]


def test_no_bsn_no_kvk_or_an_unknown_number_asks_nothing(stack: Stack, api: ZakenServer) -> None:
    stack.ring(NO_BSN_NUMBER)
    assert stack.cases.current is None
    stack.ring("+31698765432")
    assert stack.cases.current is None
    assert api.requests == []


def test_without_a_case_system_nothing_is_asked(db: Database) -> None:
    stack = build(db, None)
    try:
        call_id = stack.ring()
        assert stack.cases.current is None and stack.cases.shown(call_id) == ()
    finally:
        stack.cases.shutdown()
        stack.screen_pop.shutdown()


@pytest.mark.parametrize("mode", ["error500", "down", "hang"])
def test_a_failing_or_slow_server_gives_not_available_with_one_log_line(
    db: Database, api: ZakenServer, mode: str, caplog: pytest.LogCaptureFixture
) -> None:
    api.mode = mode
    stack = build(db, api, timeout=0.3)
    try:
        with caplog.at_level(logging.DEBUG, logger="kccdesk.services.cases"):
            first = stack.ring()
            stack.run_posted()
            assert stack.cases.current is not None and stack.cases.current.state is CasesState.FAILED
            stack.line.caller_hangs_up(first)
            stack.ring()
            stack.run_posted()
            assert stack.cases.current is not None and stack.cases.current.state is CasesState.FAILED
        warnings = [r for r in caplog.records if r.name == "kccdesk.services.cases"]
        assert len(warnings) == 1  # not one for every call
        assert BSN not in caplog.text and "Vries" not in caplog.text  # no personal data in the log
        assert case_rows(stack) == []
        api.mode = "up"
        api.release.set()
        stack.line.caller_hangs_up(stack.desk.current.call_id)
        stack.ring()
        stack.run_posted()
        assert stack.cases.current is not None and stack.cases.current.state is CasesState.ANSWERED
    finally:
        stack.cases.shutdown()
        stack.screen_pop.shutdown()


def test_an_answer_for_a_record_no_longer_on_screen_is_dropped(stack: Stack) -> None:
    """The agent picked someone else while the case system was asked: its answer is neither shown nor logged."""
    call_id = stack.ring()
    [sam] = stack.screen_pop.search(name="Jansen")
    stack.screen_pop.pick(sam)
    assert stack.cases.for_call(call_id) is None  # Sam has neither a BSN nor a KvK number
    stack.run_posted()
    assert stack.cases.for_call(call_id) is None
    assert case_rows(stack) == []
