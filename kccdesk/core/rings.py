"""Counting rings from the moment the INVITE arrived.

The caller hears a ring cadence (in the Netherlands 1 s tone, 4 s silence);
ring n starts at (n - 1) x period after arrival. The KCC norm is to answer
within ``max_rings`` rings (3).
"""

from __future__ import annotations

import enum
import math
from dataclasses import dataclass


class RingStatus(enum.Enum):
    WITHIN_NORM = "within_norm"
    LAST_RING = "last_ring"  # the last ring within the norm: answer now
    OVER_NORM = "over_norm"


@dataclass(frozen=True)
class RingCadence:
    tone_seconds: float = 1.0
    silence_seconds: float = 4.0

    def __post_init__(self) -> None:
        if not self.tone_seconds > 0:
            raise ValueError("a ring's tone must last longer than 0 seconds")
        if self.silence_seconds < 0:
            raise ValueError("the silence between rings cannot be negative")

    @property
    def period(self) -> float:
        return self.tone_seconds + self.silence_seconds

    def ring_at(self, elapsed: float) -> int:
        """The ring that has started ``elapsed`` seconds after arrival (1-based).

        Ring 1 starts at arrival; before arrival there is no ring (0).
        """
        if elapsed < 0:
            return 0
        return math.floor(elapsed / self.period) + 1

    def ring_starts(self, ring: int) -> float:
        """Seconds after arrival at which ``ring`` starts."""
        if ring < 1:
            raise ValueError("rings are counted from 1")
        return (ring - 1) * self.period

    def is_sounding(self, elapsed: float) -> bool:
        """Whether the tone of a ring is sounding (not the silence between)."""
        return elapsed >= 0 and math.fmod(elapsed, self.period) < self.tone_seconds


@dataclass(frozen=True)
class RingNorm:
    max_rings: int = 3

    def __post_init__(self) -> None:
        if self.max_rings < 1:
            raise ValueError("the norm must allow at least one ring")

    def status(self, ring: int) -> RingStatus:
        if ring < self.max_rings:
            return RingStatus.WITHIN_NORM
        if ring == self.max_rings:
            return RingStatus.LAST_RING
        return RingStatus.OVER_NORM

    def met(self, rings_at_answer: int) -> bool:
        return 1 <= rings_at_answer <= self.max_rings
