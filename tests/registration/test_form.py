"""The registration form driven by keys: drafts as the agent types, the
call's facts prefilled, the subject from the UPL with type-ahead, required
fields, after-call work with its timer, count only, and open registrations."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from kccdesk.core.registration import Outcome
from kccdesk.outbox import store
from kccdesk.store.calls import recent_calls
from kccdesk.store.drafts import open_drafts
from kccdesk.store.registrations import get_registration
from kccdesk.ui.open_registrations import OpenRegistrations
from tests.registration.conftest import ctrl, hang_up, press, type_in
from tests.support.demo_window import answer_call

pytestmark = pytest.mark.gui


def draft_question(db) -> list[str]:
    return [d.registration.question for d in open_drafts(db)]


def test_the_draft_is_saved_as_the_agent_types_during_the_call(qtbot, demo) -> None:
    window, clock, db = demo
    answer_call(qtbot, window, clock)
    type_in(qtbot, window.form.question, "Waar haal ik een parkeervergunning?")
    qtbot.waitUntil(lambda: draft_question(db) == ["Waar haal ik een parkeervergunning?"])
    assert recent_calls(db) == []  # still talking: only the draft exists
    # a focus change saves at once, without waiting for the pause
    qtbot.keyClicks(window.form.question, " Voor de binnenstad.")
    press(qtbot, window, Qt.Key.Key_Tab)
    assert draft_question(db) == ["Waar haal ik een parkeervergunning? Voor de binnenstad."]


def test_the_calls_facts_are_prefilled_and_read_only(qtbot, demo) -> None:
    window, clock, _db = demo
    answer_call(qtbot, window, clock, after=7.0)
    form = window.form
    assert form.fact_caller.text() == "Anna de Vries"
    assert form.fact_channel.text() == "telefoon"
    assert form.fact_start.text() == "23-11-2026 10:15:00"
    assert form.fact_answer_delay.text() == "7 s"
    assert form.fact_rings.text() == "2"
    assert form.fact_agent.text() == "Sanne"
    assert not form.fact_reference.isVisible()  # registrations stay local: no reference to pass on
    clock.advance(65.0)
    qtbot.waitUntil(lambda: form.fact_talk.text() == "1:05")


def test_a_withheld_number_is_shown_as_such(qtbot, demo) -> None:
    window, clock, _db = demo
    answer_call(qtbot, window, clock, caller_key=Qt.Key.Key_F9)
    assert window.form.fact_caller.text() == "nummer afgeschermd"


def test_subject_type_ahead_over_the_upl_sets_its_uri_and_free_text_is_marked(qtbot, demo) -> None:
    window, clock, _db = demo
    answer_call(qtbot, window, clock)
    form = window.form
    type_in(qtbot, form.subject, "paspoo")
    popup = form.subject.completer().popup()
    qtbot.waitUntil(popup.isVisible)
    assert popup.model().rowCount() >= 1
    qtbot.keyClick(popup, Qt.Key.Key_Down)  # the open list has the keyboard
    qtbot.keyClick(popup, Qt.Key.Key_Return)
    picked = form.subject.text()
    assert "paspoort" in picked.casefold()
    draft = form.draft()
    assert draft.registration.subject_uri.startswith("http://standaarden.overheid.nl/owms/terms/")
    assert not form.subject_note.isVisible()
    form.subject.clear()
    type_in(qtbot, form.subject, "Vraag over de kermis")
    assert form.subject_note.text() == "Eigen onderwerp: staat niet in de productlijst"
    assert form.subject_note.isVisible()
    assert form.draft().registration.subject_uri == ""


def test_required_fields_are_named_and_get_the_focus(qtbot, demo) -> None:
    window, clock, db = demo
    answer_call(qtbot, window, clock)
    hang_up(qtbot, window, clock)
    ctrl(qtbot, window, Qt.Key.Key_S)
    assert window.form.error.text() == "Vul eerst in: onderwerp, vraag, afhandeling."
    assert QApplication.focusWidget() is window.form.subject
    qtbot.keyClicks(window.form.subject, "afval")
    press(qtbot, window, Qt.Key.Key_Tab)
    qtbot.keyClicks(QApplication.focusWidget(), "Mag snoeiafval in de groene bak?")
    window.form.set_outcome(Outcome.REFERRAL)
    ctrl(qtbot, window, Qt.Key.Key_S)
    assert window.form.error.text() == "Vul eerst in: met wie, voor wie of welke organisatie."
    assert QApplication.focusWidget() is window.form.detail
    assert window.form.detail_label.text() == "O&rganisatie (volledige naam)"
    qtbot.keyClicks(window.form.detail, "Afvalbedrijf Voorbeeldstad")
    ctrl(qtbot, window, Qt.Key.Key_S)
    assert not window.form.isEnabled()
    [call] = recent_calls(db)
    registration = get_registration(db, call.call_id)
    assert registration.outcome is Outcome.REFERRAL
    assert registration.outcome_detail == "Afvalbedrijf Voorbeeldstad"


def test_after_call_work_has_its_own_timer_and_is_stored(qtbot, demo) -> None:
    window, clock, db = demo
    answer_call(qtbot, window, clock)
    form = window.form
    assert not form.after_call.isVisible()
    type_in(qtbot, form.subject, "afval")
    type_in(qtbot, form.question, "Wanneer komt het grofvuil?")
    form.set_outcome(Outcome.RESOLVED)
    hang_up(qtbot, window, clock)
    clock.advance(42.0)
    qtbot.waitUntil(lambda: form.after_call.text() == "Nawerk 0:42")
    form.confidential.setFocus()
    qtbot.keyClick(form.confidential, Qt.Key.Key_Space)
    ctrl(qtbot, window, Qt.Key.Key_S)
    assert form.status.text() == "Registratie afgesloten."
    [call] = recent_calls(db)
    registration = get_registration(db, call.call_id)
    assert registration.after_call_seconds == pytest.approx(42.0)
    assert registration.confidential
    assert open_drafts(db) == []


def test_count_only_keeps_no_personal_data_and_sends_nothing(qtbot, demo_with_api) -> None:
    window, clock, db, _api = demo_with_api
    answer_call(qtbot, window, clock)
    type_in(qtbot, window.form.subject, "Openingstijden")
    type_in(qtbot, window.form.question, "Hoe laat gaat het stadhuis open?")
    ctrl(qtbot, window, Qt.Key.Key_K)
    assert not window.form.isEnabled()
    assert window.form.status.text() == "Geteld. Dit gesprek wordt niet met persoonsgegevens geregistreerd."
    clock.advance(30.0)
    press(qtbot, window, Qt.Key.Key_F4)
    qtbot.waitUntil(lambda: len(recent_calls(db)) == 1)
    [call] = recent_calls(db)
    assert (call.number, call.display_name) == ("", "")
    assert call.talk_seconds == pytest.approx(30.0)
    registration = get_registration(db, call.call_id)
    assert registration.count_only and registration.subject == "Openingstijden"
    assert (registration.caller_id, registration.question, registration.answer) == (None, "", "")
    assert not window.form.isEnabled()  # the hang-up opens no form for a counted call
    assert store.counts(db) == {store.PENDING: 0, store.DELIVERED: 0, store.PARKED: 0}
    assert open_drafts(db) == []


def test_a_new_call_keeps_the_open_registration_and_ctrl_l_reopens_it(qtbot, demo) -> None:
    window, clock, db = demo
    answer_call(qtbot, window, clock)
    type_in(qtbot, window.form.question, "Eerste vraag")
    hang_up(qtbot, window, clock)
    first = window.form.call_id
    answer_call(qtbot, window, clock, caller_key=Qt.Key.Key_F7)  # the next caller, form still open
    assert window.form.call_id != first
    assert window.form.question.toPlainText() == ""
    assert "Eerste vraag" in draft_question(db)
    type_in(qtbot, window.form.subject, "afval")
    type_in(qtbot, window.form.question, "Tweede vraag")
    window.form.set_outcome(Outcome.RESOLVED)
    hang_up(qtbot, window, clock)
    ctrl(qtbot, window, Qt.Key.Key_S)
    assert window.form.status.text() == ("Registratie afgesloten. Er staat nog 1 registratie open. Ctrl+L toont haar.")
    ctrl(qtbot, window, Qt.Key.Key_L)
    dialog = window.findChild(OpenRegistrations)
    qtbot.waitUntil(lambda: dialog is not None and dialog.isVisible())
    qtbot.keyClick(dialog.list, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.form.call_id == first)
    assert window.form.question.toPlainText() == "Eerste vraag"
    assert window.form.after_call.isVisible()
