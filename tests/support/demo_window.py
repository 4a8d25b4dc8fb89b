"""The demo window for tests that drive it by keys: a fixture (registered as
a plugin in tests/conftest.py) and the helpers to press keys, answer a demo
call and read it."""

from __future__ import annotations

import dataclasses
from datetime import datetime

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QScreen
from PySide6.QtWidgets import QApplication

from kccdesk.app.window import create_window
from kccdesk.app.workstation import prepare
from kccdesk.config.paths import default_profile
from kccdesk.config.secrets import set_secret
from kccdesk.config.settings import SinkSettings, save_settings
from kccdesk.core.clock import ManualClock
from kccdesk.demo.people import demo_settings
from tests.support.klantinteracties_server import TOKEN, KlantinteractiesServer


@pytest.fixture
def demo(qtbot, request):
    """The demo window on a manual clock (10:15 unless parametrised), with its database."""
    window, clock, workstation = open_demo(qtbot, getattr(request, "param", datetime(2026, 11, 23, 10, 15)))
    yield window, clock, workstation.db
    workstation.db.close()


def open_demo(
    qtbot,
    at: datetime,
    api: KlantinteractiesServer | None = None,
    remote_records: bool = False,
    screen: QScreen | None = None,
    language: str | None = None,
    demo: bool = True,
):
    """The demo window on a manual clock at ``at``, shown and active; with
    ``api``, registrations go to that Klantinteracties server (and with
    ``remote_records``, the screen pop also asks it for callers' records);
    with ``screen``, it opens on that screen (else on the first);
    in ``language``, as a workstation set to it starts, instead of the
    demo's Dutch; without ``demo``, the window as on a real line (no demo
    menu or keys), on the demo's simulated line."""
    profile = default_profile().demo()
    if language is not None:
        settings = demo_settings()
        chosen = settings.workstation.model_copy(update={"language": language})
        save_settings(profile.settings_file, settings.model_copy(update={"workstation": chosen}))
    workstation = prepare(profile, demo=True)
    if api is not None:
        set_secret("api-token", TOKEN)
        update = {"sinks": SinkSettings(klantinteracties_url=api.base_url, timeout_seconds=5.0)}
        if remote_records:
            records = {"sources": ["local", "remote"], "openklant_url": api.base_url}
            update["records"] = workstation.settings.records.model_copy(update=records)
        settings = workstation.settings.model_copy(update=update)
        workstation = dataclasses.replace(workstation, settings=settings)
    clock = ManualClock(at)
    window = create_window(workstation, clock, demo=demo)
    qtbot.addWidget(window, before_close_func=lambda shown: shown.services.stop())  # as a quit does
    if screen is not None:
        window.setScreen(screen)
        window.move(screen.availableGeometry().topLeft())
    window.show()
    window.activateWindow()
    qtbot.waitExposed(window)
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    return window, clock, workstation


def press(qtbot, window, key, modifier=Qt.KeyboardModifier.NoModifier):
    """Press a key where the agent's focus is, as a person would."""
    qtbot.keyClick(QApplication.focusWidget() or window, key, modifier)


def answer_call(qtbot, window, clock, caller_key=Qt.Key.Key_F6, after: float = 3.0) -> None:
    """A demo caller rings (F6: a resident), and after ``after`` seconds on
    the clock the agent answers (F2); back once the form is open."""
    press(qtbot, window, caller_key)
    qtbot.waitUntil(lambda: window.desk.current is not None)
    clock.advance(after)
    press(qtbot, window, Qt.Key.Key_F2)
    qtbot.waitUntil(window.form.isEnabled)


def headline(window) -> str:
    return window.ring.headline.text()
