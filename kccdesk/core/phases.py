"""The four phases of the conversation structure (gespreksstructuur)."""

from __future__ import annotations

import enum


class Phase(enum.Enum):
    OPENING = "opening"  # fase 1: aanvang
    ANALYSIS = "analysis"  # fase 2: analyse
    ACTION = "action"  # fase 3: actie
    CLOSING = "closing"  # fase 4: afsluiting

    @property
    def number(self) -> int:
        return PHASES.index(self) + 1

    def next(self) -> Phase | None:
        i = PHASES.index(self)
        return PHASES[i + 1] if i + 1 < len(PHASES) else None

    def previous(self) -> Phase | None:
        i = PHASES.index(self)
        return PHASES[i - 1] if i > 0 else None


PHASES: tuple[Phase, ...] = tuple(Phase)
