"""Registering the agent's account with a real Kamailio (digest auth)."""

from __future__ import annotations

import pytest

from kccdesk.core.line import LineState, LineStatus
from kccdesk.sip.line import SipLine
from tests.sip.conftest import Recorder, make_account, wait_until

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
            lambda e: isinstance(e, LineStatus) and e.state is LineState.FAILING and e is not failing,
            10,
            "a second failure",
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


def test_without_pjsua2_the_line_says_so_once_and_does_not_restart(kamailio, tmp_path, monkeypatch):
    """Stands in for a platform without a pjsua2 wheel: a pjsua2 module that fails to import."""
    (tmp_path / "pjsua2.py").write_text("raise ImportError('no pjsua2 wheel for this platform')\n")
    monkeypatch.setenv("PYTHONPATH", str(tmp_path))
    line = SipLine(make_account(kamailio))
    recorder = Recorder(line)
    line.start()
    try:
        failing = recorder.wait_for_state(LineState.FAILING, 10)
        assert "pjsua2" in failing.reason and "no pjsua2 wheel" in failing.reason
        wait_until(lambda: not line.supervising, 5, "the supervisor to give up instead of restarting")
        assert line.restarts == 0
    finally:
        line.close()
