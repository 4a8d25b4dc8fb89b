"""The phone line as the rest of kccdesk sees it.

One small interface with two implementations: the real SIP line (pjsua2, in
a child process) and the simulated line (demo and training). Commands go down
as method calls; what happens comes back as events, plain frozen dataclasses
that can cross a process boundary. Event times are monotonic seconds taken
where the event happened (the INVITE's arrival is the start of the ring count).
"""

from __future__ import annotations

import enum
import re
from abc import ABC, abstractmethod
from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol

_DTMF = re.compile(r"^[0-9*#A-Da-d]{1,32}$")


class InvalidDigits(ValueError):
    """Not keypad digits: only 0-9, *, #, A-D can be sent."""

    def __init__(self, digits: str) -> None:
        super().__init__(f"{digits!r} are not keypad digits (0-9, *, #, A-D)")
        self.digits = digits


def check_dtmf(digits: str) -> str:
    """The keypad digits as sent (upper case); InvalidDigits for anything else."""
    if _DTMF.match(digits) is None:
        raise InvalidDigits(digits)
    return digits.upper()


class LineState(enum.Enum):
    DOWN = "down"
    CONNECTING = "connecting"
    READY = "ready"
    FAILING = "failing"


class EndReason(enum.Enum):
    AGENT_HUNG_UP = "agent_hung_up"
    CALLER_HUNG_UP = "caller_hung_up"
    CALLER_GAVE_UP = "caller_gave_up"  # hung up while it rang: a missed call
    REJECTED = "rejected"
    TRANSFERRED = "transferred"
    NOT_ANSWERED = "not_answered"  # a call the agent made: busy, absent or unreachable
    LINE_LOST = "line_lost"


@dataclass(frozen=True)
class CallerId:
    """Who is calling, as the line reports it. The display name is chosen by
    the caller's side and is shown as plain text only."""

    number: str
    display_name: str = ""
    withheld: bool = False


class SoundPart(enum.Enum):
    HEADSET = "headset"  # the agent's microphone and speaker in a call
    RINGTONE = "ringtone"  # where the phone rings


@dataclass(frozen=True)
class SoundProblem:
    """A part of the sound cannot be used, and why in the sound system's own
    words; an empty ``detail`` says it works again."""

    part: SoundPart
    detail: str


@dataclass(frozen=True)
class LineStatus:
    state: LineState
    reason: str = ""


@dataclass(frozen=True)
class IncomingCall:
    call_id: str
    caller: CallerId
    at: float


@dataclass(frozen=True)
class CallRefused:
    """The line refused a call before it could ring: ``unencrypted`` when the
    caller's side could not encrypt it and encryption is mandatory; else the
    SIP answer the line gave (``code``, ``reason``)."""

    caller: CallerId
    at: float
    code: int
    reason: str
    unencrypted: bool = False


@dataclass(frozen=True)
class OutgoingCall:
    """The agent's line calls ``target`` (e.g. a colleague in a warm transfer)."""

    call_id: str
    target: str
    at: float


@dataclass(frozen=True)
class CallAnswered:
    call_id: str
    at: float


@dataclass(frozen=True)
class CallHeld:
    call_id: str
    at: float


@dataclass(frozen=True)
class CallResumed:
    call_id: str
    at: float


@dataclass(frozen=True)
class CallMuted:
    """The agent's microphone was switched off (``on``) or back on for this call."""

    call_id: str
    at: float
    on: bool


@dataclass(frozen=True)
class CallEnded:
    call_id: str
    at: float
    reason: EndReason


LineEvent = (
    LineStatus
    | SoundProblem
    | IncomingCall
    | CallRefused
    | OutgoingCall
    | CallAnswered
    | CallHeld
    | CallResumed
    | CallMuted
    | CallEnded
)
Listener = Callable[[LineEvent], None]


class Line(ABC):
    """A phone line. Implementations call the listener for every event, on
    the thread that the owner of the line pumps (never from a foreign one)."""

    def __init__(self) -> None:
        self._listener: Listener = lambda event: None

    def set_listener(self, listener: Listener) -> None:
        self._listener = listener

    def emit(self, event: LineEvent) -> None:
        self._listener(event)

    @property
    @abstractmethod
    def description(self) -> str:
        """A short name of the line for the status bar."""

    @abstractmethod
    def start(self) -> None: ...

    @abstractmethod
    def stop(self) -> None: ...

    @abstractmethod
    def answer(self, call_id: str) -> None: ...

    @abstractmethod
    def hang_up(self, call_id: str) -> None: ...

    @abstractmethod
    def hold(self, call_id: str) -> None: ...

    @abstractmethod
    def resume(self, call_id: str) -> None: ...

    @abstractmethod
    def call(self, target: str) -> str:
        """Call ``target``; returns the new call's id. OutgoingCall follows,
        then CallAnswered, or CallEnded with NOT_ANSWERED."""

    @abstractmethod
    def transfer_to_call(self, call_id: str, colleague_call_id: str) -> None:
        """Warm transfer: hand the caller over to the colleague the agent has
        called; both calls then end as TRANSFERRED."""

    @abstractmethod
    def send_dtmf(self, call_id: str, digits: str) -> None:
        """Send keypad tones (0-9, *, #, A-D) to the other side; InvalidDigits
        for anything else (see ``check_dtmf``)."""

    @abstractmethod
    def mute(self, call_id: str, on: bool) -> None:
        """Switch the agent's microphone off (``on``) or back on; answered by CallMuted."""


@dataclass(frozen=True)
class AudioLevels:
    """How loud the agent speaks (input) and hears (output), each from 0 to 1."""

    input: float
    output: float


class PumpedLine(Protocol):
    """A line whose events wait until its owner pumps them: ``wake_fd`` turns
    readable, and the owner calls ``pump()`` on its own thread (the SIP line)."""

    @property
    def wake_fd(self) -> int: ...

    def set_listener(self, listener: Listener) -> None: ...

    def pump(self) -> int: ...

    def start(self) -> None: ...

    def close(self) -> None: ...
