"""Every Alt-letter does one thing: in each state of the window (idle,
ringing, each phase and phase 3 branch, after the call, trainee mode, the
demo and a real line), in Dutch and in English, no two menus or fields share
a letter, and every field has one; nor in the dashboard opened from it."""

from __future__ import annotations

from datetime import datetime

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog

from tests.support.demo_window import open_demo, press
from tests.support.mnemonics import clashes, fields_without_letter, menu_clashes
from tests.support.window_states import window_states

pytestmark = pytest.mark.gui
MORNING = datetime(2026, 11, 23, 10, 15)


@pytest.mark.parametrize("demo", [True, False], ids=["demo", "real line"])
@pytest.mark.parametrize("language", ["nl", "en"])
def test_no_two_menus_or_fields_share_an_alt_letter_in_any_state(qtbot, language, demo):
    window, clock, workstation = open_demo(qtbot, MORNING, language=language, demo=demo)
    try:
        assert menu_clashes(window) == {}
        found = {}
        for state in window_states(qtbot, window, clock):
            if clash := clashes(window):
                found[state] = clash
            if missing := fields_without_letter(window):
                found[state + ": fields without a letter"] = missing
        press(qtbot, window, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
        qtbot.waitUntil(lambda: isinstance(QApplication.activeWindow(), QDialog))
        dashboard = QApplication.activeWindow()
        if clash := clashes(dashboard):
            found["dashboard"] = clash
        assert found == {}
    finally:
        workstation.db.close()


@pytest.mark.parametrize(
    ("language", "key", "field"), [("nl", Qt.Key.Key_F, "outcome"), ("en", Qt.Key.Key_A, "answer")], ids=["nl", "en"]
)
def test_an_alt_letter_takes_the_agent_to_its_field(qtbot, language, key, field):
    """In a call: Alt+F goes to the outcome (Afhandeling, whose H is Help's),
    Alt+A in English to the answer."""
    window, _clock, workstation = open_demo(qtbot, MORNING, language=language)
    try:
        press(qtbot, window, Qt.Key.Key_F6)
        press(qtbot, window, Qt.Key.Key_F2)
        assert QApplication.focusWidget() is window.form.subject

        press(qtbot, window, key, Qt.KeyboardModifier.AltModifier)

        assert QApplication.focusWidget() is getattr(window.form, field)
    finally:
        workstation.db.close()
