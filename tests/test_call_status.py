"""Mute and warm transfer in the demo window, driven by keys: the status bar
says what happens. The simulated colleague answers after 2 s (a real timer)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QInputDialog, QLineEdit

from kccdesk.core.line import EndReason
from kccdesk.core.registration import Outcome
from tests.support.demo_window import answer_call, headline, press

pytestmark = pytest.mark.gui


def answered(qtbot, window, clock):
    answer_call(qtbot, window, clock)
    return window.desk.current


def test_mute_with_ctrl_m_shows_the_microphone_off(qtbot, demo):
    window, clock, _db = demo
    answered(qtbot, window, clock)
    window.form.question.setFocus()  # typing in the form, as during a call
    press(qtbot, window, Qt.Key.Key_M, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: window.call_status.text() == "Microfoon uit")
    assert window.form.question.toPlainText() == ""
    press(qtbot, window, Qt.Key.Key_M, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: window.call_status.text() == "")


def test_warm_transfer_by_keys(qtbot, demo):
    window, clock, _db = demo
    call = answered(qtbot, window, clock)
    press(qtbot, window, Qt.Key.Key_T, Qt.KeyboardModifier.ControlModifier)
    dialog = window.findChild(QInputDialog, "colleagueNumber")
    qtbot.waitUntil(lambda: dialog is not None and dialog.isVisible())
    qtbot.waitUntil(
        lambda: isinstance(QApplication.focusWidget(), QLineEdit) and QApplication.focusWidget().window() is dialog
    )
    qtbot.keyClicks(QApplication.focusWidget(), "020 123 4567")
    press(qtbot, window, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.call_status.text() == "De collega wordt gebeld…")
    assert window.desk.consultation.target == "020 123 4567"
    window.activateWindow()  # the dialog has closed
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    assert call.state.name == "ON_HOLD"
    qtbot.waitUntil(lambda: window.call_status.text().startswith("In gesprek met de collega"), timeout=5000)
    press(qtbot, window, Qt.Key.Key_T, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: window.call_status.text() == "De beller is doorverbonden")
    assert call.end_reason is EndReason.TRANSFERRED
    assert headline(window).startswith("Gesprek beëindigd")


def test_a_colleague_who_does_not_answer_turns_the_call_into_a_callback_request(qtbot, demo):
    window, clock, _db = demo
    call = answered(qtbot, window, clock)
    press(qtbot, window, Qt.Key.Key_F11)  # demo: colleagues are absent
    assert window.call_status.text() == "Demo: collega's zijn afwezig"
    press(qtbot, window, Qt.Key.Key_2, Qt.KeyboardModifier.AltModifier)  # Warm doorverbinden, with whom
    qtbot.keyClicks(window.script.branches.detail, "Jan Smit")
    press(qtbot, window, Qt.Key.Key_T, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: window.findChild(QInputDialog, "colleagueNumber") is not None)
    dialog = window.findChild(QInputDialog, "colleagueNumber")
    qtbot.waitUntil(
        lambda: isinstance(QApplication.focusWidget(), QLineEdit) and QApplication.focusWidget().window() is dialog
    )
    qtbot.keyClicks(QApplication.focusWidget(), "020 123 4567")
    press(qtbot, window, Qt.Key.Key_Return)

    qtbot.waitUntil(
        lambda: window.call_status.text() == "De collega neemt niet op: ga verder met een terugbelverzoek", timeout=5000
    )
    assert call.state.name == "TALKING"  # back with the caller
    assert window.form.outcome.currentData() is Outcome.CALLBACK_REQUEST
    assert window.form.detail.text() == "Jan Smit"
    assert window.script.prompt_texts()[0] == (
        "Het spijt me mevrouw De Vries. Jan Smit is momenteel niet bereikbaar. Ik zorg ervoor dat u wordt teruggebeld."
    )


def send_keys(qtbot, window, text):
    window.activateWindow()  # back from an earlier dialog
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    press(qtbot, window, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    qtbot.waitUntil(lambda: window.findChild(QInputDialog, "keypadDigits") is not None)
    dialog = window.findChild(QInputDialog, "keypadDigits")
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None and QApplication.focusWidget().window() is dialog)
    qtbot.keyClicks(QApplication.focusWidget(), text)
    press(qtbot, window, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.findChild(QInputDialog, "keypadDigits") is None)


def test_keypad_tones_go_into_the_call_and_other_keys_are_refused(qtbot, demo):
    window, clock, _db = demo
    call = answered(qtbot, window, clock)

    send_keys(qtbot, window, "12#9")
    assert window.demo.line.dtmf_sent == [(call.call_id, "12#9")]
    assert window.call_status.text() == "Verstuurd: 12#9"

    send_keys(qtbot, window, "12x")
    assert window.demo.line.dtmf_sent == [(call.call_id, "12#9")]
    assert window.call_status.text() == '"12x" zijn geen toetsen van het toetsenblok (0-9, *, #, A-D)'
