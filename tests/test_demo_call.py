"""One whole call in the demo, driven through the real widgets by keys.

The clock is a manual one so that the test can let the phone ring for
seconds without waiting for them.
"""

from __future__ import annotations

from datetime import datetime

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from kccdesk.app.window import create_window
from kccdesk.app.workstation import prepare
from kccdesk.config.paths import default_profile
from kccdesk.core.clock import ManualClock
from kccdesk.core.line import EndReason
from kccdesk.core.registration import Outcome
from kccdesk.store.calls import recent_calls
from kccdesk.store.registrations import get_registration
from tests.support.demo_window import headline, press

pytestmark = pytest.mark.gui


def test_known_resident_call_from_ring_to_registration(qtbot, demo):
    window, clock, db = demo
    press(qtbot, window, Qt.Key.Key_F6)  # demo: a resident calls
    qtbot.waitUntil(lambda: headline(window) == "Gaat over: 1 van 3")
    assert window.ring.property("status") == "within_norm"
    # the record and the opening are there before the agent answers
    assert window.caller.name.text() == "mevrouw De Vries"
    assert window.caller.number.text() == "06 12345678"
    assert window.script.prompt_texts()[0] == "Goedemorgen, gemeente Voorbeeldstad."

    clock.advance(5.0)
    qtbot.waitUntil(lambda: headline(window) == "Gaat over: 2 van 3")
    clock.advance(5.0)
    qtbot.waitUntil(lambda: headline(window) == "Gaat over: 3 van 3")
    assert window.ring.property("status") == "last_ring"
    assert window.ring.detail.text() == "Laatste keer binnen de norm: neem nu op"

    clock.advance(1.5)
    press(qtbot, window, Qt.Key.Key_F2)  # answer
    qtbot.waitUntil(lambda: headline(window).startswith("In gesprek"))
    assert window.ring.detail.text() == "Opgenomen na 3 keer overgaan"
    assert window.script.phase_title.text() == "Fase 1: Aanvang"
    assert "Spreek ik met mevrouw De Vries?" in window.script.prompt_texts()
    assert window.form.isEnabled()

    # walk the four phases by keyboard, one back, and forward again
    for title in ("Fase 2: Analyse", "Fase 3: Actie", "Fase 4: Afsluiting"):
        press(qtbot, window, Qt.Key.Key_Right, Qt.KeyboardModifier.AltModifier)
        assert window.script.phase_title.text() == title
    press(qtbot, window, Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)
    assert window.script.phase_title.text() == "Fase 3: Actie"
    press(qtbot, window, Qt.Key.Key_Right, Qt.KeyboardModifier.AltModifier)
    assert "Kan ik u nog ergens anders mee van dienst zijn?" in window.script.prompt_texts()

    # the registration, typed during the call
    window.form.subject.setFocus()
    qtbot.keyClicks(window.form.subject, "Paspoort aanvragen")
    press(qtbot, window, Qt.Key.Key_Tab)
    qtbot.keyClicks(QApplication.focusWidget(), "Wat kost een paspoort?")
    press(qtbot, window, Qt.Key.Key_Tab)
    qtbot.keyClicks(QApplication.focusWidget(), "Tarief genoemd en afspraak gemaakt.")
    press(qtbot, window, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is window.form.outcome
    press(qtbot, window, Qt.Key.Key_Down)
    assert window.form.outcome.currentText() == "Direct beantwoord"

    clock.advance(95.0)
    press(qtbot, window, Qt.Key.Key_F4)  # hang up
    qtbot.waitUntil(lambda: headline(window) == "Gesprek beëindigd · 1:35")
    # the caller's record stays on screen for the after-call work
    assert window.caller.name.text() == "mevrouw De Vries"

    [call] = recent_calls(db)
    assert call.answered
    assert call.rings == 3
    assert call.answer_delay == pytest.approx(11.5)
    assert call.talk_seconds == pytest.approx(95.0)
    assert call.end_reason is EndReason.AGENT_HUNG_UP
    assert call.agent == "Sanne"
    registration = get_registration(db, call.call_id)
    assert registration.subject == "Paspoort aanvragen"
    assert registration.question == "Wat kost een paspoort?"
    assert registration.answer == "Tarief genoemd en afspraak gemaakt."
    assert registration.outcome is Outcome.RESOLVED
    assert registration.caller_id is not None

    # after-call work: still editable, Ctrl+S closes it
    window.form.answer.setFocus()
    qtbot.keyClicks(window.form.answer, " Bevestiging per post.")
    press(qtbot, window, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert get_registration(db, call.call_id).answer.endswith("Bevestiging per post.")
    assert not window.form.isEnabled()


@pytest.mark.parametrize("demo", [datetime(2026, 11, 23, 14, 0)], indirect=True)
def test_afternoon_call_gets_the_afternoon_greeting(qtbot, demo):
    window, _clock, _db = demo
    press(qtbot, window, Qt.Key.Key_F6)
    qtbot.waitUntil(lambda: window.script.prompt_texts()[:1] == ["Goedemiddag, gemeente Voorbeeldstad."])


def test_over_the_norm_turns_red(qtbot, demo):
    window, clock, _db = demo
    press(qtbot, window, Qt.Key.Key_F7)  # a business calls
    clock.advance(15.0)
    qtbot.waitUntil(lambda: headline(window) == "Gaat over: 4 van 3")
    assert window.ring.property("status") == "over_norm"
    assert window.caller.kind.text() == "Ondernemer: Bakkerij Van Dijk"
    assert window.caller.name.text() == "meneer Van Dijk"


def test_missed_call_is_stored_without_registration(qtbot, demo):
    window, clock, db = demo
    press(qtbot, window, Qt.Key.Key_F8)  # an unknown number calls
    qtbot.waitUntil(lambda: window.caller.name.text() == "Onbekend nummer")
    assert "Mag ik uw naam?" in window.script.prompt_texts()
    clock.advance(21.0)
    press(qtbot, window, Qt.Key.Key_F12)  # the caller gives up
    qtbot.waitUntil(lambda: headline(window) == "Gemiste oproep")
    [call] = recent_calls(db)
    assert not call.answered and call.rings == 5
    assert call.end_reason is EndReason.CALLER_GAVE_UP
    assert get_registration(db, call.call_id) is None
    assert not window.form.isEnabled()


def test_withheld_number(qtbot, demo):
    window, _clock, _db = demo
    press(qtbot, window, Qt.Key.Key_F9)
    qtbot.waitUntil(lambda: window.caller.name.text() == "Nummer afgeschermd")
    assert window.caller.number.text() == ""


def test_every_action_has_a_shortcut_in_the_menus(demo):
    window, _clock, _db = demo
    actions = [a for menu in window.menuBar().actions() for a in menu.menu().actions()]
    assert len(actions) >= 13
    assert all(not a.shortcut().isEmpty() for a in actions)
    keys = {a.shortcut().toString() for a in actions}
    assert {"F2", "F4", "Alt+Right", "Alt+Left", "Ctrl+S"} <= keys


def test_caller_gives_up_by_themselves_after_waiting(qtbot, demo):
    window, _clock, db = demo
    window.demo.line._give_up_after = 0.05  # the demo's caller waits 45 s
    press(qtbot, window, Qt.Key.Key_F6)
    qtbot.waitUntil(lambda: headline(window) == "Gemiste oproep")
    assert recent_calls(db)[0].end_reason is EndReason.CALLER_GAVE_UP


def test_a_closed_window_is_not_called_by_a_pending_caller(qtbot):
    """The simulated caller gives up on a timer; once the window is gone,
    that timer must not reach into it."""
    workstation = prepare(default_profile().demo(), demo=True)
    window = create_window(workstation, ManualClock(datetime(2026, 11, 23, 10, 15)), demo=True)
    line = window.demo.line
    line._give_up_after = 0.05
    line.ring_in(window.demo.callers.resident())
    window.deleteLater()
    with qtbot.captureExceptions() as exceptions:
        qtbot.wait(300)  # well past the give-up delay: nothing may fire
    workstation.db.close()
    assert exceptions == []
    assert list(line._calls.values()) == ["ringing"]  # the timer died with the window


def test_a_caller_waiting_during_a_call_is_shown_and_taken_with_one_key(qtbot, demo):
    window, clock, _db = demo
    press(qtbot, window, Qt.Key.Key_F6)  # a resident calls
    press(qtbot, window, Qt.Key.Key_F2)
    qtbot.waitUntil(lambda: headline(window).startswith("In gesprek"))
    assert not window.other_calls.isVisible()

    press(qtbot, window, Qt.Key.Key_F8)  # while talking, an unknown number calls
    qtbot.waitUntil(window.other_calls.isVisible)
    assert window.other_calls.title.text() == "Beller wacht"
    clock.advance(5.0)
    qtbot.waitUntil(lambda: "wacht · 2 keer overgegaan" in window.other_calls.lines.text())
    assert headline(window).startswith("In gesprek")  # the first caller stays on screen

    press(qtbot, window, Qt.Key.Key_F5)

    qtbot.waitUntil(lambda: window.caller.name.text() == "Onbekend nummer")
    assert headline(window).startswith("In gesprek")
    assert window.other_calls.title.text() == "In de wacht"
    assert "staat in de wacht" in window.other_calls.lines.text()
    assert window.caller.name.text() not in window.other_calls.lines.text()


def test_a_waiting_caller_can_be_declined(qtbot, demo):
    window, _clock, db = demo
    press(qtbot, window, Qt.Key.Key_F6)
    press(qtbot, window, Qt.Key.Key_F2)
    press(qtbot, window, Qt.Key.Key_F7)  # a business calls while the agent talks
    qtbot.waitUntil(window.other_calls.isVisible)

    press(qtbot, window, Qt.Key.Key_F4, Qt.KeyboardModifier.ShiftModifier)

    qtbot.waitUntil(lambda: not window.other_calls.isVisible())
    assert window.caller.name.text() == "mevrouw De Vries"
    assert [call.answered for call in recent_calls(db)] == [False]


def test_switching_between_two_callers_keeps_what_was_typed_for_each(qtbot, demo):
    window, _clock, _db = demo
    press(qtbot, window, Qt.Key.Key_F6)
    press(qtbot, window, Qt.Key.Key_F2)
    qtbot.waitUntil(lambda: headline(window).startswith("In gesprek"))
    window.form.question.setFocus()
    qtbot.keyClicks(window.form.question, "Wanneer is het stembureau open?")
    press(qtbot, window, Qt.Key.Key_F8)  # a second caller waits
    qtbot.waitUntil(window.other_calls.isVisible)

    press(qtbot, window, Qt.Key.Key_F5)  # take the waiting caller
    qtbot.waitUntil(lambda: window.caller.name.text() == "Onbekend nummer")
    assert window.form.question.toPlainText() == ""
    window.form.question.setFocus()
    qtbot.keyClicks(window.form.question, "Hoe vraag ik een parkeervergunning aan?")

    press(qtbot, window, Qt.Key.Key_F5)  # back to the first caller
    qtbot.waitUntil(lambda: window.caller.name.text() == "mevrouw De Vries")
    qtbot.waitUntil(lambda: window.form.question.toPlainText() == "Wanneer is het stembureau open?")
    press(qtbot, window, Qt.Key.Key_F5)
    qtbot.waitUntil(lambda: window.form.question.toPlainText() == "Hoe vraag ik een parkeervergunning aan?")
