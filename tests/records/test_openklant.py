"""Open Klant as a record source, against a local server that checks every
request and response against the Klantinteracties OpenAPI document."""

from __future__ import annotations

import threading

import pytest

from kccdesk.core.caller import AccessReason, CallerKind
from kccdesk.core.line import CallerId
from kccdesk.core.lookup import RemoteState
from kccdesk.records.openklant import OpenKlantSource, RemoteSourceError
from kccdesk.services.callers import Callers
from tests.support.klantinteracties_server import running_server


@pytest.fixture
def api():
    with running_server() as server:
        yield server
    assert server.contract_errors == []


def test_a_number_leads_to_the_party_its_contacts_and_open_tasks(api):
    caller = api.add_person("Fatima", "el", "Idrissi", "+31612345678")
    api.add_contact(caller, "Afval", "2026-09-01T10:00:00Z")
    api.add_contact(caller, "Traplift", "2026-11-01T10:00:00Z", open_task="Bel terug over de traplift")
    source = OpenKlantSource(api.base_url, "secret-token", timeout_seconds=5)
    [record] = source.find_by_number("+31612345678")
    assert record.key == f"openklant:{caller}"
    assert record.caller.kind is CallerKind.RESIDENT
    assert record.caller.full_name == "Fatima el Idrissi"
    assert record.caller.address == "Stationsweg 5, 1234 AB Voorbeeldstad"
    assert [c.subject for c in record.contacts] == ["Traplift", "Afval"]  # newest first
    [task] = record.open_callbacks
    assert (task.for_whom, task.note) == ("team Wmo", "Bel terug over de traplift")
    assert api.requests[0].startswith(
        "GET /klantinteracties/api/v1/digitaleadressen?adres=%2B31612345678&soortDigitaalAdres=telefoonnummer"
    )


def test_an_unknown_number_finds_nothing(api):
    source = OpenKlantSource(api.base_url, "secret-token", timeout_seconds=5)
    assert source.find_by_number("+31698765432") == []


def test_a_source_that_does_not_answer_in_time_raises(api):
    api.hold = threading.Event()
    source = OpenKlantSource(api.base_url, "secret-token", timeout_seconds=0.3)
    with pytest.raises(RemoteSourceError):
        source.find_by_number("+31612345678")


def test_a_source_that_is_not_there_raises():
    source = OpenKlantSource("http://127.0.0.1:9/klantinteracties/api/v1", None, timeout_seconds=1)
    with pytest.raises(RemoteSourceError):
        source.find_by_number("+31612345678")


def test_the_lookup_adds_remote_records_and_notes_a_silent_source(db, api):
    caller = api.add_person("Fatima", "el", "Idrissi", "+31612345678")
    callers = Callers(db, "Sanne", remotes=[OpenKlantSource(api.base_url, "secret-token", 5)])
    local = callers.lookup(CallerId("06 12345678"), AccessReason.SCREEN_POP)
    assert local.records == () and local.remote is RemoteState.WAITING
    fetched = local.with_remote(callers.fetch_remote(local))
    assert fetched.remote is RemoteState.ANSWERED
    assert fetched.record is not None and fetched.record.key == f"openklant:{caller}"
    silent = Callers(db, "Sanne", remotes=[OpenKlantSource("http://127.0.0.1:9/api", None, 1)])
    assert silent.fetch_remote(local).remote is RemoteState.FAILED
