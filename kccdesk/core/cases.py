"""The caller's cases (zaken) as kccdesk shows them: what each case is, its
dates and its current status, whether it is still open and past its planned
end, and the order they are shown in (open ones first, newest first)."""

from __future__ import annotations

import enum
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

# A case's key in the access log: "zaak:<identification>".
CASE_SOURCE = "zaak"


@dataclass(frozen=True)
class CaseStatus:
    """The case's current status: the status' own explanation, the day it
    was set, and the name of its status type (from the Catalogi API; "" when
    that is not configured or did not answer)."""

    explanation: str
    since: date | None = None
    name: str = ""


@dataclass(frozen=True)
class Case:
    """One case. ``url`` names it in the Zaken API (the registration links
    it); ``identification`` is what the caller and the agent call it."""

    url: str
    identification: str
    description: str
    started: date | None = None
    planned_end: date | None = None  # einddatumGepland, else uiterlijkeEinddatumAfdoening
    ended: date | None = None  # einddatum: set when the case is closed
    status: CaseStatus | None = None
    case_type: str = ""  # the case type's name (the Catalogi API's zaaktype); "" when not known

    @property
    def key(self) -> str:
        return f"{CASE_SOURCE}:{self.identification or self.url}"

    @property
    def is_open(self) -> bool:
        return self.ended is None

    def overdue(self, today: date) -> bool:
        """Still open after the day it should have been finished."""
        return self.is_open and self.planned_end is not None and self.planned_end < today


class CasesState(enum.Enum):
    NONE = "none"  # no case system, or the record has neither a BSN nor a KvK number
    WAITING = "waiting"
    ANSWERED = "answered"
    FAILED = "failed"  # the case system did not answer in time, or not as its API says


@dataclass(frozen=True)
class CallerCases:
    """The cases of one caller's record, as far as they are known."""

    record: str  # the key of the caller's record they were asked for
    state: CasesState
    cases: tuple[Case, ...] = ()
    problem: str = ""  # with FAILED: the kind of failure (for the application log; no personal data)

    def find(self, identification: str) -> Case | None:
        return next((c for c in self.cases if c.identification == identification), None)


def ordered(cases: Iterable[Case]) -> tuple[Case, ...]:
    """Open cases first, then closed ones; in each, the newest start first
    (a case without a start date last), then by identification."""

    def order(case: Case) -> tuple[bool, int, str]:
        started = -case.started.toordinal() if case.started else 0
        return (not case.is_open, started, case.identification)

    return tuple(sorted(cases, key=order))
