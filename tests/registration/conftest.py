"""The demo window for the registration tests, driven by keys; optionally
with the local Klantinteracties API (validating every request) as its sink."""

from __future__ import annotations

from datetime import datetime

import pytest
from PySide6.QtCore import Qt

from kccdesk.i18n import set_language
from tests.support.demo_window import open_demo, press
from tests.support.klantinteracties_server import KlantinteractiesServer

MONDAY = datetime(2026, 11, 23, 10, 15)


@pytest.fixture
def api():
    with KlantinteractiesServer() as server:
        yield server


@pytest.fixture
def demo(qtbot):
    window, clock, workstation = open_demo(qtbot, MONDAY)
    yield window, clock, workstation.db
    workstation.db.close()
    set_language("en")


@pytest.fixture
def demo_with_api(qtbot, api):
    window, clock, workstation = open_demo(qtbot, MONDAY, api)
    yield window, clock, workstation.db, api
    window.services.deliveries.stop()
    workstation.db.close()
    set_language("en")


def ctrl(qtbot, window, key):
    press(qtbot, window, key, Qt.KeyboardModifier.ControlModifier)


def type_in(qtbot, widget, text: str) -> None:
    widget.setFocus()
    qtbot.keyClicks(widget, text)


def hang_up(qtbot, window, clock, talk: float = 60.0) -> None:
    clock.advance(talk)
    press(qtbot, window, Qt.Key.Key_F4)
    qtbot.waitUntil(window.form.after_call.isVisible)
