"""Reading the facts for the team's figures from the records store."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import func, select

from kccdesk.core.registration import CASE
from kccdesk.core.stats import (
    Backlog,
    CallFact,
    period_bounds,
)
from kccdesk.core.subjects import SubjectList
from kccdesk.store.db import Database
from kccdesk.store.models import (
    OUTBOX_DELIVERED,
    OUTBOX_PARKED,
    CallbackRequestRow,
    CallRow,
    OutboxRow,
    RegistrationRow,
)

_COLUMNS = (
    CallRow.started_at,
    CallRow.agent,
    CallRow.answered,
    CallRow.rings,
    CallRow.answer_delay,
    CallRow.talk_seconds,
    RegistrationRow.subject,
    RegistrationRow.outcome,
    RegistrationRow.handled_directly,
    RegistrationRow.count_only,
    RegistrationRow.after_call_seconds,
    RegistrationRow.about.contains(f'"kind": "{CASE}"'),  # as kccdesk.store.registrations writes it
)


def call_facts(db: Database, start: date, end: date, subjects: SubjectList) -> list[CallFact]:
    """Every call that started in the period (Amsterdam days, inclusive),
    with its registration when it has one."""
    first, after = period_bounds(start, end)
    query = (
        select(*_COLUMNS)
        .outerjoin(RegistrationRow, RegistrationRow.call_id == CallRow.call_id)
        .where(CallRow.started_at >= first, CallRow.started_at < after)
        .order_by(CallRow.started_at, CallRow.id)
    )
    social: dict[str, bool] = {}
    facts = []
    with db.session() as session:
        for (
            started,
            agent,
            answered,
            rings,
            delay,
            talk,
            subject,
            outcome,
            direct,
            count_only,
            after_call,
            about_case,
        ) in session.execute(query):
            if subject is not None and subject not in social:
                social[subject] = subjects.is_social_domain(subject)
            facts.append(
                CallFact(
                    started_at=started,
                    agent=agent,
                    answered=answered,
                    rings=rings,
                    answer_delay=delay,
                    talk_seconds=talk,
                    subject=subject or "",
                    outcome=outcome,
                    handled_directly=direct,
                    count_only=bool(count_only),
                    after_call_seconds=after_call,
                    social_domain=social.get(subject or "", False),
                    about_case=bool(about_case),
                )
            )
    return facts


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
            outbox_parked=session.scalar(
                select(func.count()).select_from(OutboxRow).where(OutboxRow.status == OUTBOX_PARKED)
            )
            or 0,
        )
