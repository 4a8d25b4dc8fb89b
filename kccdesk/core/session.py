"""One call, from the INVITE to the end: its state, times, rings and phase.

The session only changes through its methods; a move that does not fit the
current state raises InvalidTransition and leaves the session as it was, so
that a double hang-up or a late answer cannot corrupt the figures.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from datetime import datetime

from kccdesk.core.line import CallerId, EndReason
from kccdesk.core.phases import Phase
from kccdesk.core.rings import RingCadence, RingNorm, RingStatus


class CallState(enum.Enum):
    RINGING = "ringing"
    TALKING = "talking"
    ON_HOLD = "on_hold"
    ENDED = "ended"
    MISSED = "missed"

    @property
    def finished(self) -> bool:
        return self in (CallState.ENDED, CallState.MISSED)

    @property
    def connected(self) -> bool:
        return self in (CallState.TALKING, CallState.ON_HOLD)


class InvalidTransition(Exception):
    def __init__(self, action: str, state: CallState) -> None:
        super().__init__(f"cannot {action} a call that is {state.value}")
        self.action = action
        self.state = state


@dataclass(frozen=True)
class Transition:
    state: CallState
    at: float


@dataclass
class CallSession:
    call_id: str
    caller: CallerId
    arrived_at: float  # monotonic seconds
    arrived_wall: datetime  # the wall-clock moment the INVITE arrived
    cadence: RingCadence = field(default_factory=RingCadence)
    norm: RingNorm = field(default_factory=RingNorm)
    state: CallState = CallState.RINGING
    phase: Phase = Phase.OPENING
    answered_at: float | None = None
    ended_at: float | None = None
    end_reason: EndReason | None = None
    hold_seconds: float = 0.0
    _hold_started: float | None = None
    transitions: list[Transition] = field(default_factory=list)

    def __post_init__(self) -> None:
        if not self.transitions:
            self.transitions.append(Transition(CallState.RINGING, self.arrived_at))

    # -- moves -------------------------------------------------------------

    def answer(self, at: float) -> None:
        self._require("answer", CallState.RINGING)
        self.answered_at = max(at, self.arrived_at)
        self._move(CallState.TALKING, self.answered_at)

    def hold(self, at: float) -> None:
        self._require("hold", CallState.TALKING)
        self._hold_started = at
        self._move(CallState.ON_HOLD, at)

    def resume(self, at: float) -> None:
        self._require("resume", CallState.ON_HOLD)
        self._close_hold(at)
        self._move(CallState.TALKING, at)

    def end(self, at: float, reason: EndReason) -> None:
        """The call is over. Ending a call that never got answered makes it
        a missed call, whoever ended it."""
        self._require("end", CallState.RINGING, CallState.TALKING, CallState.ON_HOLD)
        if self.state is CallState.ON_HOLD:
            self._close_hold(at)
        at = max(at, self.answered_at or self.arrived_at)
        self.ended_at = at
        self.end_reason = reason
        self._move(CallState.MISSED if self.state is CallState.RINGING else CallState.ENDED, at)

    def next_phase(self) -> Phase:
        self._require("change the phase of", CallState.TALKING, CallState.ON_HOLD)
        self.phase = self.phase.next() or self.phase
        return self.phase

    def previous_phase(self) -> Phase:
        self._require("change the phase of", CallState.TALKING, CallState.ON_HOLD)
        self.phase = self.phase.previous() or self.phase
        return self.phase

    # -- figures -----------------------------------------------------------

    def ring(self, now: float) -> int:
        """The ring the caller hears now; once answered or over, the ring at
        which that happened."""
        stop = self.answered_at if self.answered_at is not None else self.ended_at
        return self.cadence.ring_at((stop if stop is not None else now) - self.arrived_at)

    def ring_status(self, now: float) -> RingStatus:
        return self.norm.status(self.ring(now))

    @property
    def rings_at_answer(self) -> int | None:
        if self.answered_at is None:
            return None
        return self.cadence.ring_at(self.answered_at - self.arrived_at)

    @property
    def answer_delay(self) -> float | None:
        return None if self.answered_at is None else self.answered_at - self.arrived_at

    @property
    def answered_within_norm(self) -> bool:
        rings = self.rings_at_answer
        return rings is not None and self.norm.met(rings)

    def talk_seconds(self, now: float | None = None) -> float | None:
        """From answer to end (hold included); while talking, up to ``now``."""
        if self.answered_at is None:
            return None
        end = self.ended_at if self.ended_at is not None else now
        return None if end is None else end - self.answered_at

    # -- internals ---------------------------------------------------------

    def _require(self, action: str, *states: CallState) -> None:
        if self.state not in states:
            raise InvalidTransition(action, self.state)

    def _move(self, state: CallState, at: float) -> None:
        self.state = state
        self.transitions.append(Transition(state, at))

    def _close_hold(self, at: float) -> None:
        if self._hold_started is not None:
            self.hold_seconds += max(0.0, at - self._hold_started)
            self._hold_started = None
