"""Remote records in the window: local ones at once, remote ones when they
arrive, and a plain note when the remote source does not answer."""

from __future__ import annotations

import threading
from datetime import datetime

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from kccdesk.app.window import create_window
from kccdesk.app.workstation import prepare
from kccdesk.config.paths import default_profile
from kccdesk.config.secrets import set_secret
from kccdesk.config.settings import RecordsSettings, save_settings
from kccdesk.core.caller import AccessReason
from kccdesk.core.clock import ManualClock
from kccdesk.demo import people as demo_data
from kccdesk.i18n import set_language
from kccdesk.store.access_log import access_log
from tests.support.klantinteracties_server import running_server

pytestmark = pytest.mark.gui


@pytest.fixture
def api():
    with running_server() as server:
        yield server
    assert server.contract_errors == []


def open_desk(qtbot, base_url: str, timeout: float):
    profile = default_profile().demo()
    settings = demo_data.demo_settings().model_copy(
        update={
            "records": RecordsSettings(
                sources=["local", "remote"], openklant_url=base_url, openklant_timeout_seconds=timeout
            )
        }
    )
    save_settings(profile.settings_file, settings)
    set_secret("api-token", "test-token")
    workstation = prepare(profile, demo=True)
    window = create_window(workstation, ManualClock(datetime(2026, 11, 23, 10, 15)), demo=True)
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    qtbot.waitExposed(window)
    qtbot.waitUntil(window.isActiveWindow)
    return window, workstation.db


@pytest.fixture
def close_after():
    opened = []
    yield opened
    for window, db in opened:
        window.services.screen_pop.shutdown()
        db.close()
    set_language("en")


def test_a_caller_known_only_remotely_pops_up_when_the_answer_arrives(qtbot, api, close_after):
    caller = api.add_person("Fatima", "el", "Idrissi", "+31698765432")
    api.add_contact(caller, "Traplift", "2026-11-01T10:00:00Z", open_task="Bel terug over de traplift")
    window, db = open_desk(qtbot, api.base_url, timeout=5)
    close_after.append((window, db))
    qtbot.keyClick(QApplication.focusWidget() or window, Qt.Key.Key_F8)  # 06 98765432 calls
    qtbot.waitUntil(lambda: window.caller.name.text() == "Fatima el Idrissi", timeout=5000)
    assert window.caller.details.text() == "uit het andere systeem"
    assert "team Wmo: Bel terug over de traplift" in window.caller.callbacks.text()
    assert window.caller.remote.text() == ""
    assert not window.desk.current.state.connected  # still ringing
    assert [(e.record, e.reason) for e in access_log(db)] == [(f"openklant:{caller}", AccessReason.SCREEN_POP)]


def test_a_silent_remote_source_never_holds_up_the_local_record(qtbot, api, close_after):
    api.hold = threading.Event()  # the remote source takes its time
    window, db = open_desk(qtbot, api.base_url, timeout=0.5)
    close_after.append((window, db))
    qtbot.keyClick(QApplication.focusWidget() or window, Qt.Key.Key_F6)  # Anna, known locally
    assert window.caller.name.text() == "mevrouw De Vries"  # at once
    assert window.caller.remote.text() == "Zoeken in het andere systeem…"
    qtbot.waitUntil(
        lambda: (
            window.caller.remote.text() == "Het andere systeem gaf geen antwoord: je ziet alleen wat hier bekend is."
        ),
        timeout=5000,
    )
    assert window.caller.name.text() == "mevrouw De Vries"
