"""The window's size and layout, driven by keys: every panel reflows
instead of cutting text, and nothing a call shows (the phase 3 choices, a
caller's 2 kB display name) makes the window grow."""

from __future__ import annotations

import re

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from kccdesk.core.line import CallerId
from tests.support.demo_window import headline, press

pytestmark = pytest.mark.gui
ALT = Qt.KeyboardModifier.AltModifier


def fully_in_sight(widget) -> bool:
    """Not hidden behind the edge of a panel or of the window."""
    return widget.isVisible() and widget.visibleRegion().boundingRect() == widget.rect()


def shows_all_text(label: QLabel) -> bool:
    """Whether the label has the room for all its text: no line cut at its
    right edge, no line cut off at its bottom."""
    metrics, room = label.fontMetrics(), label.contentsRect()
    if not label.wordWrap():
        return metrics.horizontalAdvance(label.text()) <= room.width() and metrics.height() <= room.height()
    longest = max(re.split(r"[\s\u200b]+", label.text()), key=metrics.horizontalAdvance)  # where a line may break
    return metrics.horizontalAdvance(longest) <= room.width() and label.heightForWidth(label.width()) <= label.height()


def test_the_phase_3_choices_do_not_widen_a_window_on_half_the_screen(qtbot, demo):
    window, _clock, _db = demo
    window.resize(960, 1000)  # snapped to the left half of the screen
    qtbot.waitUntil(lambda: window.width() == 960)
    press(qtbot, window, Qt.Key.Key_F6)
    press(qtbot, window, Qt.Key.Key_F2)
    qtbot.waitUntil(lambda: headline(window).startswith("In gesprek"))

    press(qtbot, window, Qt.Key.Key_Right, ALT)
    press(qtbot, window, Qt.Key.Key_Right, ALT)  # phase 3: how the question is handled
    assert window.script.branches.isVisible()

    steps = window.script.branches.steps.values()
    qtbot.waitUntil(lambda: all(fully_in_sight(step) and shows_all_text(step) for step in steps))  # laid out anew
    assert window.width() == 960


def test_a_2_kb_display_name_does_not_widen_the_window(qtbot, demo):
    window, _clock, _db = demo
    window.resize(1200, 760)
    qtbot.waitUntil(lambda: window.width() == 1200)
    name = "GemeentelijkeBelastingenSamenwerking" * 57  # some 2 kB without a space or a hyphen

    window.demo.line.ring_in(CallerId(name, name))  # and as the number: a line's user part can be anything
    shown = (window.caller.line_name, window.caller.number)
    qtbot.waitUntil(lambda: all(fully_in_sight(label) and shows_all_text(label) for label in shown))  # laid out
    assert window.caller.line_name.text().startswith("Naam volgens het toestel van de beller: Gemeentelijke")
    assert window.width() == 1200
    press(qtbot, window, Qt.Key.Key_F2)
    qtbot.waitUntil(lambda: headline(window).startswith("In gesprek"))
    press(qtbot, window, Qt.Key.Key_F4)  # and once the call is over, it is still as wide as before
    qtbot.waitUntil(lambda: headline(window).startswith("Gesprek beëindigd"))

    assert window.width() == 1200
