"""The demo window for the registration tests, driven by keys; optionally
with the local Klantinteracties API (validating every request) as its sink."""

from __future__ import annotations

import dataclasses
from datetime import datetime

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from kccdesk.app import prepare
from kccdesk.core.clock import ManualClock
from kccdesk.i18n import set_language
from kccdesk.paths import default_profile
from kccdesk.secrets import set_secret
from kccdesk.settings import SinkSettings
from kccdesk.ui.application import create_window
from tests.support.klantinteracties_server import TOKEN, KlantinteractiesServer

MONDAY = datetime(2026, 11, 23, 10, 15)


@pytest.fixture
def api():
    with KlantinteractiesServer() as server:
        yield server


def open_demo(qtbot, api: KlantinteractiesServer | None = None):
    workstation = prepare(default_profile().demo(), demo=True)
    if api is not None:
        set_secret("api-token", TOKEN)
        sinks = SinkSettings(klantinteracties_url=api.base_url, timeout_seconds=5.0)
        settings = workstation.settings.model_copy(update={"sinks": sinks})
        workstation = dataclasses.replace(workstation, settings=settings)
    clock = ManualClock(MONDAY)
    window = create_window(workstation, clock, demo=True)
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    qtbot.waitExposed(window)
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    return window, clock, workstation


@pytest.fixture
def demo(qtbot):
    window, clock, workstation = open_demo(qtbot)
    yield window, clock, workstation.db
    workstation.db.close()
    set_language("en")


@pytest.fixture
def demo_with_api(qtbot, api):
    window, clock, workstation = open_demo(qtbot, api)
    yield window, clock, workstation.db, api
    window.recorder.outbox.stop()
    workstation.db.close()
    set_language("en")


def press(qtbot, window, key, modifier=Qt.KeyboardModifier.NoModifier):
    """Press a key where the agent's focus is, as a person would."""
    qtbot.keyClick(QApplication.focusWidget() or window, key, modifier)


def ctrl(qtbot, window, key):
    press(qtbot, window, key, Qt.KeyboardModifier.ControlModifier)


def answer_call(qtbot, window, clock, caller_key=Qt.Key.Key_F6, after: float = 3.0) -> None:
    press(qtbot, window, caller_key)
    qtbot.waitUntil(lambda: window.desk.current is not None)
    clock.advance(after)
    press(qtbot, window, Qt.Key.Key_F2)
    qtbot.waitUntil(lambda: window.form.isEnabled())


def type_in(qtbot, widget, text: str) -> None:
    widget.setFocus()
    qtbot.keyClicks(widget, text)


def hang_up(qtbot, window, clock, talk: float = 60.0) -> None:
    clock.advance(talk)
    press(qtbot, window, Qt.Key.Key_F4)
    qtbot.waitUntil(lambda: window.form.after_call.isVisible())
