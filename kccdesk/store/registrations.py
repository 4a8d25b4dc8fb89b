"""Registrations in the store: what the agent registered about a stored
call, open until it is closed. (Drafts, what the form holds as it is typed,
are in kccdesk.store.drafts.)"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select

from kccdesk.core.registration import Outcome, Registration
from kccdesk.store.calls import fit
from kccdesk.store.db import Database
from kccdesk.store.models import CallRow, RegistrationRow


def save_registration(db: Database, registration: Registration, closed_at: datetime | None = None) -> None:
    """Store the registration of a stored call, or update the one it has;
    ``closed_at`` marks it closed (a registration without it is still open).

    Whether the question was resolved directly is taken from the outcome now,
    so that the figures never have to guess. Raises ValueError when the call
    itself has not been stored.
    """
    outcome = registration.outcome
    with db.session() as session:
        if session.scalar(select(CallRow.id).where(CallRow.call_id == registration.call_id)) is None:
            raise ValueError(f"no call {registration.call_id!r} is stored")
        row = session.scalar(select(RegistrationRow).where(RegistrationRow.call_id == registration.call_id))
        if row is None:
            row = RegistrationRow(call_id=registration.call_id)
            session.add(row)
        row.party_id = registration.caller_id
        row.subject = fit(registration.subject)
        row.question = registration.question
        row.answer = registration.answer
        row.outcome = outcome.code if outcome else None
        row.handled_directly = outcome.handled_directly if outcome else None
        row.subject_uri = fit(registration.subject_uri)
        row.outcome_detail = fit(registration.outcome_detail)
        row.confidential = registration.confidential
        row.count_only = registration.count_only
        row.after_call_seconds = registration.after_call_seconds
        if closed_at is not None:
            row.closed_at = closed_at


def get_registration(db: Database, call_id: str) -> Registration | None:
    with db.session() as session:
        row = session.scalar(select(RegistrationRow).where(RegistrationRow.call_id == call_id))
        if row is None:
            return None
        return Registration(
            call_id=row.call_id,
            caller_id=row.party_id,
            subject=row.subject,
            question=row.question,
            answer=row.answer,
            outcome=Outcome.from_code(row.outcome) if row.outcome else None,
            subject_uri=row.subject_uri,
            outcome_detail=row.outcome_detail,
            confidential=row.confidential,
            count_only=row.count_only,
            after_call_seconds=row.after_call_seconds,
        )
