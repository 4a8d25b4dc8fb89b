"""A SIP call through Kamailio rings in the real main window; the window
survives its SIP process dying in the middle of a call."""

from __future__ import annotations

import os
import signal

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from kccdesk.app.window import create_window
from kccdesk.app.workstation import prepare
from kccdesk.config.paths import default_profile
from kccdesk.config.secrets import set_secret
from kccdesk.config.settings import (
    LineSettings,
    RingSettings,
    Settings,
    SipSettings,
    save_settings,
)
from kccdesk.core.clock import SystemClock
from kccdesk.i18n import set_language
from tests.sip.conftest import PASSWORD, USER, free_port

pytestmark = [pytest.mark.gui, pytest.mark.timeout(90)]


@pytest.fixture
def sip_window(qtbot, kamailio, request):
    """The window on the SIP line; a test can name the headset (``headset`` marker)."""
    marker = request.node.get_closest_marker("headset")
    headset = marker.args[0] if marker else ""
    profile = default_profile()
    save_settings(
        profile.settings_file,
        Settings(
            rings=RingSettings(tone_seconds=1.0, silence_seconds=1.0),  # a ring every 2 s: quick to count
            line=LineSettings(kind="sip"),
            sip=SipSettings(
                registrar=kamailio.registrar,
                user=USER,
                rtp_port_start=free_port(),
                input_device=headset,
                output_device=headset,
            ),
        ),
    )
    set_secret("sip-password", PASSWORD)
    workstation = prepare(profile, demo=False)
    window = create_window(workstation, SystemClock(), demo=False)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    yield window
    window.desk.line.stop()
    workstation.db.close()
    set_language("en")


def test_sip_call_rings_in_the_window_with_number_and_ring_count(qtbot, sip_window, sipp, tmp_path):
    window = sip_window
    qtbot.waitUntil(lambda: window.line_label.text().endswith("gereed"), timeout=10_000)
    caller = sipp("caller_gives_up.xml", display="<b>Jan</b>", number="0612345678", pause_ms=3000)
    qtbot.waitUntil(lambda: window.ring.headline.text() == "Gaat over: 1 van 3", timeout=10_000)
    assert window.caller.number.text() == "06 12345678"
    qtbot.waitUntil(lambda: window.ring.headline.text() == "Gaat over: 2 van 3", timeout=5_000)
    assert window.grab().save(str(tmp_path / "sip-call-ringing.png"))
    caller.wait()
    qtbot.waitUntil(lambda: window.desk.current is None or window.desk.current.state.finished, timeout=10_000)


def test_window_survives_the_sip_process_dying_and_keeps_the_draft(qtbot, sip_window, sipp):
    window = sip_window
    qtbot.waitUntil(lambda: window.line_label.text().endswith("gereed"), timeout=10_000)
    sipp("caller_waits_for_agent.xml", number="0612345678")
    qtbot.waitUntil(lambda: window.ring.headline.text() == "Gaat over: 1 van 3", timeout=10_000)
    qtbot.keyClick(QApplication.focusWidget() or window, Qt.Key.Key_F2)  # answer
    qtbot.waitUntil(window.form.isEnabled, timeout=10_000)
    window.form.subject.setFocus()
    qtbot.keyClicks(window.form.subject, "Paspoort aanvragen")

    os.kill(window.desk.line.child_pid, signal.SIGKILL)

    qtbot.waitUntil(lambda: "werkt niet" in window.line_label.text(), timeout=5_000)
    qtbot.waitUntil(lambda: window.line_label.text().endswith("gereed"), timeout=3_000)
    assert window.form.subject.text() == "Paspoort aanvragen"


@pytest.mark.headset("Headset die er niet is")
def test_a_headset_that_does_not_work_is_shown_with_what_to_do(qtbot, sip_window, sipp):
    """The real PortAudio is asked for a device that is not there, as when a
    headset is unplugged: the call goes on, and the window says so."""
    window = sip_window
    qtbot.waitUntil(lambda: window.line_label.text().endswith("gereed"), timeout=10_000)
    assert not window.sound.isVisible()
    sipp("caller_waits_for_agent.xml", number="0612345678")
    qtbot.waitUntil(lambda: window.ring.headline.text() == "Gaat over: 1 van 3", timeout=10_000)
    qtbot.waitUntil(lambda: window.sound.text().startswith("De beltoon klinkt niet ("), timeout=10_000)  # rings
    qtbot.keyClick(QApplication.focusWidget() or window, Qt.Key.Key_F2)  # answer
    qtbot.waitUntil(lambda: "Geen geluid in gesprekken: de headset werkt niet (" in window.sound.text(), timeout=10_000)
    assert window.sound.isVisible()
    assert "vraag dan je supervisor om het geluidsapparaat te kiezen" in window.sound.text()
    assert window.desk.current is not None and window.desk.current.state.connected  # the call goes on
