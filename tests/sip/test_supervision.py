"""The line survives its SIP process dying and the registrar restarting."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from kccdesk.core.line import (
    CallAnswered,
    CallEnded,
    EndReason,
    IncomingCall,
    LineState,
    LineStatus,
)
from kccdesk.sip.line import SipLine
from tests.sip.conftest import (
    PASSWORD,
    USER,
    Recorder,
    free_port,
    make_account,
    wait_until,
)

ROOT = Path(__file__).resolve().parents[2]

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


OWNER = """
import select, sys
from kccdesk.core.line import LineState, LineStatus
from kccdesk.sip.account import SipAccount
from kccdesk.sip.line import SipLine
line = SipLine(
    SipAccount(sys.argv[1], sys.argv[2], sys.argv[3], rtp_port_start=int(sys.argv[4])))
def show(event):
    if isinstance(event, LineStatus) and event.state is LineState.READY:
        print(line.child_pid, flush=True)
line.set_listener(show)
line.start()
while True:
    select.select([line.wake_fd], [], [], 1.0)
    line.pump()
"""


def test_sip_process_ends_when_the_app_is_killed(kamailio):
    owner = subprocess.Popen(
        [sys.executable, "-c", OWNER, kamailio.registrar, USER, PASSWORD, str(free_port())],
        stdout=subprocess.PIPE, text=True, env=dict(os.environ, PYTHONPATH=str(ROOT)),
    )  # fmt: skip
    try:
        child_pid = int(owner.stdout.readline())
        os.kill(owner.pid, signal.SIGKILL)  # the app crashes: no chance to stop its line
        owner.wait(5)
        wait_until(lambda: not process_exists(child_pid), 5, "the SIP process to notice and exit")
    finally:
        if owner.poll() is None:
            owner.kill()


def process_exists(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return Path(f"/proc/{pid}").exists() and "Z" not in Path(f"/proc/{pid}/stat").read_text().split()[2]
