"""A callback request about a subject with its own questions, driven by keys
in the demo window: the parking fine's questions appear below the callback
rows with Alt-letters of their own, the required ones block Ctrl+S by name
(and a date that is no date by what it should be), the answers are kept in
the draft, and they reach the internetaak's toelichting at the local
Klantinteracties API (which checks every request against its OpenAPI
document) as "label: answer" lines."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from kccdesk.outbox import store
from kccdesk.store.drafts import open_drafts
from tests.registration.conftest import ctrl, hang_up, press, type_in
from tests.registration.test_callback import choose
from tests.support.demo_window import answer_call
from tests.support.mnemonics import clashes, fields_without_letter, letter

pytestmark = pytest.mark.gui

NUMBER, DATE, PLATE = "Nummer van de boete", "Datum van de boete", "Kenteken"


def go_to(qtbot, window, field) -> None:
    """Alt + the letter of the field's label, as the agent reaches it."""
    label = next(lbl for lbl in window.form.findChildren(type(window.form.detail_label)) if lbl.buddy() is field)
    press(qtbot, window, getattr(Qt.Key, f"Key_{letter(label.text())}"), Qt.KeyboardModifier.AltModifier)
    assert QApplication.focusWidget() is field


def test_the_subjects_questions_are_asked_and_travel_in_the_task(qtbot, demo_with_api) -> None:
    window, clock, db, api = demo_with_api
    form, rows = window.form, window.form.callback_questions
    answer_call(qtbot, window, clock)
    type_in(qtbot, form.subject, "parkeerbelasting")
    type_in(qtbot, form.question, "Ik heb een boete gekregen maar had een vergunning.")
    assert rows.fields() == ()  # not before the outcome is a callback request
    choose(qtbot, form.outcome, "Terugbelverzoek")

    number, date, plate = (rows.field(label) for label in (NUMBER, DATE, PLATE))
    assert all(field is not None and field.isVisible() for field in (number, date, plate))
    assert date.placeholderText() == "dd-mm-jjjj"
    assert clashes(window) == {} and fields_without_letter(window) == []
    press(qtbot, window, Qt.Key.Key_Tab)
    qtbot.keyClicks(form.detail, "Team Parkeren")
    hang_up(qtbot, window, clock)

    ctrl(qtbot, window, Qt.Key.Key_S)
    assert form.isEnabled()  # not closed
    assert form.error.text() == f"Vul eerst in: {NUMBER}, {DATE}."
    assert QApplication.focusWidget() is number  # the first one missing

    qtbot.keyClicks(number, "PB 2026 0042")
    go_to(qtbot, window, date)
    qtbot.keyClicks(date, "31-11-2026")  # no such day
    ctrl(qtbot, window, Qt.Key.Key_S)
    assert form.error.text() == f"Vul eerst in: {DATE} (een datum, zoals 23-11-2026)."
    assert QApplication.focusWidget() is date

    date.selectAll()
    qtbot.keyClicks(date, "5-11-2026")
    press(qtbot, window, Qt.Key.Key_Tab)  # leaving the field saves the draft: a restart loses nothing
    assert QApplication.focusWidget() is plate
    [kept] = open_drafts(db)
    assert kept.callback.answers == ((NUMBER, "PB 2026 0042"), (DATE, "05-11-2026"))

    ctrl(qtbot, window, Qt.Key.Key_S)
    assert not form.isEnabled()
    qtbot.waitUntil(lambda: store.counts(db)[store.DELIVERED] == 1, timeout=10000)
    assert api.contract_errors == []
    [task] = api.internetaken
    assert task["toelichting"] == (
        "Terugbellen naar 06 12345678, uiterlijk 24-11-2026 17:00. "
        "Ik heb een boete gekregen maar had een vergunning.\n"
        f"{NUMBER}: PB 2026 0042\n"
        f"{DATE}: 05-11-2026"
    )


def test_a_choice_and_another_subject(qtbot, demo) -> None:
    """The questions follow the subject: another subject's set replaces them,
    a subject without one has none; an answer given stays for when the agent
    goes back. A choice is made with the arrow keys."""
    window, clock, _db = demo
    form, rows = window.form, window.form.callback_questions
    answer_call(qtbot, window, clock)
    type_in(qtbot, form.subject, "bezwaar")
    type_in(qtbot, form.question, "Hoe staat het met mijn bezwaar?")
    choose(qtbot, form.outcome, "Terugbelverzoek")
    press(qtbot, window, Qt.Key.Key_Tab)
    qtbot.keyClicks(form.detail, "Team Bezwaar")
    about = rows.field("Waar gaat het bezwaar over?")
    go_to(qtbot, window, about)
    qtbot.keyClick(about, Qt.Key.Key_Down)
    qtbot.keyClick(about, Qt.Key.Key_Down)
    assert window.services.registrations.entry.callback_answers == (("Waar gaat het bezwaar over?", "Vergunning"),)
    assert clashes(window) == {}  # the knowledge panel, open with this subject's answers, included
    assert [field for field in fields_without_letter(window) if "callbackQuestion" in field] == []

    form.subject.selectAll()
    type_in(qtbot, form.subject, "afvalpas")  # no questions for this one
    assert rows.fields() == ()
    form.subject.selectAll()
    type_in(qtbot, form.subject, "bezwaar")
    assert rows.field("Waar gaat het bezwaar over?").currentText() == "Vergunning"
    ctrl(qtbot, window, Qt.Key.Key_S)
    assert form.error.text() == "Vul eerst in: Zaaknummer."
