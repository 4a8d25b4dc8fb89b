"""A warm transfer under way: the caller on hold while the agent calls a
colleague, tells them who is calling, and then hands the caller over. When
the colleague does not answer the agent goes back to the caller (the rule:
then a callback request is made instead)."""

from __future__ import annotations

import enum
from dataclasses import dataclass


class ConsultState(enum.Enum):
    CALLING = "calling"  # the colleague's phone rings
    TALKING = "talking"  # the agent tells the colleague who is calling
    ABSENT = "absent"  # the colleague did not answer: back to the caller
    ENDED = "ended"  # the agent or the colleague ended the call: back to the caller
    TRANSFERRED = "transferred"  # the caller was handed over


@dataclass
class Consultation:
    caller_call_id: str
    call_id: str  # the agent's call to the colleague
    target: str
    state: ConsultState = ConsultState.CALLING

    @property
    def active(self) -> bool:
        return self.state in (ConsultState.CALLING, ConsultState.TALKING)
