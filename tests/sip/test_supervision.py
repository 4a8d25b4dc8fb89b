"""The line survives its SIP process dying and the registrar restarting."""

from __future__ import annotations

import os
import signal
import time

import pytest

from kccdesk.core.line import CallAnswered, CallEnded, EndReason, IncomingCall, LineState, LineStatus
from kccdesk.sip.line import SipLine
from tests.sip.conftest import Recorder, make_account

pytestmark = pytest.mark.timeout(90)


def test_killed_sip_process_ends_the_call_and_the_line_is_back_within_3_s(sip_line, sipp):
    sip_line.wait_for_state(LineState.READY, 10)
    sipp("caller_waits_for_agent.xml")
    call = sip_line.wait_for(lambda e: isinstance(e, IncomingCall), 10, "an incoming call")
    sip_line.line.answer(call.call_id)
    sip_line.wait_for(lambda e: isinstance(e, CallAnswered), 10, "the answer")
    first_pid = sip_line.line.child_pid
    assert first_pid is not None
    before = len(sip_line.events)

    os.kill(first_pid, signal.SIGKILL)
    killed_at = time.monotonic()

    lost = sip_line.wait_for(lambda e: isinstance(e, CallEnded), 5, "the call to end", since=before)
    assert lost == CallEnded(call.call_id, lost.at, EndReason.LINE_LOST)
    failing = sip_line.wait_for(lambda e: isinstance(e, LineStatus), 1, "the line's state", since=before)
    assert failing.state is LineState.FAILING and "SIP" in failing.reason
    sip_line.wait_for_state(LineState.READY, 3.0 - (time.monotonic() - killed_at), since=before)
    assert time.monotonic() - killed_at <= 3.0
    assert sip_line.line.child_pid not in (None, first_pid)

    caller = sipp("caller_gives_up.xml", number="0687654321", pause_ms=100)  # the new registration takes calls
    second = sip_line.wait_for(lambda e: isinstance(e, IncomingCall) and e.call_id != call.call_id, 10, "a new call")
    assert second.caller.number == "0687654321"
    caller.wait()


def test_line_comes_back_by_itself_after_the_registrar_restarts(kamailio, sipp, tmp_path):
    line = SipLine(make_account(kamailio, register_seconds=10), log_file=tmp_path / "pjsip.log")
    recorder = Recorder(line)
    line.start()
    try:
        recorder.wait_for_state(LineState.READY, 10)
        kamailio.stop()
        kamailio.start()  # an empty location table: the agent is unknown until the line registers again
        restarted = len(recorder.events)
        recorder.wait_for_state(LineState.READY, 20, since=restarted)
        caller = sipp("caller_gives_up.xml", number="0612121212", pause_ms=100)
        call = recorder.wait_for(lambda e: isinstance(e, IncomingCall), 10, "a call after the restart")
        assert call.caller.number == "0612121212"
        caller.wait()
    finally:
        line.close()
