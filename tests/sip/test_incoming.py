"""Calls from SIPp through Kamailio to the agent's line."""

from __future__ import annotations

import time

import pytest

from kccdesk.core.line import (
    CallAnswered,
    CallEnded,
    CallHeld,
    CallResumed,
    EndReason,
    IncomingCall,
    LineState,
    LineStatus,
)
from kccdesk.sip.caller_id import MAX_DISPLAY_NAME
from kccdesk.sip.line import SipLine
from tests.sip.conftest import Recorder, make_account

pytestmark = pytest.mark.timeout(90)


def incoming(recorder) -> IncomingCall:
    event = recorder.wait_for(lambda e: isinstance(e, IncomingCall), 10, "an incoming call")
    assert isinstance(event, IncomingCall)
    return event


def ended(recorder, call_id: str) -> CallEnded:
    event = recorder.wait_for(lambda e: isinstance(e, CallEnded) and e.call_id == call_id, 15, "the call's end")
    assert isinstance(event, CallEnded)
    return event


def test_missed_call_rings_with_number_from_from_and_ends_as_given_up(sip_line, sipp):
    sip_line.wait_for_state(LineState.READY, 10)
    sent = time.monotonic()
    caller = sipp("caller_gives_up.xml", display="Jan de Vries", number="0612345678")
    call = incoming(sip_line)  # SIPp itself insists on 180 Ringing before it gives up
    assert call.caller.number == "0612345678"
    assert call.caller.display_name == "Jan de Vries"
    assert not call.caller.withheld
    assert sent <= call.at <= time.monotonic()  # the INVITE's arrival, on this machine's monotonic clock
    end = ended(sip_line, call.call_id)
    assert end.reason is EndReason.CALLER_GAVE_UP
    assert end.at >= call.at
    caller.wait()


def test_number_comes_from_p_asserted_identity(sip_line, sipp):
    sip_line.wait_for_state(LineState.READY, 10)
    caller = sipp(
        "caller_gives_up.xml",
        display="Spoofed",
        number="0999999999",
        extra_header='P-Asserted-Identity: "Gemeente" <sip:+31201234567@pbx.example.nl;user=phone>',
        pause_ms=100,
    )
    call = incoming(sip_line)
    assert call.caller.number == "+31201234567"
    assert call.caller.display_name == "Gemeente"
    ended(sip_line, call.call_id)
    caller.wait()


def test_withheld_number(sip_line, sipp):
    sip_line.wait_for_state(LineState.READY, 10)
    caller = sipp(
        "caller_gives_up.xml", display="Anonymous", number="anonymous", extra_header="Privacy: id", pause_ms=100
    )
    call = incoming(sip_line)
    assert call.caller.withheld
    assert call.caller.number == ""
    ended(sip_line, call.call_id)
    caller.wait()


def test_answered_call_that_the_caller_ends(sip_line, sipp):
    sip_line.wait_for_state(LineState.READY, 10)
    caller = sipp("caller_hangs_up.xml", pause_ms=300)
    call = incoming(sip_line)
    sip_line.line.answer(call.call_id)
    answered = sip_line.wait_for(lambda e: isinstance(e, CallAnswered), 10, "the answer")
    assert answered.at >= call.at
    assert ended(sip_line, call.call_id).reason is EndReason.CALLER_HUNG_UP
    caller.wait()


def test_agent_hangs_up(sip_line, sipp):
    sip_line.wait_for_state(LineState.READY, 10)
    caller = sipp("caller_waits_for_agent.xml")
    call = incoming(sip_line)
    sip_line.line.answer(call.call_id)
    sip_line.wait_for(lambda e: isinstance(e, CallAnswered), 10, "the answer")
    sip_line.line.hang_up(call.call_id)
    assert ended(sip_line, call.call_id).reason is EndReason.AGENT_HUNG_UP
    caller.wait()  # SIPp got the BYE


def test_agent_rejects_a_ringing_call_as_busy(sip_line, sipp):
    sip_line.wait_for_state(LineState.READY, 10)
    caller = sipp("caller_rejected.xml")
    call = incoming(sip_line)
    sip_line.line.hang_up(call.call_id)
    assert ended(sip_line, call.call_id).reason is EndReason.REJECTED
    caller.wait()  # SIPp got 486 Busy Here


HOSTILE = {
    "html": ("<b>Boss</b><img src=x onerror=alert(1)>", "0612345678"),
    "sql": ("Robert'); DROP TABLE calls;--", "0612345678"),
    "long": ("A" * 3000, "0612345678"),
    "unicode": ("Zoë 🐢 Çelik \u202eevil", "0612345678"),
    "non-numeric user": ("Plain", "sales.desk"),
}


@pytest.mark.parametrize("name", HOSTILE, ids=list(HOSTILE))
def test_hostile_caller_ids_reach_the_agent_as_plain_text(sip_line, sipp, name):
    display, number = HOSTILE[name]
    sip_line.wait_for_state(LineState.READY, 10)
    caller = sipp("caller_gives_up.xml", display=display, number=number, pause_ms=100)
    call = incoming(sip_line)
    assert call.caller.number == number
    if name == "long":
        assert len(call.caller.display_name) == MAX_DISPLAY_NAME
    elif name == "unicode":
        assert call.caller.display_name == "Zoë 🐢 Çelik evil"  # the direction override is dropped
    else:
        assert call.caller.display_name == display
    ended(sip_line, call.call_id)
    caller.wait()
    assert sip_line.line.child_pid is not None
    assert not any(isinstance(e, LineStatus) and e.state is LineState.FAILING for e in sip_line.events)


def test_a_4_kb_display_name_does_not_harm_the_line(sip_line, sipp):
    """pjsip takes SIP messages up to 4000 bytes: an INVITE with a 4 kB
    display name is dropped unparsed (the caller's side times out). The line
    must stay up and take the next call."""
    sip_line.wait_for_state(LineState.READY, 10)
    pid = sip_line.line.child_pid
    sipp("caller_gives_up.xml", display="A" * 4096, number="0611111111", pause_ms=100)
    caller = sipp("caller_gives_up.xml", display="Next", number="0622222222", pause_ms=100)
    call = incoming(sip_line)
    assert call.caller.number == "0622222222"
    ended(sip_line, call.call_id)
    caller.wait()
    assert sip_line.line.child_pid == pid
    assert not any(isinstance(e, IncomingCall) and e.caller.number == "0611111111" for e in sip_line.events)


def test_agent_holds_and_resumes(sip_line, sipp):
    sip_line.wait_for_state(LineState.READY, 10)
    caller = sipp("caller_put_on_hold.xml")
    call = incoming(sip_line)
    sip_line.line.answer(call.call_id)
    sip_line.wait_for(lambda e: isinstance(e, CallAnswered), 10, "the answer")
    sip_line.line.hold(call.call_id)
    held = sip_line.wait_for(lambda e: isinstance(e, CallHeld), 10, "the hold")
    sip_line.line.resume(call.call_id)
    resumed = sip_line.wait_for(lambda e: isinstance(e, CallResumed), 10, "the resume")
    assert call.at <= held.at <= resumed.at
    sip_line.line.hang_up(call.call_id)
    assert ended(sip_line, call.call_id).reason is EndReason.AGENT_HUNG_UP
    caller.wait()  # SIPp saw both re-INVITEs and the BYE


def test_a_second_call_while_busy_rings_as_waiting_with_its_own_arrival(sip_line, sipp):
    sip_line.wait_for_state(LineState.READY, 10)
    first_caller = sipp("caller_waits_for_agent.xml", number="0611111111")
    first = incoming(sip_line)
    sip_line.line.answer(first.call_id)
    sip_line.wait_for(lambda e: isinstance(e, CallAnswered), 10, "the answer")
    second_caller = sipp("caller_gives_up.xml", number="0622222222", pause_ms=300)
    second = sip_line.wait_for(
        lambda e: isinstance(e, IncomingCall) and e.call_id != first.call_id, 10, "the waiting call"
    )
    assert second.caller.number == "0622222222"
    assert second.at > first.at
    assert ended(sip_line, second.call_id).reason is EndReason.CALLER_GAVE_UP  # never dropped silently
    second_caller.wait()
    assert not any(isinstance(e, CallEnded) and e.call_id == first.call_id for e in sip_line.events)
    sip_line.line.hang_up(first.call_id)
    assert ended(sip_line, first.call_id).reason is EndReason.AGENT_HUNG_UP
    first_caller.wait()


def test_blind_transfer_sends_refer_and_ends_the_call_as_transferred(sip_line, sipp):
    sip_line.wait_for_state(LineState.READY, 10)
    caller = sipp("caller_transferred.xml")
    call = incoming(sip_line)
    sip_line.line.answer(call.call_id)
    sip_line.wait_for(lambda e: isinstance(e, CallAnswered), 10, "the answer")
    sip_line.line.transfer(call.call_id, "sip:colleague@127.0.0.1")
    assert ended(sip_line, call.call_id).reason is EndReason.TRANSFERRED
    caller.wait()  # SIPp got the REFER, reported success and got the BYE


def test_calls_reach_an_agent_registered_over_tcp(kamailio, sipp, tmp_path):
    line = SipLine(make_account(kamailio, transport="tcp"), log_file=tmp_path / "pjsip.log")
    recorder = Recorder(line)
    line.start()
    try:
        recorder.wait_for_state(LineState.READY, 10)
        caller = sipp("caller_hangs_up.xml", number="0612345678", pause_ms=200)
        call = incoming(recorder)
        assert call.caller.number == "0612345678"
        line.answer(call.call_id)
        assert ended(recorder, call.call_id).reason is EndReason.CALLER_HUNG_UP
        caller.wait()
    finally:
        line.close()
