"""A callback request, driven by keys: the form asks for whom, the number
(prefilled), the question (prefilled) and a due time (next working day,
17:00). Closing makes the local callback request, which the screen pop shows
as open, and in the Klantinteracties API (the local server that validates
every request against the OpenAPI document) a klantcontact with an
internetaak for the team, the agent linked as actor."""

from __future__ import annotations

from datetime import datetime

import pytest
from PySide6.QtCore import Qt

from kccdesk.outbox import store
from kccdesk.store.callers import find_records_by_number
from tests.registration.conftest import ctrl, hang_up, press, type_in
from tests.support.demo_window import answer_call

pytestmark = pytest.mark.gui


def choose(qtbot, combo, text: str) -> None:
    combo.setFocus()
    while combo.currentText() != text:
        index = combo.currentIndex()
        qtbot.keyClick(combo, Qt.Key.Key_Down)
        assert combo.currentIndex() != index, f"{text!r} is not in the list"


def test_a_callback_request_is_stored_and_becomes_an_internetaak(qtbot, demo_with_api) -> None:
    window, clock, db, api = demo_with_api
    form = window.form
    answer_call(qtbot, window, clock)
    reference = form.fact_reference.text()  # to pass on in a warm transfer
    assert len(reference) == 10 and form.fact_reference.isVisible()
    type_in(qtbot, form.subject, "huishoudelijke hulp")  # a UPL name, typed in full
    type_in(qtbot, form.question, "Ik wil hulp bij het huishouden aanvragen.")
    choose(qtbot, form.outcome, "Terugbelverzoek")
    assert form.callback_title.isVisible() and form.callback_due.isVisible()
    assert form.detail_label.text() == "Voor &wie (collega of team)"
    assert form.callback_number.text() == "06 12345678"  # the caller's number
    assert form.callback_note.toPlainText() == "Ik wil hulp bij het huishouden aanvragen."
    assert form.callback_due.dateTime().toPython() == datetime(2026, 11, 24, 17, 0)  # Monday: Tuesday 17:00
    press(qtbot, window, Qt.Key.Key_Tab)
    qtbot.keyClicks(form.detail, "Team Wmo")
    choose(qtbot, form.callback_team, "een team")
    hang_up(qtbot, window, clock)
    ctrl(qtbot, window, Qt.Key.Key_S)
    assert not form.isEnabled()

    [record] = find_records_by_number(db, "+31612345678")
    [callback] = record.open_callbacks  # the screen pop shows it as open
    assert callback.for_whom == "Team Wmo"
    assert callback.note == "06 12345678: Ik wil hulp bij het huishouden aanvragen."
    assert callback.due == datetime(2026, 11, 24, 17, 0).astimezone()

    qtbot.waitUntil(lambda: store.counts(db)[store.DELIVERED] == 1, timeout=10000)
    assert api.contract_errors == []  # requests and answers alike
    assert list(api.created) == [reference]
    [contact] = api.created.values()
    assert contact["hoofdOnderwerpType"] == "http://standaarden.overheid.nl/owms/terms/huishHulp"
    assert contact["vertrouwelijk"] is False
    [task] = api.internetaken
    team = next(a for a in api.actors if a["naam"] == "Team Wmo")
    agent = next(a for a in api.actors if a["naam"] == "Sanne")
    assert team["soortActor"] == "organisatorische_eenheid" and agent["soortActor"] == "medewerker"
    assert task["gevraagdeHandeling"] == "Terugbellen"
    assert task["status"] == "te_verwerken"
    assert task["aanleidinggevendKlantcontact"]["uuid"] == contact["uuid"]
    assert [a["uuid"] for a in task["toegewezenAanActoren"]] == [team["uuid"]]
    assert task["toelichting"] == (
        "Terugbellen naar 06 12345678, uiterlijk 24-11-2026 17:00. Ik wil hulp bij het huishouden aanvragen."
    )
    assert [link["actor"]["uuid"] for link in api.actor_links] == [agent["uuid"]]


def test_an_unknown_callers_number_is_kept_as_a_digitaal_adres(qtbot, demo_with_api) -> None:
    window, clock, db, api = demo_with_api
    form = window.form
    answer_call(qtbot, window, clock, caller_key=Qt.Key.Key_F8)
    type_in(qtbot, form.subject, "afval")
    type_in(qtbot, form.question, "Mijn container is niet geleegd.")
    choose(qtbot, form.outcome, "Direct beantwoord")
    form.confidential.setFocus()
    qtbot.keyClick(form.confidential, Qt.Key.Key_Space)
    hang_up(qtbot, window, clock)
    ctrl(qtbot, window, Qt.Key.Key_S)
    qtbot.waitUntil(lambda: store.counts(db)[store.DELIVERED] == 1, timeout=10000)
    assert api.contract_errors == []  # requests and answers alike
    [contact] = api.created.values()
    assert contact["vertrouwelijk"] is True
    assert "hoofdOnderwerpType" not in contact  # free text: no UPL URI
    [address] = api.adressen
    assert (address["adres"], address["soortDigitaalAdres"]) == ("+31698765432", "telefoonnummer")
    assert address["verstrektDoorBetrokkene"]["uuid"] == contact["hadBetrokkenen"][0]["uuid"]


def test_a_caller_without_a_record_sees_their_callback_request_at_the_next_call(qtbot, demo) -> None:
    from kccdesk.core.line import CallerId

    window, clock, _db = demo
    form = window.form
    answer_call(qtbot, window, clock, caller_key=Qt.Key.Key_F8)  # an unknown number: 06 98765432
    assert window.caller.name.text() == "Onbekend nummer"
    type_in(qtbot, form.subject, "parkeervergunning")
    type_in(qtbot, form.question, "Kan ik een tweede vergunning krijgen?")
    choose(qtbot, form.outcome, "Terugbelverzoek")
    assert form.callback_number.text() == "06 98765432"
    type_in(qtbot, form.detail, "Team Parkeren")
    hang_up(qtbot, window, clock)
    ctrl(qtbot, window, Qt.Key.Key_S)
    assert not form.isEnabled()

    window.demo.line.ring_in(CallerId("0698765432"))  # the same caller rings again

    qtbot.waitUntil(window.caller.callbacks.isVisible)
    assert window.caller.name.text() == "Onbekend nummer"
    assert window.caller.callbacks.text() == (
        "1 open terugbelverzoek:\n"
        "• Team Parkeren: 06 98765432: Kan ik een tweede vergunning krijgen? (uiterlijk 24-11-2026)"
    )
