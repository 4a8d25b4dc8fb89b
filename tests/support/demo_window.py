"""The demo window for tests that drive it by keys: a fixture (registered as
a plugin in tests/conftest.py) and the helpers to press keys and read it."""

from __future__ import annotations

from datetime import datetime

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from kccdesk.app import prepare
from kccdesk.core.clock import ManualClock
from kccdesk.paths import default_profile
from kccdesk.ui.application import create_window


@pytest.fixture
def demo(qtbot, request):
    """The demo window on a manual clock (10:15 unless parametrised), with its database."""
    at = getattr(request, "param", datetime(2026, 11, 23, 10, 15))
    workstation = prepare(default_profile().demo(), demo=True)
    clock = ManualClock(at)
    window = create_window(workstation, clock, demo=True)
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    qtbot.waitExposed(window)
    yield window, clock, workstation.db
    workstation.db.close()


def press(qtbot, window, key, modifier=Qt.KeyboardModifier.NoModifier):
    """Press a key where the agent's focus is, as a person would."""
    qtbot.keyClick(QApplication.focusWidget() or window, key, modifier)


def headline(window) -> str:
    return window.ring.headline.text()
