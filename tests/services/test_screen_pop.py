"""The screen pop and the access log at the service level: every record
shown (before answering, when the remote source answers, in a search) is
logged with who looked and why; the agent's pick is the registration's
caller. The remote source is the local Klantinteracties API that checks
every request against its OpenAPI document; its answer is handed over to
"the owner's thread" when the test runs what was posted."""

from __future__ import annotations

import time
from collections.abc import Iterator

import pytest

from kccdesk.core.caller import AccessReason
from kccdesk.core.lookup import RemoteState
from kccdesk.records.openklant import OpenKlantSource
from kccdesk.store import Database
from kccdesk.store.access_log import access_log
from tests.services.conftest import Stack, build_stack
from tests.support.klantinteracties_server import KlantinteractiesServer, running_server


@pytest.fixture
def api() -> Iterator[KlantinteractiesServer]:
    with running_server() as server:
        yield server
    assert server.contract_errors == []


@pytest.fixture
def remote_stack(db: Database, api: KlantinteractiesServer) -> Iterator[Stack]:
    built = build_stack(db, remotes=(OpenKlantSource(api.base_url, "secret-token", 5),))
    yield built
    built.screen_pop.shutdown()


def logged(stack: Stack) -> list[tuple[str, AccessReason, str | None]]:
    return [(e.record, e.reason, e.call_id) for e in reversed(access_log(stack.db))]


def wait_for_posted(stack: Stack, seconds: float = 5.0) -> None:
    """The worker thread hands its answer over; then it is run, as the event loop would."""
    deadline = time.monotonic() + seconds
    while not stack.posted:
        assert time.monotonic() < deadline, "the remote source's answer was not handed over"
        time.sleep(0.01)
    stack.run_posted()


def test_a_known_number_is_on_screen_and_logged_before_the_agent_answers(stack: Stack) -> None:
    call_id = stack.ring()
    lookup = stack.screen_pop.lookup(call_id)
    assert lookup is not None and lookup.caller is not None and lookup.caller.full_name == "Anna de Vries"
    assert logged(stack) == [(f"local:{stack.anna}", AccessReason.SCREEN_POP, call_id)]


def test_an_unknown_or_withheld_number_shows_and_logs_nothing(stack: Stack) -> None:
    unknown = stack.ring("0698765432")
    withheld = stack.ring("anonymous", withheld=True)
    assert stack.screen_pop.caller(unknown) is None and stack.screen_pop.caller(withheld) is None
    assert logged(stack) == []


def test_a_search_is_logged_for_the_call_on_screen_and_the_pick_is_the_registrations_caller(stack: Stack) -> None:
    call_id = stack.answer("0698765432")  # an unknown number: the agent asks and searches
    assert stack.registrations.caller_id is None
    [found] = stack.screen_pop.search(name="vries")
    assert logged(stack) == [(f"local:{stack.anna}", AccessReason.SEARCH, call_id)]
    stack.screen_pop.pick(found)
    assert stack.screen_pop.caller(call_id) == found.caller
    assert stack.registrations.caller_id == stack.anna
    facts = stack.registrations.facts
    assert facts is not None and facts.caller_name == "Anna de Vries"


def test_the_remote_sources_records_are_added_when_they_arrive_and_logged(
    remote_stack: Stack, api: KlantinteractiesServer
) -> None:
    partij = api.add_person("Fatima", "el", "Idrissi", "+31698765432")
    call_id = remote_stack.ring("06 98765432")
    lookup = remote_stack.screen_pop.lookup(call_id)
    assert lookup is not None and lookup.remote is RemoteState.WAITING and lookup.records == ()
    wait_for_posted(remote_stack)
    lookup = remote_stack.screen_pop.lookup(call_id)
    assert lookup is not None and lookup.remote is RemoteState.ANSWERED
    assert lookup.caller is not None and lookup.caller.full_name == "Fatima el Idrissi"
    assert logged(remote_stack) == [(f"openklant:{partij}", AccessReason.SCREEN_POP, call_id)]


def test_a_silent_remote_source_is_said_and_the_local_record_stays(
    remote_stack: Stack, api: KlantinteractiesServer
) -> None:
    api.mode = "down"
    call_id = remote_stack.ring()
    wait_for_posted(remote_stack)
    lookup = remote_stack.screen_pop.lookup(call_id)
    assert lookup is not None and lookup.remote is RemoteState.FAILED
    assert lookup.caller is not None and lookup.caller.full_name == "Anna de Vries"


def test_the_record_opens_in_the_municipalitys_system_by_its_number(stack: Stack) -> None:
    call_id = stack.ring()
    assert stack.screen_pop.system_url(call_id) == "https://zaak.example.org/?telefoon=%2B31612345678"
    unknown = stack.ring("0698765432")
    assert stack.screen_pop.system_url(unknown) is None  # no record to open


def test_a_lookup_is_let_go_once_its_call_is_neither_live_nor_on_screen(stack: Stack) -> None:
    first = stack.answer()
    stack.desk.hang_up()
    assert stack.screen_pop.lookup(first) is not None  # its record stays for the after-call work
    second = stack.answer("0698765432")
    stack.desk.hang_up()
    assert stack.screen_pop.lookup(first) is None
    assert stack.screen_pop.lookup(second) is not None
