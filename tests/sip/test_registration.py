"""Registering the agent's account with a real Kamailio (digest auth)."""

from __future__ import annotations

import pytest

from kccdesk.core.line import LineState, LineStatus
from kccdesk.sip.line import SipLine
from tests.sip.conftest import Recorder, make_account

pytestmark = pytest.mark.timeout(60)


def test_registers_with_digest_auth(sip_line):
    sip_line.wait_for_state(LineState.READY, 10)
    states = [e.state for e in sip_line.events if isinstance(e, LineStatus)]
    assert states[0] is LineState.CONNECTING


def test_wrong_password_fails_in_plain_words_without_retrying(kamailio, tmp_path):
    line = SipLine(make_account(kamailio, password="wrong"))
    recorder = Recorder(line)
    line.start()
    try:
        failing = recorder.wait_for_state(LineState.FAILING, 10)
        assert "user name or password" in failing.reason
        assert "trying again" not in failing.reason
    finally:
        line.close()
    assert not any(isinstance(e, LineStatus) and e.state is LineState.READY for e in recorder.events)


def test_unreachable_registrar_is_retried_with_backoff_and_recovers(kamailio, tmp_path):
    kamailio.stop()
    line = SipLine(make_account(kamailio, transport="tcp"))
    recorder = Recorder(line)
    line.start()
    try:
        failing = recorder.wait_for_state(LineState.FAILING, 10)
        assert "trying again in 1 s" in failing.reason
        second = recorder.wait_for(
            lambda e: isinstance(e, LineStatus) and e.state is LineState.FAILING and e is not failing, 10, "a second failure"
        )
        assert "trying again in 2 s" in second.reason
        kamailio.start()
        recorder.wait_for_state(LineState.READY, 15)
    finally:
        line.close()


def test_stop_reports_the_line_down(sip_line):
    sip_line.wait_for_state(LineState.READY, 10)
    sip_line.line.stop()
    assert sip_line.events[-1] == LineStatus(LineState.DOWN)
