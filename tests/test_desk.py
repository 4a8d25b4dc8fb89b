"""The desk driven by the simulated line: the whole life of calls, without Qt."""

from datetime import datetime

from kccdesk.core.clock import ManualClock
from kccdesk.core.desk import Desk
from kccdesk.core.line import CallAnswered, CallEnded, CallerId, EndReason, LineState
from kccdesk.core.phases import Phase
from kccdesk.core.session import CallState
from kccdesk.demo.line import SimulatedLine
from tests.support.manual_time import ManualScheduler


def make_desk(give_up_after=45.0):
    clock = ManualClock(datetime(2026, 11, 23, 9, 30))
    scheduler = ManualScheduler(clock)
    line = SimulatedLine(clock, scheduler, give_up_after=give_up_after)
    desk = Desk(line, clock)
    finished = []
    desk.on_finished(finished.append)
    line.start()
    return desk, line, clock, scheduler, finished


def test_line_is_ready_after_start():
    desk, *_ = make_desk()
    assert desk.line_status.state is LineState.READY


def test_answered_call_walks_all_phases_and_ends():
    desk, line, clock, _s, finished = make_desk()
    line.ring_in(CallerId("0612345678", "A. de Vries"))
    call = desk.current
    assert call.state is CallState.RINGING
    assert call.arrived_wall == datetime(2026, 11, 23, 9, 30).astimezone()
    clock.advance(6.0)
    assert desk.answer()
    assert call.state is CallState.TALKING and call.rings_at_answer == 2
    for _ in range(3):
        assert desk.next_phase()
    assert call.phase is Phase.CLOSING
    assert not desk.next_phase()  # already in the last phase
    clock.advance(90)
    assert desk.hang_up()
    assert finished == [call]
    assert call.state is CallState.ENDED and call.talk_seconds() == 90
    assert not desk.hang_up()  # nothing left to hang up


def test_caller_who_waits_too_long_gives_up():
    desk, line, clock, scheduler, finished = make_desk(give_up_after=30)
    line.ring_in(CallerId("0612345678"))
    clock.advance(30)
    scheduler.run_due()
    assert finished and finished[0].state is CallState.MISSED
    assert finished[0].end_reason is EndReason.CALLER_GAVE_UP
    assert finished[0].ring(clock.monotonic()) == 7
    assert not desk.answer()


def test_a_second_call_waits_with_its_own_ring_count():
    desk, line, clock, _s, _finished = make_desk()
    first = line.ring_in(CallerId("0612345678"))
    desk.answer()
    clock.advance(12)
    second = line.ring_in(CallerId("0687654321"))
    assert desk.current.call_id == first
    waiting = desk.calls[second]
    clock.advance(11)
    assert waiting.ring(clock.monotonic()) == 3
    desk.hang_up()
    assert desk.current is waiting  # the waiting call comes on screen
    assert desk.answer()
    assert waiting.rings_at_answer == 3


def test_doubled_and_stray_events_do_not_corrupt_a_call():
    desk, line, clock, _s, finished = make_desk()
    call_id = line.ring_in(CallerId("0612345678"))
    desk.answer()
    clock.advance(10)
    desk.hang_up()
    call = finished[0]
    # a real line can repeat itself; the desk keeps the first end
    desk.handle(CallEnded(call_id, clock.monotonic() + 5, EndReason.CALLER_HUNG_UP))
    desk.handle(CallAnswered(call_id, clock.monotonic() + 6))
    desk.handle(CallAnswered("nobody", clock.monotonic()))
    assert call.end_reason is EndReason.AGENT_HUNG_UP
    assert call.state is CallState.ENDED
    assert len(finished) == 1


def test_hold_and_resume_through_the_line():
    desk, line, clock, _s, _f = make_desk()
    line.ring_in(CallerId("0612345678"))
    desk.answer()
    assert desk.toggle_hold()
    assert desk.current.state is CallState.ON_HOLD
    clock.advance(20)
    assert desk.toggle_hold()
    assert desk.current.state is CallState.TALKING
    assert desk.current.hold_seconds == 20


def test_rejecting_a_ringing_call_makes_it_missed():
    desk, line, _c, _s, finished = make_desk()
    line.ring_in(CallerId("0612345678"))
    desk.hang_up()
    assert finished[0].state is CallState.MISSED
    assert finished[0].end_reason is EndReason.REJECTED


def test_call_ids_are_unique_across_lines():
    # a new start makes a new line; its calls must not reuse the ids of the
    # calls already stored
    first, *_ = make_desk()
    second, *_ = make_desk()
    ids = {first.line.ring_in(CallerId("0612345678")), second.line.ring_in(CallerId("0612345678"))}
    assert len(ids) == 2


def test_the_agent_takes_a_waiting_call_and_goes_back_to_the_first_on_hold():
    desk, line, clock, _s, _finished = make_desk()
    first = line.ring_in(CallerId("0612345678"))
    desk.answer()
    second = line.ring_in(CallerId("0687654321"))
    assert [c.call_id for c in desk.waiting] == [second]
    clock.advance(5)

    assert desk.switch_call()

    assert desk.current.call_id == second and desk.current.state is CallState.TALKING
    assert desk.calls[first].state is CallState.ON_HOLD
    assert desk.waiting == [] and [c.call_id for c in desk.others] == [first]
    clock.advance(30)
    assert desk.switch_call()  # back to the first caller; the second waits on hold
    assert desk.current.call_id == first and desk.current.state is CallState.TALKING
    assert desk.calls[second].state is CallState.ON_HOLD
    assert desk.calls[first].hold_seconds == 30


def test_a_waiting_call_can_be_declined_and_counts_as_missed():
    desk, line, _c, _s, finished = make_desk()
    first = line.ring_in(CallerId("0612345678"))
    desk.answer()
    line.ring_in(CallerId("0687654321"))

    assert desk.decline_waiting()

    assert desk.current.call_id == first and desk.current.state is CallState.TALKING
    assert [c.state for c in finished] == [CallState.MISSED]
    assert not desk.decline_waiting() and not desk.switch_call()
