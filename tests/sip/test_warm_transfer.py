"""Outgoing calls and warm transfer, on the wire: the caller (SIPp) comes in
through Kamailio, the agent puts the caller on hold and calls a colleague
(SIPp as the called side), then hands the caller over with REFER and
Replaces, or goes back to the caller when the colleague does not answer."""

from __future__ import annotations

import socket
import subprocess
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from kccdesk.core.line import (
    CallAnswered,
    CallEnded,
    CallHeld,
    CallResumed,
    EndReason,
    IncomingCall,
    LineState,
    OutgoingCall,
)
from tests.sip.conftest import HERE, port_in_range, program, wait_until

pytestmark = pytest.mark.timeout(90)


def udp_in_use(port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as udp:
        try:
            udp.bind(("127.0.0.1", port))
        except OSError:
            return True
        return False


class Colleague:
    """SIPp as the colleague's phone, answering (or not) at 127.0.0.1:port."""

    def __init__(self, scenario: str, workdir: Path) -> None:
        self.port = port_in_range()
        self.workdir = workdir
        self.process = subprocess.Popen(
            [program("sipp", "sip-tester"), "-sf", str(HERE / "scenarios" / scenario), "-i", "127.0.0.1",
             "-p", str(self.port), "-mp", str(port_in_range(span=4)), "-m", "1", "-nostdin",
             "-timeout", "60s", "-timeout_error", "-trace_err"],
            cwd=workdir, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
        )  # fmt: skip
        wait_until(lambda: udp_in_use(self.port) or self.process.poll() is not None, 30, "SIPp to listen")
        if self.process.poll() is not None:  # e.g. a port taken between choosing and binding it
            raise AssertionError(f"SIPp as the colleague stopped: {self.process.communicate()[1].decode()[-2000:]}")

    @property
    def uri(self) -> str:
        return f"sip:colleague@127.0.0.1:{self.port}"

    def wait(self, timeout: float = 30) -> None:
        _out, err = self.process.communicate(timeout=timeout)
        if self.process.returncode != 0:
            traces = "\n".join(p.read_text(errors="replace")[-3000:] for p in self.workdir.glob("*_errors.log"))
            raise AssertionError(f"the colleague's SIPp failed ({self.process.returncode}): {err.decode()}\n{traces}")

    def kill(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait()


@pytest.fixture
def colleague(tmp_path: Path) -> Iterator[Callable[[str], Colleague]]:
    started: list[Colleague] = []

    def start(scenario: str) -> Colleague:
        workdir = tmp_path / f"colleague{len(started)}"
        workdir.mkdir()
        started.append(Colleague(scenario, workdir))
        return started[-1]

    yield start
    for party in started:
        party.kill()


def answered_caller(sip_line, sipp, scenario: str) -> tuple[IncomingCall, object]:
    sip_line.wait_for_state(LineState.READY, 10)
    caller = sipp(scenario)
    call = sip_line.wait_for(lambda e: isinstance(e, IncomingCall), 10, "the caller")
    sip_line.line.answer(call.call_id)
    sip_line.wait_for(lambda e: isinstance(e, CallAnswered) and e.call_id == call.call_id, 10, "the answer")
    sip_line.line.hold(call.call_id)
    sip_line.wait_for(lambda e: isinstance(e, CallHeld), 10, "the caller on hold")
    return call, caller


def ended(sip_line, call_id: str) -> CallEnded:
    event = sip_line.wait_for(lambda e: isinstance(e, CallEnded) and e.call_id == call_id, 15, f"the end of {call_id}")
    assert isinstance(event, CallEnded)
    return event


def test_warm_transfer_hands_the_caller_to_the_colleague_with_replaces(sip_line, sipp, colleague):
    call, caller = answered_caller(sip_line, sipp, "caller_transferred_warm.xml")
    desk_phone = colleague("colleague_answers.xml")
    consult = sip_line.line.call(desk_phone.uri)
    outgoing = sip_line.wait_for(lambda e: isinstance(e, OutgoingCall), 5, "the call to the colleague")
    assert outgoing == OutgoingCall(consult, desk_phone.uri, outgoing.at)
    sip_line.wait_for(lambda e: isinstance(e, CallAnswered) and e.call_id == consult, 10, "the colleague to answer")

    sip_line.line.transfer_to_call(call.call_id, consult)  # after the agent told the colleague who calls

    assert ended(sip_line, call.call_id).reason is EndReason.TRANSFERRED
    assert ended(sip_line, consult).reason is EndReason.TRANSFERRED
    caller.wait()  # the caller got a REFER whose Refer-To names the colleague with Replaces, then the BYE
    desk_phone.wait()  # the colleague's call ended with the agent's BYE


def test_when_the_colleague_does_not_answer_the_agent_goes_back_to_the_caller(sip_line, sipp, colleague):
    call, caller = answered_caller(sip_line, sipp, "caller_put_on_hold.xml")
    absent = colleague("colleague_absent.xml")
    consult = sip_line.line.call(absent.uri)
    assert ended(sip_line, consult).reason is EndReason.NOT_ANSWERED
    absent.wait()
    sip_line.line.resume(call.call_id)
    sip_line.wait_for(lambda e: isinstance(e, CallResumed) and e.call_id == call.call_id, 10, "the caller back")
    assert not any(isinstance(e, CallEnded) and e.call_id == call.call_id for e in sip_line.events)
    sip_line.line.hang_up(call.call_id)
    assert ended(sip_line, call.call_id).reason is EndReason.AGENT_HUNG_UP
    caller.wait()  # hold, resume and BYE, as a caller sees them


def test_a_number_is_called_through_the_registrar(sip_line, kamailio):
    sip_line.wait_for_state(LineState.READY, 10)
    call_id = sip_line.line.call("06 123 456 78")
    outgoing = sip_line.wait_for(lambda e: isinstance(e, OutgoingCall), 5, "the outgoing call")
    assert outgoing == OutgoingCall(call_id, f"sip:0612345678@127.0.0.1:{kamailio.port}", outgoing.at)
    assert ended(sip_line, call_id).reason is EndReason.NOT_ANSWERED  # Kamailio: 404, nobody has that number


def test_a_target_that_is_no_number_is_refused_before_anything_happens(sip_line):
    sip_line.wait_for_state(LineState.READY, 10)
    before = len(sip_line.events)
    with pytest.raises(ValueError, match="neither a phone number nor a SIP address"):
        sip_line.line.call("mevrouw Jansen")
    assert sip_line.line.pump() == 0 and len(sip_line.events) == before
