"""The window's size and layout, driven by keys through whole demo calls:
it opens within the screen, at the text size of the settings and at the
system's 200 % alike; every panel reflows instead of cutting text; and
nothing a call shows (the phase 3 choices, a caller's 2 kB display name)
makes the window grow."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import datetime

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel, QPlainTextEdit, QScrollArea

from kccdesk.config.paths import default_profile
from kccdesk.config.settings import save_settings
from kccdesk.core.line import CallerId
from kccdesk.demo.people import demo_settings
from tests.support.demo_window import headline, open_demo, press

pytestmark = pytest.mark.gui
ALT, CTRL = Qt.KeyboardModifier.AltModifier, Qt.KeyboardModifier.ControlModifier
MORNING = datetime(2026, 11, 23, 10, 15)


def screen(name: str):
    return next(s for s in QApplication.screens() if s.name() == name)


def with_text_size(percent: int) -> None:
    """The demo's settings file with this text size, as an agent would set it."""
    settings = demo_settings()
    workstation = settings.workstation.model_copy(update={"text_size": percent})
    save_settings(default_profile().demo().settings_file, settings.model_copy(update={"workstation": workstation}))


@pytest.fixture(params=["text size 200 % in the settings", "the system's text at 200 %"])
def large_text(qtbot, request) -> Iterator:
    """The demo window on a 1920x1080 screen with text at 200 %: by the
    setting, or by the system (a font DPI of 192, which Qt scales by 2)."""
    if request.param.startswith("text size"):
        with_text_size(200)
        on = screen("agent")
    else:
        on = screen("agent-200")
    window, clock, workstation = open_demo(qtbot, MORNING, screen=on)
    yield window, clock
    workstation.db.close()


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


def check_laid_out(window) -> None:
    """The caller's name and what to say: every line whole, the first in sight."""
    prompts = window.script.prompts
    assert prompts, "the phase panel shows what to say"
    assert fully_in_sight(prompts[0])
    for label in (window.caller.name, *prompts):
        assert shows_all_text(label), label.text()
    assert fully_in_sight(window.caller.name)


def usable_box(box: QPlainTextEdit) -> bool:
    """Room for at least three lines."""
    return box.viewport().height() >= 3 * box.fontMetrics().lineSpacing()


def check_usable(qtbot, window, size) -> None:
    available = window.screen().availableGeometry()
    assert available.contains(window.frameGeometry()), (window.frameGeometry(), available)
    assert window.size() == size  # nothing the call shows resizes the window
    qtbot.waitUntil(lambda: check_laid_out(window))  # what a key changed is laid out on the next turn of the loop
    for panel in window.findChildren(QScrollArea):  # no panel wider than its share of the window
        assert not panel.horizontalScrollBar().isVisible(), panel.widget().objectName()
    form = window.form
    assert usable_box(form.question) and usable_box(form.answer)
    assert not form.question.geometry().intersects(form.answer.geometry())


def test_at_200_percent_the_window_fits_the_screen_and_every_panel_stays_usable(qtbot, large_text):
    window, clock = large_text
    qtbot.waitUntil(lambda: window.screen().availableGeometry().contains(window.frameGeometry()))
    size = window.size()

    press(qtbot, window, Qt.Key.Key_F6)  # demo: a resident calls
    qtbot.waitUntil(lambda: window.caller.name.text() == "mevrouw De Vries")
    check_usable(qtbot, window, size)
    clock.advance(6.0)
    press(qtbot, window, Qt.Key.Key_F2)
    qtbot.waitUntil(lambda: headline(window).startswith("In gesprek"))
    check_usable(qtbot, window, size)

    qtbot.keyClicks(QApplication.focusWidget(), "Grofvuil")  # the subject has the focus
    press(qtbot, window, Qt.Key.Key_Right, ALT)  # analysis
    check_usable(qtbot, window, size)
    press(qtbot, window, Qt.Key.Key_3, ALT)  # phase 3: a callback request, the most to read
    qtbot.keyClicks(QApplication.focusWidget(), "Team Afval en Reiniging")
    assert fully_in_sight(window.script.branches.detail)  # where the agent types
    check_usable(qtbot, window, size)
    press(qtbot, window, Qt.Key.Key_Right, ALT)  # closing
    check_usable(qtbot, window, size)

    clock.advance(80.0)
    press(qtbot, window, Qt.Key.Key_F4)
    qtbot.waitUntil(lambda: headline(window).startswith("Gesprek beëindigd"))
    press(qtbot, window, Qt.Key.Key_S, CTRL)  # the question is missing: its box gets the focus
    assert QApplication.focusWidget() is window.form.question
    qtbot.waitUntil(lambda: fully_in_sight(window.form.question))
    check_usable(qtbot, window, size)


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


def test_the_script_panel_scrolls_by_keys_and_the_focus_stays_where_it_was(qtbot, large_text):
    window, clock = large_text
    window.resize(window.width(), window.minimumSizeHint().height())  # a low window: the script is taller
    press(qtbot, window, Qt.Key.Key_F6)
    clock.advance(6.0)
    press(qtbot, window, Qt.Key.Key_F2)
    qtbot.waitUntil(lambda: headline(window).startswith("In gesprek"))
    bar = window.script_scroll.verticalScrollBar()
    qtbot.waitUntil(lambda: bar.maximum() > 0)
    typing_in = QApplication.focusWidget()

    press(qtbot, window, Qt.Key.Key_PageDown, ALT)
    assert bar.value() == min(bar.pageStep(), bar.maximum())
    press(qtbot, window, Qt.Key.Key_PageUp, ALT)
    assert bar.value() == 0
    assert QApplication.focusWidget() is typing_in  # the agent types on where they were
