"""The team's figures against the KCC norms, from the facts of stored calls.

Pure computation: the store gives a list of CallFact, this module adds them
up, overall or per agent, subject or day. ``kccdesk stats`` and the
dashboard both show what ``summarise`` returns.

Definitions (shown next to the figures):

- answered within the norm: answered calls with at most the norm's rings
  (settings ``rings.max_rings``, 3 by default) ÷ answered calls;
- directly handled: registered questions whose outcome counts as handled
  directly ÷ registered questions with an outcome. The target is 60 %, and
  85 % for the social domain (subjects under the Participatiewet, Wmo or
  Jeugdwet, marked in the subject list);
- count-only questions (simple general questions such as opening hours,
  which the working rules only count) are counted on their own and are not
  part of the directly-handled percentage: they carry no registered outcome,
  and the norm is about the questions the KCC registers.
"""

from __future__ import annotations

import enum
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from functools import cached_property
from zoneinfo import ZoneInfo

TIME_ZONE = ZoneInfo("Europe/Amsterdam")
DIRECT_TARGET = 0.60
SOCIAL_DIRECT_TARGET = 0.85


class PeriodChoice(enum.Enum):
    TODAY = "today"
    THIS_WEEK = "week"
    THIS_MONTH = "month"
    CUSTOM = "custom"


def period_for(choice: PeriodChoice, today: date) -> tuple[date, date]:
    """The first and last day of a chosen period up to ``today`` (a week starts on Monday)."""
    if choice is PeriodChoice.THIS_WEEK:
        return today - timedelta(days=today.weekday()), today
    if choice is PeriodChoice.THIS_MONTH:
        return today.replace(day=1), today
    return today, today


class GroupBy(enum.Enum):
    AGENT = "agent"
    SUBJECT = "subject"
    DOMAIN = "domain"  # the social domain, the other subjects, no subject
    DAY = "day"


SOCIAL_DOMAIN = "social"
OTHER_DOMAIN = "other"


@dataclass(frozen=True)
class CallFact:
    """One stored call with what its registration says, as the figures need it."""

    started_at: datetime
    agent: str
    answered: bool
    rings: int
    answer_delay: float | None = None
    talk_seconds: float | None = None
    subject: str = ""  # "" when the call has no registration
    outcome: str | None = None
    handled_directly: bool | None = None
    count_only: bool = False
    after_call_seconds: float | None = None
    social_domain: bool = False
    about_case: bool = False  # the registration is linked to one of the caller's cases

    @cached_property
    def day(self) -> date:
        return self.started_at.astimezone(TIME_ZONE).date()

    @property
    def question(self) -> bool:
        """A registered question that counts towards the directly-handled %."""
        return self.outcome is not None and not self.count_only


@dataclass(frozen=True)
class Ratio:
    part: int
    whole: int

    @property
    def value(self) -> float | None:
        return self.part / self.whole if self.whole else None


@dataclass(frozen=True)
class Figures:
    calls: int
    answered: int
    missed: int
    within_norm: Ratio
    average_rings: float | None
    average_answer_delay: float | None
    talk_seconds: float
    average_talk_seconds: float | None
    after_call_seconds: float
    average_after_call_seconds: float | None
    outcomes: dict[str, int]
    count_only: int
    handled_directly: Ratio
    social_handled_directly: Ratio
    direct_target: float  # 0.85 for a group that is all social domain, else 0.60
    ring_counts: dict[int, int] = field(default_factory=dict)  # rings at answer → answered calls
    about_case: int = 0  # registered calls about one of the caller's cases ("how is my application going?")


@dataclass(frozen=True)
class Group:
    key: str  # the agent, subject, domain or day (ISO) the figures are for; "" (none) comes last
    figures: Figures


@dataclass(frozen=True)
class Summary:
    start: date
    end: date  # inclusive
    max_rings: int
    overall: Figures
    groups: tuple[Group, ...]
    by: GroupBy | None


@dataclass(frozen=True)
class Backlog:
    """What is still waiting now, whatever the period."""

    callbacks_open: int
    callbacks_overdue: int  # open, and due before now
    outbox_pending: int  # registrations not delivered yet (waiting or parked)
    outbox_parked: int = 0  # of those: refused by the registration system, waiting for a supervisor


def period_bounds(start: date, end: date) -> tuple[datetime, datetime]:
    """The moments (UTC) from the start of ``start`` to the end of ``end``, Amsterdam time."""
    if end < start:
        raise ValueError("the period ends before it starts")
    first = datetime.combine(start, time(), TIME_ZONE)
    after = datetime.combine(end + timedelta(days=1), time(), TIME_ZONE)
    return first.astimezone(UTC), after.astimezone(UTC)


def figures(facts: Sequence[CallFact], max_rings: int) -> Figures:
    answered = [f for f in facts if f.answered]
    questions = [f for f in facts if f.question]
    social = [f for f in questions if f.social_domain]
    all_social = bool(questions) and len(social) == len(questions)
    talk = [f.talk_seconds for f in answered if f.talk_seconds is not None]
    after = [f.after_call_seconds for f in facts if f.after_call_seconds is not None]
    return Figures(
        calls=len(facts),
        answered=len(answered),
        missed=len(facts) - len(answered),
        within_norm=Ratio(sum(1 for f in answered if 1 <= f.rings <= max_rings), len(answered)),
        average_rings=_mean([f.rings for f in answered]),
        average_answer_delay=_mean([f.answer_delay for f in answered if f.answer_delay is not None]),
        talk_seconds=sum(talk),
        average_talk_seconds=_mean(talk),
        after_call_seconds=sum(after),
        average_after_call_seconds=_mean(after),
        outcomes=dict(Counter(f.outcome for f in questions if f.outcome is not None)),
        count_only=sum(1 for f in facts if f.count_only),
        handled_directly=Ratio(sum(1 for f in questions if f.handled_directly), len(questions)),
        social_handled_directly=Ratio(sum(1 for f in social if f.handled_directly), len(social)),
        direct_target=SOCIAL_DIRECT_TARGET if all_social else DIRECT_TARGET,
        ring_counts=dict(sorted(Counter(f.rings for f in answered).items())),
        about_case=sum(1 for f in facts if f.about_case),
    )


def summarise(facts: Iterable[CallFact], start: date, end: date, max_rings: int, by: GroupBy | None = None) -> Summary:
    """The figures of the calls that started from ``start`` to ``end``
    (inclusive, Amsterdam time), overall and per group."""
    chosen = [f for f in facts if start <= f.day <= end]
    groups: tuple[Group, ...] = ()
    if by is not None:
        key = _KEYS[by]
        grouped: dict[str, list[CallFact]] = {}
        for fact in chosen:
            grouped.setdefault(key(fact), []).append(fact)
        groups = tuple(Group(k, figures(grouped[k], max_rings)) for k in sorted(grouped, key=lambda k: (k == "", k)))
    return Summary(start, end, max_rings, figures(chosen, max_rings), groups, by)


def _mean(values: Sequence[float | int]) -> float | None:
    return sum(values) / len(values) if values else None


_KEYS: dict[GroupBy, Callable[[CallFact], str]] = {
    GroupBy.AGENT: lambda f: f.agent,
    GroupBy.SUBJECT: lambda f: f.subject,
    GroupBy.DOMAIN: lambda f: "" if not f.subject else SOCIAL_DOMAIN if f.social_domain else OTHER_DOMAIN,
    GroupBy.DAY: lambda f: f.day.isoformat(),
}
