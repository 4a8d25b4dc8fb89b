"""The call session's state machine, times and phases."""

from datetime import datetime

import pytest

from kccdesk.core.line import CallerId, EndReason
from kccdesk.core.phases import Phase
from kccdesk.core.rings import RingCadence, RingNorm
from kccdesk.core.session import CallSession, CallState, InvalidTransition


def new_call(arrived=100.0, **kwargs) -> CallSession:
    return CallSession(
        call_id="c1",
        caller=CallerId("0612345678"),
        arrived_at=arrived,
        arrived_wall=datetime(2026, 11, 23, 10, 0).astimezone(),
        **kwargs,
    )


def test_a_whole_call():
    call = new_call()
    assert call.state is CallState.RINGING
    assert call.ring(107.0) == 2
    call.answer(at=107.0)
    assert call.state is CallState.TALKING
    assert call.rings_at_answer == 2
    assert call.answer_delay == 7.0
    assert call.answered_within_norm
    call.hold(at=120.0)
    call.resume(at=150.0)
    call.end(at=207.0, reason=EndReason.AGENT_HUNG_UP)
    assert call.state is CallState.ENDED
    assert call.talk_seconds() == 100.0
    assert call.hold_seconds == 30.0
    assert [t.state for t in call.transitions] == [
        CallState.RINGING,
        CallState.TALKING,
        CallState.ON_HOLD,
        CallState.TALKING,
        CallState.ENDED,
    ]
    # the ring count stays at the ring of answering, however late it is asked
    assert call.ring(500.0) == 2


def test_answer_after_the_norm():
    call = new_call()
    call.answer(at=115.5)
    assert call.rings_at_answer == 4
    assert not call.answered_within_norm


def test_custom_cadence_and_norm_are_used():
    call = new_call(cadence=RingCadence(2.0, 4.0), norm=RingNorm(2))
    call.answer(at=112.0)
    assert call.rings_at_answer == 3
    assert not call.answered_within_norm


def test_caller_gives_up_while_ringing_is_a_missed_call():
    call = new_call()
    call.end(at=118.0, reason=EndReason.CALLER_GAVE_UP)
    assert call.state is CallState.MISSED
    assert call.ring(999.0) == 4
    assert call.answer_delay is None
    assert call.talk_seconds() is None


def test_hang_up_twice_leaves_the_first_end_alone():
    call = new_call()
    call.answer(at=104.0)
    call.end(at=160.0, reason=EndReason.AGENT_HUNG_UP)
    with pytest.raises(InvalidTransition):
        call.end(at=170.0, reason=EndReason.CALLER_HUNG_UP)
    assert call.ended_at == 160.0
    assert call.end_reason is EndReason.AGENT_HUNG_UP
    assert call.state is CallState.ENDED
    assert len(call.transitions) == 3


def test_answer_after_hang_up_is_refused():
    call = new_call()
    call.end(at=103.0, reason=EndReason.CALLER_GAVE_UP)
    with pytest.raises(InvalidTransition):
        call.answer(at=104.0)
    assert call.state is CallState.MISSED
    assert call.answered_at is None


def test_answer_twice_keeps_the_first_answer():
    call = new_call()
    call.answer(at=102.0)
    with pytest.raises(InvalidTransition):
        call.answer(at=130.0)
    assert call.answered_at == 102.0


@pytest.mark.parametrize("move", ["hold", "resume"])
def test_hold_and_resume_only_when_they_fit(move):
    call = new_call()
    with pytest.raises(InvalidTransition):
        getattr(call, move)(at=101.0)
    assert call.state is CallState.RINGING


def test_ending_while_on_hold_counts_the_hold():
    call = new_call()
    call.answer(at=100.0)
    call.hold(at=110.0)
    call.end(at=130.0, reason=EndReason.CALLER_HUNG_UP)
    assert call.hold_seconds == 20.0
    assert call.state is CallState.ENDED


def test_times_from_a_clock_that_runs_backwards_are_clamped():
    call = new_call()
    call.answer(at=99.0)  # an event stamped before the INVITE
    assert call.answer_delay == 0.0
    call.end(at=98.0, reason=EndReason.AGENT_HUNG_UP)
    assert call.talk_seconds() == 0.0


def test_phases_walk_forward_and_back_within_bounds():
    call = new_call()
    with pytest.raises(InvalidTransition):
        call.next_phase()  # not before answering
    call.answer(at=101.0)
    assert call.phase is Phase.OPENING
    assert call.previous_phase() is Phase.OPENING
    assert [call.next_phase() for _ in range(4)] == [
        Phase.ANALYSIS,
        Phase.ACTION,
        Phase.CLOSING,
        Phase.CLOSING,
    ]
    assert call.previous_phase() is Phase.ACTION
    call.end(at=200.0, reason=EndReason.AGENT_HUNG_UP)
    with pytest.raises(InvalidTransition):
        call.next_phase()
    assert call.phase is Phase.ACTION
