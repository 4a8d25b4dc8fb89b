"""The level meter in the status bar follows the levels the SIP line reports."""

from __future__ import annotations

import pytest

from kccdesk.core.line import AudioLevels
from kccdesk.sip.account import SipAccount
from kccdesk.sip.line import SipLine
from kccdesk.ui.level_meter import LevelMeter

pytestmark = pytest.mark.gui


def test_meter_shows_the_reported_levels(qtbot):
    line = SipLine(SipAccount("sip:127.0.0.1:5060", "agent", "secret"))  # not started: no SIP process needed
    meter = LevelMeter()
    line.set_level_listener(meter.show_levels)  # as the wiring does (kccdesk.app.line_pump)
    qtbot.addWidget(meter)
    line._post({"kind": "levels", "input": 0.42, "output": 0.9})  # as the SIP process's reader thread does
    line.pump()
    assert line.levels == AudioLevels(input=0.42, output=0.9)
    assert (meter.microphone.value(), meter.speaker.value()) == (42, 90)
    assert meter.microphone.accessibleName() == "Microphone"
    line.close()
