"""Reading the facts for the team's figures from the records store."""

from __future__ import annotations

from datetime import UTC, date, datetime

from sqlalchemy import func, select

from kccdesk.core.stats import Backlog, CallFact, GroupBy, Summary, period_bounds, summarise
from kccdesk.core.subjects import SubjectList
from kccdesk.store.db import Database
from kccdesk.store.models import (
    OUTBOX_DELIVERED,
    CallbackRequestRow,
    CallRow,
    OutboxRow,
    RegistrationRow,
)


def call_facts(db: Database, start: date, end: date, subjects: SubjectList) -> list[CallFact]:
    """Every call that started in the period (Amsterdam days, inclusive),
    with its registration when it has one."""
    first, after = period_bounds(start, end)
    query = (
        select(CallRow, RegistrationRow)
        .outerjoin(RegistrationRow, RegistrationRow.call_id == CallRow.call_id)
        .where(CallRow.started_at >= first, CallRow.started_at < after)
        .order_by(CallRow.started_at, CallRow.id)
    )
    with db.session() as session:
        return [_fact(call, registration, subjects) for call, registration in session.execute(query)]


def backlog(db: Database, now: datetime) -> Backlog:
    open_requests = select(func.count()).select_from(CallbackRequestRow).where(CallbackRequestRow.status == "open")
    with db.session() as session:
        return Backlog(
            callbacks_open=session.scalar(open_requests) or 0,
            callbacks_overdue=session.scalar(open_requests.where(CallbackRequestRow.due < now)) or 0,
            outbox_pending=session.scalar(
                select(func.count()).select_from(OutboxRow).where(OutboxRow.status != OUTBOX_DELIVERED)
            )
            or 0,
        )


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


def _fact(call: CallRow, registration: RegistrationRow | None, subjects: SubjectList) -> CallFact:
    if registration is None:
        return CallFact(
            call.started_at, call.agent, call.answered, call.rings, call.answer_delay, call.talk_seconds
        )
    return CallFact(
        started_at=call.started_at,
        agent=call.agent,
        answered=call.answered,
        rings=call.rings,
        answer_delay=call.answer_delay,
        talk_seconds=call.talk_seconds,
        subject=registration.subject,
        outcome=registration.outcome,
        resolved_directly=registration.resolved_directly,
        count_only=registration.count_only,
        after_call_seconds=registration.after_call_seconds,
        social_domain=subjects.is_social_domain(registration.subject),
    )
