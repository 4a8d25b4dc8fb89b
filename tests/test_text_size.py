"""The text size, chosen by keys in the window (Ctrl++, Ctrl+-, Ctrl+0):
every text grows at once, the window stays as it is, and the size is kept
in the settings file for the next start, unless the supervisor locked it."""

from __future__ import annotations

from datetime import datetime

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import QApplication

from kccdesk.config.paths import default_profile
from kccdesk.config.settings import SupervisorSettings, load_settings, save_settings
from kccdesk.demo.people import demo_settings
from tests.support.demo_window import open_demo, press

pytestmark = pytest.mark.gui
CTRL = Qt.KeyboardModifier.ControlModifier


def system_points() -> float:
    return QFontDatabase.systemFont(QFontDatabase.SystemFont.GeneralFont).pointSizeF()


def kept_size() -> int:
    return load_settings(default_profile().demo().settings_file).workstation.text_size


def test_larger_and_smaller_text_by_keys_is_shown_at_once_and_kept(qtbot, demo):
    window, _clock, _db = demo
    size = window.size()
    prompt = window.script.prompts[0]
    before = prompt.fontInfo().pixelSize()

    press(qtbot, window, Qt.Key.Key_Plus, CTRL)
    press(qtbot, window, Qt.Key.Key_Plus, CTRL)

    assert QApplication.font().pointSizeF() == pytest.approx(1.5 * system_points())
    assert prompt.fontInfo().pixelSize() >= 1.4 * before  # the style sheet's sizes grow with it
    assert window.statusBar().currentMessage() == "Tekstgrootte: 150 %"
    assert kept_size() == 150
    assert window.size() == size

    press(qtbot, window, Qt.Key.Key_Minus, CTRL)
    assert kept_size() == 125
    press(qtbot, window, Qt.Key.Key_0, CTRL)
    assert kept_size() == 100
    assert QApplication.font().pointSizeF() == pytest.approx(system_points())
    assert prompt.fontInfo().pixelSize() == before


def test_a_text_size_the_supervisor_locked_stays(qtbot):
    settings = demo_settings().model_copy(update={"supervisor": SupervisorSettings(locked=["workstation.text_size"])})
    save_settings(default_profile().demo().settings_file, settings)
    window, _clock, workstation = open_demo(qtbot, datetime(2026, 11, 23, 10, 15))

    press(qtbot, window, Qt.Key.Key_Plus, CTRL)

    assert window.statusBar().currentMessage().endswith(": workstation.text_size")  # locked, it says
    assert QApplication.font().pointSizeF() == pytest.approx(system_points())
    assert kept_size() == 100
    workstation.db.close()
