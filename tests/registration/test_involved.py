"""Who called, as the Klantinteracties API is told (the klantcontact's
betrokkene): a caller with a partij there is linked to it; a caller with a
local record is named; only a caller without any record leaves their number,
as a digitaal adres of that contact. A known caller's number is never posted,
so calling again adds nothing; a caller ID that is not a phone number is never
sent as one. Through the demo window driven by keys, to the local server that
checks every request against the API document."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from kccdesk.core.line import CallerId
from kccdesk.outbox import store
from kccdesk.store.callers import find_records_by_number
from tests.registration.conftest import MONDAY, ctrl, hang_up, press, type_in
from tests.registration.test_callback import choose
from tests.support.demo_window import open_demo

pytestmark = pytest.mark.gui


def call_and_close(qtbot, window, clock, caller: CallerId, delivered: int, name: str = "") -> None:
    """Answer a call, register a direct answer, close it; wait until it is delivered.
    With ``name``, the call is answered once the screen pop shows that name."""
    window.demo.line.ring_in(caller)
    qtbot.waitUntil(lambda: window.desk.current is not None)
    if name:
        qtbot.waitUntil(lambda: window.caller.name.text() == name, timeout=5000)
    clock.advance(3)
    press(qtbot, window, Qt.Key.Key_F2)
    qtbot.waitUntil(window.form.isEnabled)
    type_in(qtbot, window.form.subject, "afval")
    type_in(qtbot, window.form.question, "Wanneer wordt het grofvuil opgehaald?")
    choose(qtbot, window.form.outcome, "Direct beantwoord")
    hang_up(qtbot, window, clock)
    ctrl(qtbot, window, Qt.Key.Key_S)
    qtbot.waitUntil(lambda: store.counts(window.services.registrations.filing.db)[store.DELIVERED] == delivered)


def test_a_known_local_resident_is_named_and_their_number_never_posted(qtbot, demo_with_api) -> None:
    window, clock, db, api = demo_with_api
    [record] = find_records_by_number(db, "+31612345678")
    for calls in (1, 2):  # the same resident calls twice
        call_and_close(qtbot, window, clock, CallerId("0612345678", "Jan"), delivered=calls)
    assert api.contract_errors == []
    assert api.adressen == []
    for involved in api.betrokkenen:
        assert involved["contactnaam"]["achternaam"] == record.caller.surname
        assert involved["contactnaam"]["voornaam"] == record.caller.given_name
        assert "wasPartij" not in involved


def test_a_caller_without_a_record_leaves_their_number_once_per_contact(qtbot, demo_with_api) -> None:
    window, clock, _db, api = demo_with_api
    call_and_close(qtbot, window, clock, CallerId("+31 6 98765432"), delivered=1)
    assert api.contract_errors == []
    [address] = api.adressen
    assert (address["adres"], address["soortDigitaalAdres"]) == ("+31698765432", "telefoonnummer")
    [involved] = api.betrokkenen
    assert address["verstrektDoorBetrokkene"]["uuid"] == involved["uuid"]
    assert "contactnaam" not in involved


@pytest.mark.parametrize("caller_id", ["abc", "sip:abc@pbx.example", "06-CALLME", "0" * 60])
def test_a_caller_id_that_is_not_a_phone_number_is_not_sent_as_one(qtbot, demo_with_api, caller_id) -> None:
    window, clock, _db, api = demo_with_api
    call_and_close(qtbot, window, clock, CallerId(caller_id), delivered=1)
    assert api.contract_errors == []
    assert len(api.created) == 1  # the registration itself went through
    assert api.adressen == []


def test_a_caller_with_a_partij_is_linked_to_it_and_nothing_is_added(qtbot, api) -> None:
    party = api.add_person("Fatima", "", "El Amrani", "+31698765432")
    window, clock, workstation = open_demo(qtbot, MONDAY, api, remote_records=True)
    try:
        call_and_close(qtbot, window, clock, CallerId("0698765432"), delivered=1, name="Fatima El Amrani")
    finally:
        window.services.deliveries.stop()
        workstation.db.close()
    assert api.contract_errors == []
    [involved] = api.betrokkenen
    assert involved["wasPartij"]["uuid"] == party
    assert len(api.adressen) == 1  # only the partij's own number
