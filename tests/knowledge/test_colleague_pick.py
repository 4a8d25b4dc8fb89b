"""A warm transfer or a callback names a colleague: the agent types what the
caller needs, and the colleagues who handle it are offered; the one picked
by keys is who the registration names."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from tests.support.demo_window import answer_call, press

pytestmark = pytest.mark.gui


def test_a_colleague_is_picked_by_what_they_handle(qtbot, demo) -> None:
    window, clock, _db = demo
    answer_call(qtbot, window, clock, after=2.0)
    form = window.form
    form.outcome.setFocus()
    for _step in range(3):  # (choose), answered directly, referred, transferred warm
        press(qtbot, form.outcome, Qt.Key.Key_Down)
    assert form.outcome.currentText() == "Warm doorverbonden met een collega"
    press(qtbot, form.outcome, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is form.detail
    qtbot.keyClicks(form.detail, "grofvuil")
    popup = form.detail.completer().popup()
    qtbot.waitUntil(popup.isVisible)
    offered = [popup.model().index(row, 0).data() for row in range(popup.model().rowCount())]
    assert offered[0].startswith("Joost de Wit · coördinator inzameling · containers, grofvuil")
    qtbot.keyClick(popup, Qt.Key.Key_Down)  # the open list has the keyboard
    qtbot.keyClick(popup, Qt.Key.Key_Return)
    assert form.detail.text() == "Joost de Wit"  # the name, not the whole line
    qtbot.waitUntil(lambda: window.services.registrations.entry.detail == "Joost de Wit")


def test_the_scripts_colleague_field_offers_them_too(qtbot, demo) -> None:
    """Phase 3 of the script: Alt+2 (a warm transfer) asks which colleague; typed there, the same offer."""
    window, clock, _db = demo
    answer_call(qtbot, window, clock, after=2.0)
    chooser = window.script.branches
    for _phase in range(2):
        press(qtbot, window, Qt.Key.Key_Right, Qt.KeyboardModifier.AltModifier)  # to phase 3, actie
    press(qtbot, window, Qt.Key.Key_2, Qt.KeyboardModifier.AltModifier)  # handled by a warm transfer
    qtbot.waitUntil(lambda: QApplication.focusWidget() is chooser.detail)
    qtbot.keyClicks(chooser.detail, "scootmobiel")
    popup = chooser.detail.completer().popup()
    qtbot.waitUntil(popup.isVisible)
    assert popup.model().index(0, 0).data().startswith("Anouk Visser · Wmo-consulent")
    qtbot.keyClick(popup, Qt.Key.Key_Down)
    qtbot.keyClick(popup, Qt.Key.Key_Return)
    assert chooser.detail.text() == "Anouk Visser"
    qtbot.waitUntil(lambda: window.services.registrations.entry.detail == "Anouk Visser")
