"""F1: the keys in a table (key beside what it does), grouped, Ctrl+1 … 9 as
one row, the demo's keys marked, filtered as the agent types, closed with Esc;
made from the same list of keys the window binds."""

from __future__ import annotations

from datetime import datetime

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QApplication

from kccdesk.ui.shortcut_list import ShortcutList
from tests.support.demo_window import open_demo, press

pytestmark = pytest.mark.gui
GROUPS = [
    "Gesprek",
    "Fasen en belscript",
    "Registratie",
    "Gegevens van de beller",
    "Kennis",
    "Venster",
    "Demo (alleen in de demo, om te oefenen)",
]


def open_list(qtbot, window) -> ShortcutList:
    press(qtbot, window, Qt.Key.Key_F1)
    qtbot.waitUntil(lambda: isinstance(QApplication.activeWindow(), ShortcutList))
    return QApplication.activeWindow()


def shown(keys: str) -> str:
    return QKeySequence(keys).toString(QKeySequence.SequenceFormat.NativeText)


def titles(rows: list[tuple[str, str]]) -> list[str]:
    return [key for key, text in rows if not text]


def test_f1_shows_each_key_beside_what_it_does_in_groups(qtbot, demo):
    window, _clock, _db = demo

    shortcuts = open_list(qtbot, window)

    rows = shortcuts.shown()
    assert titles(rows) == GROUPS
    assert ("Ctrl+Shift+T", "Terug naar de beller") in rows
    assert ("Ctrl+N", "Nieuws en werkinstructies") in rows
    assert (shown("Alt+Right"), "Volgende fase") in rows  # Alt+Pijl rechts, where Qt speaks Dutch
    assert ("Ctrl+1 … Ctrl+9", "Punt 1 … 9 van de checklist afvinken (nog een keer: weer open)") in rows
    assert not [key for key, _text in rows if key in {f"Ctrl+{n}" for n in range(1, 10)}]
    assert not [text for _key, text in rows if "&" in text]
    demo_rows = rows[rows.index((GROUPS[-1], "")) + 1 :]
    assert [key for key, _text in demo_rows] == ["F6", "F7", "F8", "F9", "F11", "F12"]
    assert QApplication.focusWidget() is shortcuts.search  # ready to type


def test_the_list_holds_every_key_the_window_binds_and_no_other(qtbot, demo):
    window, _clock, _db = demo
    bound = {
        action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
        for action in window.findChildren(QAction)
        if not action.shortcut().isEmpty()
    }

    listed = set()
    for key, text in open_list(qtbot, window).shown():
        if text:
            first, _dots, last = key.partition(" … ")
            listed |= {f"Ctrl+{n}" for n in range(1, 10)} if last else {first}

    assert listed == bound


def test_typing_filters_the_list_and_esc_closes_it(qtbot, demo):
    window, _clock, _db = demo
    shortcuts = open_list(qtbot, window)

    qtbot.keyClicks(QApplication.focusWidget(), "terug")

    rows = shortcuts.shown()
    assert [key for key, text in rows if text] == ["Ctrl+Shift+T", "Alt+3"]  # back to the caller; callback request
    assert all("terug" in text.casefold() for _key, text in rows if text)
    assert titles(rows) == ["Gesprek", "Fasen en belscript"]

    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(QApplication.focusWidget(), "ctrl+s")  # a key, as it is written
    keys = [key for key, text in shortcuts.shown() if text]
    assert keys == ["Ctrl+Shift+T", "Ctrl+Shift+K", "Ctrl+Shift+L", "Ctrl+S", "Ctrl+Shift+O", "Ctrl+Shift+D"]

    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(QApplication.focusWidget(), "oefenen")  # the demo's group
    assert titles(shortcuts.shown()) == [GROUPS[-1]]
    assert len(shortcuts.shown()) == 7

    qtbot.keyClicks(QApplication.focusWidget(), "xyz")
    assert shortcuts.shown() == []
    assert shortcuts.none_found.isVisible()

    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not shortcuts.isVisible())


def test_typing_in_the_table_goes_on_in_the_search(qtbot, demo):
    window, _clock, _db = demo
    shortcuts = open_list(qtbot, window)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is shortcuts.table

    qtbot.keyClicks(QApplication.focusWidget(), "F12")

    assert shortcuts.search.text() == "F12"
    assert [row for row in shortcuts.shown() if row[1]] == [("F12", "De beller hangt op")]


def test_a_window_on_a_real_line_lists_no_demo_keys(qtbot):
    window, _clock, workstation = open_demo(qtbot, datetime(2026, 11, 23, 10, 15), demo=False)
    try:
        rows = open_list(qtbot, window).shown()
        assert titles(rows) == GROUPS[:-1]
        assert "F6" not in [key for key, _text in rows]
    finally:
        workstation.db.close()
