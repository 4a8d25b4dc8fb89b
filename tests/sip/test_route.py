"""The address the line announces: the one that reaches the registrar.

Routes are looked up for real. A laptop moving to another network cannot be
staged here without root rights, so the watch is given a stale address to
compare against, and the last test stands in a child that exits the way the
SIP process does when it sees the move (and then runs the real one).
"""

from __future__ import annotations

import re
import stat
import sys
from pathlib import Path

import pytest

from kccdesk.core.line import (
    CallAnswered,
    CallEnded,
    IncomingCall,
    LineState,
    LineStatus,
)
from kccdesk.sip.account import SipAccount
from kccdesk.sip.line import SipLine
from kccdesk.sip.route import AddressWatch, first_hop, local_address
from tests.sip.conftest import Recorder, make_account

pytestmark = pytest.mark.timeout(60)


def account(**values: str) -> SipAccount:
    return SipAccount(**{"registrar": "sip:127.0.0.1:5060", "user": "agent", "password": "x", **values})  # type: ignore[arg-type]


def test_the_first_hop_is_the_outbound_proxy_when_there_is_one():
    assert first_hop(account()) == ("127.0.0.1", 5060)
    assert first_hop(account(outbound_proxy="sip:127.0.0.2:5070;lr")) == ("127.0.0.2", 5070)
    assert first_hop(account(registrar="sip:127.0.0.1", transport="tls")) == ("127.0.0.1", 5061)


def test_the_address_towards_the_registrar_comes_from_the_system_routes():
    assert local_address(("127.0.0.1", 5060)) == "127.0.0.1"
    assert local_address(None) == ""


def test_a_registrar_name_that_does_not_resolve_leaves_the_address_to_pjsua():
    watch = AddressWatch(account(registrar="sip:pbx.invalid"), every=0)
    assert watch.hop is None and watch.announced == ""
    assert watch.moved() == ""  # and no restart follows, again and again


def test_the_watch_notices_another_address_only_when_a_check_is_due():
    watch = AddressWatch(account(), every=3600)
    assert watch.announced == "127.0.0.1"
    watch.announced = "192.0.2.10"  # the address of the network this laptop left
    assert watch.moved() == ""  # not due for an hour
    watch.check_soon()  # as after a failed registration
    assert watch.moved() == "127.0.0.1"
    assert watch.moved() == ""  # checked: not again at once


def test_contact_and_media_name_the_address_that_reaches_the_registrar(sip_line, sipp, tmp_path):
    sip_line.wait_for_state(LineState.READY, 10)
    caller = sipp("caller_waits_for_agent.xml")
    call = sip_line.wait_for(lambda e: isinstance(e, IncomingCall), 10, "an incoming call")
    sip_line.line.answer(call.call_id)
    sip_line.wait_for(lambda e: isinstance(e, CallAnswered), 10, "the answer")
    sip_line.line.hang_up(call.call_id)
    sip_line.wait_for(lambda e: isinstance(e, CallEnded), 10, "the end of the call")
    caller.wait()

    trace = next((tmp_path / "sipp0").glob("*_messages.log")).read_text(errors="replace")
    answer = trace[trace.index("SIP/2.0 200 OK") :]
    assert re.search(r"^Contact:.*@127\.0\.0\.1:", answer, re.MULTILINE | re.IGNORECASE)
    assert re.search(r"^c=IN IP4 127\.0\.0\.1\s*$", answer, re.MULTILINE)


def test_a_moved_computer_registers_again_at_once_without_a_failure(kamailio, tmp_path, monkeypatch):
    marker = tmp_path / "moved-once"
    child = tmp_path / "python"
    child.write_text(
        f'#!/bin/sh\n[ -e "{marker}" ] || {{ touch "{marker}"; exit 4; }}\nexec "{sys.executable}" "$@"\n',
        encoding="utf-8",
    )
    child.chmod(child.stat().st_mode | stat.S_IXUSR)
    monkeypatch.setattr(sys, "executable", str(child))
    line = SipLine(make_account(kamailio), restart_delays=(30.0,))  # a failure would wait half a minute
    recorder = Recorder(line)
    line.start()
    try:
        recorder.wait_for_state(LineState.READY, 10)
    finally:
        line.close()
    statuses = [e for e in recorder.events if isinstance(e, LineStatus)]
    assert not any(s.state is LineState.FAILING for s in statuses), statuses
    assert any(s.state is LineState.CONNECTING and "network address" in s.reason for s in statuses), statuses
    assert line.restarts == 0
    assert Path(marker).exists()
