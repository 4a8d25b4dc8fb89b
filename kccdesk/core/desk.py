"""The agent's desk: the line, the calls on it and the call being handled.

Line events are the only thing that move a call on; the agent's commands go
to the line, which answers with events. That way the real SIP line and the
simulated line drive the same code, and a late or doubled event from the line
cannot corrupt a call (it is logged and ignored).
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from kccdesk.core.clock import Clock
from kccdesk.core.consultation import Consultation, ConsultState
from kccdesk.core.line import (
    CallAnswered,
    CallEnded,
    CallHeld,
    CallMuted,
    CallRefused,
    CallResumed,
    EndReason,
    IncomingCall,
    Line,
    LineEvent,
    LineState,
    LineStatus,
    OutgoingCall,
    SoundPart,
    SoundProblem,
)
from kccdesk.core.rings import RingCadence, RingNorm
from kccdesk.core.session import CallSession, CallState, InvalidTransition

log = logging.getLogger(__name__)

Observer = Callable[[], None]
FinishedObserver = Callable[[CallSession], None]
IncomingObserver = Callable[[CallSession], None]


class Desk:
    def __init__(
        self,
        line: Line,
        clock: Clock,
        cadence: RingCadence | None = None,
        norm: RingNorm | None = None,
    ) -> None:
        self.line = line
        self.clock = clock
        self.cadence = cadence or RingCadence()
        self.norm = norm or RingNorm()
        self.line_status = LineStatus(LineState.DOWN)
        self.calls: dict[str, CallSession] = {}  # live calls, by id
        self.current: CallSession | None = None  # the call on screen
        self.consultation: Consultation | None = None  # the latest warm transfer, under way or done
        self.muted: set[str] = set()  # calls in which the agent's microphone is off
        self.sound_problems: dict[SoundPart, str] = {}  # what does not work of the sound, and why
        self.refused: CallRefused | None = None  # the latest call the line refused before it rang
        self._on_change: list[Observer] = []
        self._on_incoming: list[IncomingObserver] = []
        self._on_finished: list[FinishedObserver] = []
        line.set_listener(self.handle)

    # -- observers ---------------------------------------------------------

    def on_change(self, observer: Observer) -> None:
        self._on_change.append(observer)

    def on_incoming(self, observer: IncomingObserver) -> None:
        self._on_incoming.append(observer)

    def on_finished(self, observer: FinishedObserver) -> None:
        self._on_finished.append(observer)

    # -- what the line reports ---------------------------------------------

    def handle(self, event: LineEvent) -> None:
        try:
            self._apply(event)
        except InvalidTransition as exc:
            log.warning("ignored %s from the line: %s", type(event).__name__, exc)
            return
        for observer in self._on_change:
            observer()

    def _apply(self, event: LineEvent) -> None:
        if isinstance(event, LineStatus):
            self.line_status = event
            return
        if isinstance(event, SoundProblem):
            if event.detail:
                self.sound_problems[event.part] = event.detail
            else:
                self.sound_problems.pop(event.part, None)
            return
        if isinstance(event, IncomingCall):
            self._incoming(event)
            return
        if isinstance(event, CallRefused):
            self.refused = event
            return
        if isinstance(event, OutgoingCall):
            return  # the desk knows its own calls from line.call()
        if self.consultation is not None and event.call_id == self.consultation.call_id:
            self._consultation_event(event)
            return
        session = self.calls.get(event.call_id)
        if session is None:
            log.warning("ignored %s for a call that is not on this desk", type(event).__name__)
            return
        if isinstance(event, CallAnswered):
            session.answer(event.at)
            self.current = session
        elif isinstance(event, CallHeld):
            session.hold(event.at)
        elif isinstance(event, CallResumed):
            session.resume(event.at)
            self.current = session  # the call the agent talks to is the one on screen
        elif isinstance(event, CallMuted):
            (self.muted.add if event.on else self.muted.discard)(event.call_id)
        elif isinstance(event, CallEnded):
            session.end(event.at, event.reason)
            del self.calls[event.call_id]
            self.muted.discard(event.call_id)
            for observer in self._on_finished:
                observer(session)
            if self.current is session and self.calls:
                self.current = next(iter(self.calls.values()))

    def _consultation_event(self, event: LineEvent) -> None:
        consultation = self.consultation
        assert consultation is not None
        if isinstance(event, CallAnswered) and consultation.state is ConsultState.CALLING:
            consultation.state = ConsultState.TALKING
        elif isinstance(event, CallEnded) and consultation.active:
            if event.reason is EndReason.TRANSFERRED:
                consultation.state = ConsultState.TRANSFERRED
                return
            absent = event.reason is EndReason.NOT_ANSWERED
            consultation.state = ConsultState.ABSENT if absent else ConsultState.ENDED
            caller = self.calls.get(consultation.caller_call_id)
            if caller is not None and caller.state is CallState.ON_HOLD:
                self.line.resume(caller.call_id)  # back to the caller

    def _incoming(self, event: IncomingCall) -> None:
        if event.call_id in self.calls:
            log.warning("ignored a second IncomingCall for the same call")
            return
        session = CallSession(
            call_id=event.call_id,
            caller=event.caller,
            arrived_at=event.at,
            arrived_wall=self.clock.now(),
            cadence=self.cadence,
            norm=self.norm,
        )
        self.calls[event.call_id] = session
        if self.current is None or self.current.state.finished:
            self.current = session
        for observer in self._on_incoming:
            observer(session)

    # -- what the agent does -----------------------------------------------

    def answer(self) -> bool:
        call = self.current
        if call is None or call.state is not CallState.RINGING:
            return False
        self.line.answer(call.call_id)
        return True

    def hang_up(self) -> bool:
        call = self.current
        if call is None or call.state.finished:
            return False
        self.line.hang_up(call.call_id)
        return True

    def toggle_hold(self) -> bool:
        call = self.current
        if call is None:
            return False
        if call.state is CallState.TALKING:
            self.line.hold(call.call_id)
        elif call.state is CallState.ON_HOLD:
            self.line.resume(call.call_id)
        else:
            return False
        return True

    @property
    def others(self) -> list[CallSession]:
        """The live calls besides the one on screen: waiting (ringing) and on hold."""
        return [call for call in self.calls.values() if call is not self.current]

    @property
    def waiting(self) -> list[CallSession]:
        """Calls ringing while the agent handles another, longest waiting first."""
        return [call for call in self.others if call.state is CallState.RINGING]

    def switch_call(self) -> bool:
        """Put the call on screen on hold and take the other one: the
        longest-waiting call, or else the call on hold."""
        target = next(iter(self.waiting), None) or next(
            (call for call in self.others if call.state is CallState.ON_HOLD), None
        )
        if target is None:
            return False
        current = self.current
        if current is not None and current.state is CallState.TALKING:
            self.line.hold(current.call_id)
        if target.state is CallState.RINGING:
            self.line.answer(target.call_id)
        else:
            self.line.resume(target.call_id)
        return True

    def decline_waiting(self) -> bool:
        """Send the longest-waiting call away busy; it counts as missed."""
        waiting = self.waiting
        if not waiting:
            return False
        self.line.hang_up(waiting[0].call_id)
        return True

    def send_dtmf(self, digits: str) -> bool:
        """Keypad tones to the call on screen (a menu, a PIN); InvalidDigits
        for anything but 0-9, *, #, A-D."""
        call = self.current
        if call is None or call.state is not CallState.TALKING:
            return False
        self.line.send_dtmf(call.call_id, digits)
        return True

    def toggle_mute(self) -> bool:
        call = self.current
        if call is None or not call.state.connected:
            return False
        self.line.mute(call.call_id, call.call_id not in self.muted)
        return True

    def start_warm_transfer(self, target: str) -> bool:
        """Put the caller on hold and call the colleague at ``target``."""
        call = self.current
        if call is None or not call.state.connected or (self.consultation and self.consultation.active):
            return False
        consultation = Consultation(call.call_id, self.line.call(target), target)  # may refuse the target
        if call.state is CallState.TALKING:
            self.line.hold(call.call_id)
        self.consultation = consultation
        for observer in self._on_change:
            observer()
        return True

    def complete_warm_transfer(self) -> bool:
        """Hand the caller over to the colleague the agent is talking to."""
        consultation = self.consultation
        if consultation is None or consultation.state is not ConsultState.TALKING:
            return False
        self.line.transfer_to_call(consultation.caller_call_id, consultation.call_id)
        return True

    def cancel_warm_transfer(self) -> bool:
        """End the call to the colleague; the caller comes off hold."""
        consultation = self.consultation
        if consultation is None or not consultation.active:
            return False
        self.line.hang_up(consultation.call_id)
        return True

    def next_phase(self) -> bool:
        return self._move_phase(forward=True)

    def previous_phase(self) -> bool:
        return self._move_phase(forward=False)

    def _move_phase(self, forward: bool) -> bool:
        call = self.current
        if call is None or not call.state.connected:
            return False
        before = call.phase
        after = call.next_phase() if forward else call.previous_phase()
        if after is not before:
            for observer in self._on_change:
                observer()
        return after is not before
