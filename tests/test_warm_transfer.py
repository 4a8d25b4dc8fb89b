"""Warm transfer and mute on the desk, driven by the simulated line: the
caller is held while the agent calls a colleague, then handed over; when the
colleague does not answer, the agent is back with the caller."""

from kccdesk.core.consultation import ConsultState
from kccdesk.core.line import CallerId, EndReason
from kccdesk.core.session import CallState
from tests.test_desk import make_desk

COLLEAGUE = "sip:burgerzaken@pbx.example.nl"


def talking_desk():
    desk, line, clock, scheduler, finished = make_desk()
    line.ring_in(CallerId("0612345678"))
    desk.answer()
    return desk, line, clock, scheduler, finished


def test_caller_is_held_while_the_colleague_is_told_then_handed_over():
    desk, _line, clock, scheduler, finished = talking_desk()
    caller = desk.current
    assert desk.start_warm_transfer(COLLEAGUE)
    assert caller.state is CallState.ON_HOLD
    assert desk.consultation.state is ConsultState.CALLING
    assert not desk.complete_warm_transfer()  # the colleague has not answered yet
    clock.advance(2)
    scheduler.run_due()
    assert desk.consultation.state is ConsultState.TALKING
    assert not desk.start_warm_transfer(COLLEAGUE)  # one at a time
    assert desk.complete_warm_transfer()
    assert caller.state is CallState.ENDED and caller.end_reason is EndReason.TRANSFERRED
    assert desk.consultation.state is ConsultState.TRANSFERRED
    assert finished == [caller]  # the caller's registration follows; the colleague's call is no call of the desk
    assert desk.calls == {}


def test_when_the_colleague_does_not_answer_the_agent_is_back_with_the_caller():
    desk, line, clock, scheduler, _finished = talking_desk()
    line.colleague_answers = False
    caller = desk.current
    desk.start_warm_transfer(COLLEAGUE)
    clock.advance(2)
    scheduler.run_due()
    assert desk.consultation.state is ConsultState.ABSENT  # the UI offers a callback request
    assert caller.state is CallState.TALKING
    assert desk.current is caller


def test_agent_can_break_off_the_consultation():
    desk, _line, clock, scheduler, _finished = talking_desk()
    caller = desk.current
    desk.start_warm_transfer(COLLEAGUE)
    clock.advance(2)
    scheduler.run_due()
    assert desk.cancel_warm_transfer()
    assert desk.consultation.state is ConsultState.ENDED
    assert caller.state is CallState.TALKING
    assert not desk.cancel_warm_transfer()


def test_no_warm_transfer_without_a_call_in_progress():
    desk, line, _clock, _scheduler, _finished = make_desk()
    assert not desk.start_warm_transfer(COLLEAGUE)
    line.ring_in(CallerId("0612345678"))
    assert not desk.start_warm_transfer(COLLEAGUE)  # still ringing
    assert desk.consultation is None


def test_mute_is_switched_through_the_line_and_shown_by_the_desk():
    desk, _line, _clock, _scheduler, _finished = talking_desk()
    call_id = desk.current.call_id
    assert desk.toggle_mute()
    assert desk.muted == {call_id}
    assert desk.toggle_mute()
    assert desk.muted == set()
    desk.toggle_mute()
    desk.hang_up()
    assert desk.muted == set()
    assert not desk.toggle_mute()  # no call in progress
