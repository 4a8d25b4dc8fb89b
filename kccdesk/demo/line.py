"""A simulated phone line for the demo and for training.

It behaves like the real line as far as the rest of kccdesk can see: calls
ring, can be answered, held and hung up, and a caller who is kept waiting too
long gives up. Time comes from the clock it is given; the give-up timer from
a scheduler (Qt's timers in the app, a manual one in tests).
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Protocol

from kccdesk.core.clock import Clock
from kccdesk.core.line import (
    CallAnswered,
    CallEnded,
    CallerId,
    CallHeld,
    CallMuted,
    CallResumed,
    EndReason,
    IncomingCall,
    Line,
    LineState,
    LineStatus,
    OutgoingCall,
    check_dtmf,
)
from kccdesk.i18n import _


class Scheduler(Protocol):
    def __call__(self, delay_seconds: float, action: Callable[[], None]) -> None: ...


class SimulatedLine(Line):
    def __init__(
        self,
        clock: Clock,
        scheduler: Scheduler | None = None,
        give_up_after: float = 45.0,
        colleague_answers: bool = True,
        colleague_after: float = 2.0,
    ) -> None:
        super().__init__()
        self.colleague_answers = colleague_answers  # False: every colleague is absent
        self._colleague_after = colleague_after
        self._clock = clock
        self._scheduler = scheduler
        self._give_up_after = give_up_after
        self._calls: dict[str, str] = {}  # call id -> "ringing" | "calling" | "talking" | "held"
        self.dtmf_sent: list[tuple[str, str]] = []  # (call id, digits)

    @property
    def description(self) -> str:
        return _("simulated line")

    def start(self) -> None:
        self.emit(LineStatus(LineState.READY))

    def stop(self) -> None:
        for call_id in list(self._calls):
            self._end(call_id, EndReason.LINE_LOST)
        self.emit(LineStatus(LineState.DOWN))

    # -- what a caller does ------------------------------------------------

    def ring_in(self, caller: CallerId) -> str:
        """A caller dials the agent; returns the new call's id."""
        call_id = f"sim-{uuid.uuid4().hex}"  # unique across starts: the store keys calls on it
        self._calls[call_id] = "ringing"
        self.emit(IncomingCall(call_id, caller, self._clock.monotonic()))
        if self._scheduler is not None:
            self._scheduler(self._give_up_after, lambda: self._give_up(call_id))
        return call_id

    def caller_hangs_up(self, call_id: str) -> None:
        if call_id in self._calls:
            ringing = self._calls[call_id] == "ringing"
            self._end(call_id, EndReason.CALLER_GAVE_UP if ringing else EndReason.CALLER_HUNG_UP)

    def _give_up(self, call_id: str) -> None:
        if self._calls.get(call_id) == "ringing":
            self._end(call_id, EndReason.CALLER_GAVE_UP)

    # -- what the agent does -----------------------------------------------

    def answer(self, call_id: str) -> None:
        if self._calls.get(call_id) == "ringing":
            self._calls[call_id] = "talking"
            self.emit(CallAnswered(call_id, self._clock.monotonic()))

    def hang_up(self, call_id: str) -> None:
        state = self._calls.get(call_id)
        if state is not None:
            self._end(call_id, EndReason.REJECTED if state == "ringing" else EndReason.AGENT_HUNG_UP)

    def hold(self, call_id: str) -> None:
        if self._calls.get(call_id) == "talking":
            self._calls[call_id] = "held"
            self.emit(CallHeld(call_id, self._clock.monotonic()))

    def resume(self, call_id: str) -> None:
        if self._calls.get(call_id) == "held":
            self._calls[call_id] = "talking"
            self.emit(CallResumed(call_id, self._clock.monotonic()))

    def send_dtmf(self, call_id: str, digits: str) -> None:
        """Nobody listens on a simulated line; what was sent is kept to look at."""
        digits = check_dtmf(digits)
        if self._calls.get(call_id) == "talking":
            self.dtmf_sent.append((call_id, digits))

    def mute(self, call_id: str, on: bool) -> None:
        if self._calls.get(call_id) in ("talking", "held"):
            self.emit(CallMuted(call_id, self._clock.monotonic(), on))

    def call(self, target: str) -> str:
        """The agent calls a colleague, who answers (or not) after a moment."""
        call_id = f"sim-{uuid.uuid4().hex}"
        self._calls[call_id] = "calling"
        self.emit(OutgoingCall(call_id, target, self._clock.monotonic()))
        if self._scheduler is not None:
            self._scheduler(self._colleague_after, lambda: self._colleague_picks_up(call_id))
        return call_id

    def _colleague_picks_up(self, call_id: str) -> None:
        if self._calls.get(call_id) != "calling":
            return
        if self.colleague_answers:
            self._calls[call_id] = "talking"
            self.emit(CallAnswered(call_id, self._clock.monotonic()))
        else:
            self._end(call_id, EndReason.NOT_ANSWERED)

    def transfer_to_call(self, call_id: str, colleague_call_id: str) -> None:
        if self._calls.get(call_id) in ("talking", "held") and self._calls.get(colleague_call_id) == "talking":
            self._end(call_id, EndReason.TRANSFERRED)
            self._end(colleague_call_id, EndReason.TRANSFERRED)

    def _end(self, call_id: str, reason: EndReason) -> None:
        del self._calls[call_id]
        self.emit(CallEnded(call_id, self._clock.monotonic(), reason))
