"""What a person with a screen reader or weaker eyes needs, in every state of
the window: every control has a name, every text and placeholder stands out
from its background by 4.5:1 and the ring dots by 3:1 (WCAG 2.1 AA, with the
colours of resources/style.qss), and a phase done shows by more than colour."""

from __future__ import annotations

from datetime import datetime

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QAccessible, QColor, QImage, QPalette
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractScrollArea,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QDialog,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)

from kccdesk import resource_path
from kccdesk.core.phases import Phase
from tests.support.contrast import NON_TEXT, TEXT, over, ratio, sheet_pairs, text_contrast
from tests.support.demo_window import open_demo, press
from tests.support.window_states import window_states

pytestmark = pytest.mark.gui
MORNING = datetime(2026, 11, 23, 10, 15)


@pytest.fixture
def window_in_dutch(qtbot):
    window, clock, workstation = open_demo(qtbot, MORNING)
    yield window, clock
    workstation.db.close()


def test_every_control_in_every_state_has_a_name(qtbot, window_in_dutch):
    window, clock = window_in_dutch
    nameless = {}
    for state in window_states(qtbot, window, clock):
        if found := unnamed(window):
            nameless[state] = found
    for name, key, modifiers in (
        ("keyboard shortcuts", Qt.Key.Key_F1, Qt.KeyboardModifier.NoModifier),
        ("open registrations", Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier),
        ("dashboard", Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier),
    ):
        press(qtbot, window, key, modifiers)
        qtbot.waitUntil(lambda: isinstance(QApplication.activeWindow(), QDialog))
        dialog = QApplication.activeWindow()
        if found := unnamed(dialog):
            nameless[name] = found
        dialog.close()
        window.activateWindow()
        qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    assert nameless == {}


def test_every_text_and_placeholder_in_every_state_stands_out_from_its_background(qtbot, window_in_dutch):
    """Every text the style sheet colours, on its background (shown or not in
    the states walked: a notice, a ring's status), and every text and
    placeholder shown in each state, with the colours Qt paints it in."""
    sheet = resource_path("style.qss").read_text(encoding="utf-8")
    faint = {
        selector: f"{ratio(colour, behind):.2f}"
        for selector, colour, behind in sheet_pairs(sheet)
        if ratio(colour, behind) < TEXT
    }
    window, clock = window_in_dutch
    for state in window_states(qtbot, window, clock):
        if found := low_contrast(window):
            faint[state] = found
    assert faint == {}


def test_the_ring_dots_stand_out_and_a_ring_rung_is_filled(qtbot, window_in_dutch):
    """Against the ring frame's colour of each state: a dot to come is an open
    circle, a dot rung a filled one, each 3:1 or more."""
    window, clock = window_in_dutch
    seen = set()
    for state in window_states(qtbot, window, clock):
        if not state.startswith(("idle", "ringing", "in call, phase 1")):
            continue
        image = window.grab().toImage()
        for pip in window.ring.pips:
            if not pip.isVisible():
                continue
            lit = pip.property("lit")
            centre, edge, behind = (
                _pixel(image, pip.mapTo(window, point))
                for point in (pip.rect().center(), QPoint(1, pip.height() // 2), QPoint(-3, pip.height() // 2))
            )
            mark = centre if lit else edge
            assert ratio(mark, behind) >= NON_TEXT, (state, lit, mark.name(), behind.name())
            assert (ratio(centre, behind) >= NON_TEXT) == lit, (state, lit, centre.name(), behind.name())
            seen.add(lit)
    assert seen == {True, False}


def test_a_phase_done_is_ticked_not_only_coloured(qtbot, demo):
    window, _clock, _db = demo
    press(qtbot, window, Qt.Key.Key_F6)
    press(qtbot, window, Qt.Key.Key_F2)
    press(qtbot, window, Qt.Key.Key_Right, Qt.KeyboardModifier.AltModifier)
    press(qtbot, window, Qt.Key.Key_Right, Qt.KeyboardModifier.AltModifier)

    steps = {phase: step.text() for phase, step in window.script.steps.items()}

    assert steps == {
        Phase.OPENING: "✓ 1  Aanvang",
        Phase.ANALYSIS: "✓ 2  Analyse",
        Phase.ACTION: "3  Actie",
        Phase.CLOSING: "4  Afsluiting",
    }
    press(qtbot, window, Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)
    assert [step.text().startswith("✓") for step in window.script.steps.values()] == [True, False, False, False]


def unnamed(window: QWidget) -> list[str]:
    """The controls one can reach with Tab in ``window`` that a screen reader
    cannot name: no accessible name, no label that is their buddy, and not
    named by their own text (a combo box's text is its choice, not its name).
    A scroll area's viewport is the scroll area (a chart, a list)."""
    labelled = {id(label.buddy()) for label in window.findChildren(QLabel) if label.buddy() and label.text()}
    found = []
    for reached in window.findChildren(QWidget):
        if not _reachable(reached, window):
            continue
        area = reached.parentWidget()
        widget = area if isinstance(area, QAbstractScrollArea) and area.viewport() is reached else reached
        if widget.accessibleName() or id(widget) in labelled:
            continue
        interface = QAccessible.queryAccessibleInterface(widget)
        own_text = interface.text(QAccessible.Text.Name) if interface is not None else ""
        if isinstance(widget, QComboBox) or not own_text:
            found.append(f"{type(widget).__name__} {widget.objectName()!r}")
    return found


def low_contrast(window: QWidget) -> list[str]:
    """The texts and placeholders shown in ``window`` below 4.5:1 against their background."""
    found = []
    for widget in window.findChildren(QWidget):
        if not (widget.isVisible() and widget.isEnabled()):
            continue
        shows_text = isinstance(widget, (QLabel, QAbstractButton)) and widget.text().strip()
        if shows_text and (contrast := text_contrast(widget)) < TEXT:
            found.append(f"{widget.objectName() or widget.text()!r}: {contrast:.2f}")
        if isinstance(widget, (QLineEdit, QPlainTextEdit)):
            palette = widget.palette()
            base = palette.color(QPalette.ColorRole.Base)
            roles = [QPalette.ColorRole.Text]
            if widget.placeholderText():
                roles.append(QPalette.ColorRole.PlaceholderText)
            for role in roles:
                if (contrast := ratio(over(palette.color(role), base), base)) < TEXT:
                    found.append(f"{widget.objectName()!r} {role.name}: {contrast:.2f}")
    return found


def _reachable(widget: QWidget, window: QWidget) -> bool:
    tab = widget.focusPolicy() & Qt.FocusPolicy.TabFocus == Qt.FocusPolicy.TabFocus
    inside = isinstance(widget.parent(), (QComboBox, QAbstractSpinBox))  # a combo box's or date field's own line
    return tab and not inside and widget.isVisible() and widget.isEnabled() and widget.window() is window


def _pixel(image: QImage, point: QPoint) -> QColor:
    return image.pixelColor(point.x(), point.y())
