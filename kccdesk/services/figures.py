"""The team's figures against the KCC norms, for ``kccdesk stats`` and the
dashboard alike: read from one database (with the subject list in use, for
the social domain), and shown as a table, one row per figure with its
heading and its definition, in the same order everywhere."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

from kccdesk.core.registration import Outcome
from kccdesk.core.stats import (
    OTHER_DOMAIN,
    SOCIAL_DOMAIN,
    Backlog,
    Figures,
    GroupBy,
    Ratio,
    Summary,
    summarise,
)
from kccdesk.core.subjects import SubjectList
from kccdesk.i18n import N_, _, current_language
from kccdesk.i18n.names import OUTCOMES
from kccdesk.store import Database
from kccdesk.store.stats import backlog, call_facts

Value = int | float | None


class TeamStats:
    """The figures of one database, for ``kccdesk stats`` and the dashboard alike."""

    def __init__(self, db: Database, subjects: SubjectList, max_rings: int) -> None:
        self.db = db
        self.subjects = subjects
        self.max_rings = max_rings

    def figures(
        self, start: date, end: date, by: GroupBy | None = None, now: datetime | None = None
    ) -> tuple[Summary, Backlog]:
        facts = call_facts(self.db, start, end, self.subjects)
        return summarise(facts, start, end, self.max_rings, by), backlog(self.db, now or datetime.now(UTC))


@dataclass(frozen=True)
class Row:
    key: str  # the name in JSON
    heading: str  # translated with _() where shown; may hold {rings}
    value: Callable[[Figures], Value]
    kind: str = "count"  # count, percent, seconds or number


def _percent(ratio: Callable[[Figures], Ratio]) -> Callable[[Figures], Value]:
    def value(figures: Figures) -> Value:
        fraction = ratio(figures).value
        return None if fraction is None else round(fraction * 100, 1)

    return value


def _rounded(get: Callable[[Figures], float | None]) -> Callable[[Figures], Value]:
    def value(figures: Figures) -> Value:
        number = get(figures)
        return None if number is None else round(number, 1)

    return value


def _outcome(code: str) -> Callable[[Figures], Value]:
    return lambda figures: figures.outcomes.get(code, 0)


ROWS: tuple[Row, ...] = (
    Row("calls", N_("Calls"), lambda f: f.calls),
    Row("answered", N_("Answered"), lambda f: f.answered),
    Row("missed", N_("Missed"), lambda f: f.missed),
    Row(
        "answered_within_norm_percent",
        N_("Answered within {rings} rings"),
        _percent(lambda f: f.within_norm),
        "percent",
    ),
    Row("average_rings", N_("Average rings"), _rounded(lambda f: f.average_rings), "number"),
    Row(
        "average_answer_delay_seconds",
        N_("Average answer delay"),
        _rounded(lambda f: f.average_answer_delay),
        "seconds",
    ),
    Row("talk_seconds", N_("Talk time"), _rounded(lambda f: f.talk_seconds), "seconds"),
    Row("average_talk_seconds", N_("Average talk time"), _rounded(lambda f: f.average_talk_seconds), "seconds"),
    Row("after_call_seconds", N_("After-call work"), _rounded(lambda f: f.after_call_seconds), "seconds"),
    Row(
        "average_after_call_seconds",
        N_("Average after-call work"),
        _rounded(lambda f: f.average_after_call_seconds),
        "seconds",
    ),
    *(Row(f"outcome_{o.code}", OUTCOMES[o], _outcome(o.code)) for o in Outcome),
    Row("questions", N_("Registered questions"), lambda f: f.handled_directly.whole),
    Row("count_only", N_("Count-only questions"), lambda f: f.count_only),
    Row("about_case", N_("Calls about a case"), lambda f: f.about_case),
    Row("handled_directly_percent", N_("Handled directly"), _percent(lambda f: f.handled_directly), "percent"),
    Row("direct_target_percent", N_("Target handled directly"), lambda f: round(f.direct_target * 100), "percent"),
    Row(
        "social_handled_directly_percent",
        N_("Handled directly, social domain (target 85 %)"),
        _percent(lambda f: f.social_handled_directly),
        "percent",
    ),
)

BACKLOG_ROWS: tuple[tuple[str, str], ...] = (
    ("callbacks_open", N_("Open callback requests")),
    ("callbacks_overdue", N_("Overdue callback requests")),
    ("outbox_pending", N_("Registrations not delivered yet")),
    ("outbox_parked", N_("Registrations refused (parked)")),
)

GROUP_HEADINGS = {
    GroupBy.AGENT: N_("Agent"),
    GroupBy.SUBJECT: N_("Subject"),
    GroupBy.DOMAIN: N_("Domain"),
    GroupBy.DAY: N_("Day"),
}
DOMAINS = {SOCIAL_DOMAIN: N_("Social domain"), OTHER_DOMAIN: N_("Other subjects")}


def heading(row: Row, max_rings: int) -> str:
    return _(row.heading).format(rings=max_rings)


def definitions(max_rings: int) -> list[str]:
    return [
        _(
            "Answered within {rings} rings: answered calls with {rings} rings or fewer, out of all answered calls."
        ).format(rings=max_rings),
        _(
            "Handled directly: registered questions with an outcome that counts as handled directly, "
            "out of all registered questions with an outcome. Target 60 %, 85 % for the social domain "
            "(Participatiewet, Wmo, Jeugdwet)."
        ),
        _(
            "Count-only questions (simple general questions) are counted, but are not part of "
            "the percentage handled directly."
        ),
    ]


def group_label(key: str, by: GroupBy | None) -> str:
    if key == "":
        return _("(no subject)") if by in (GroupBy.SUBJECT, GroupBy.DOMAIN) else _("(unknown)")
    return _(DOMAINS[key]) if by is GroupBy.DOMAIN else key


def columns(summary: Summary) -> list[tuple[str, Figures]]:
    """The table's columns: the total first, then each group."""
    return [(_("Total"), summary.overall)] + [(group_label(g.key, summary.by), g.figures) for g in summary.groups]


def show(value: Value, kind: str) -> str:
    """A value as a person reads it, in the app's language."""
    if value is None:
        return "–"
    if kind == "count":
        return str(value)
    text = f"{value:.1f}" if isinstance(value, float) or kind != "percent" else str(value)
    if current_language() == "nl":
        text = text.replace(".", ",")
    return {"percent": f"{text} %", "seconds": f"{text} s"}.get(kind, text)


def as_json(summary: Summary, backlog: Backlog) -> dict[str, Any]:
    def values(figures: Figures) -> dict[str, Any]:
        return {row.key: row.value(figures) for row in ROWS} | {"ring_counts": figures.ring_counts}

    return {
        "from": summary.start.isoformat(),
        "to": summary.end.isoformat(),
        "max_rings": summary.max_rings,
        "definitions": definitions(summary.max_rings),
        "overall": values(summary.overall),
        "by": summary.by.value if summary.by else None,
        "groups": [{"key": g.key, **values(g.figures)} for g in summary.groups],
        "backlog": {key: getattr(backlog, key) for key, _heading in BACKLOG_ROWS},
    }
