"""Registrations in the store: what the agent registered about a stored
call, open until it is closed. (Drafts, what the form holds as it is typed,
are in kccdesk.store.drafts.)"""

from __future__ import annotations

import json
from dataclasses import asdict, fields
from datetime import datetime
from typing import Any

from sqlalchemy import select

from kccdesk.core.registration import Outcome, Registration, SubjectObject
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
    with db.session() as session:
        if session.scalar(select(CallRow.id).where(CallRow.call_id == registration.call_id)) is None:
            raise ValueError(f"no call {registration.call_id!r} is stored")
        row = session.scalar(select(RegistrationRow).where(RegistrationRow.call_id == registration.call_id))
        if row is None:
            row = RegistrationRow(call_id=registration.call_id)
            session.add(row)
        for name, value in _columns(registration).items():
            setattr(row, name, value)
        if closed_at is not None:
            row.closed_at = closed_at


def get_registration(db: Database, call_id: str) -> Registration | None:
    with db.session() as session:
        row = session.scalar(select(RegistrationRow).where(RegistrationRow.call_id == call_id))
        if row is None:
            return None
        return _registration(row)


# One mapping between the dataclass and the row serves both ways; the
# database calls the caller's id party_id, and keeps the outcome's code.
_FIELDS = tuple(f.name for f in fields(Registration) if f.name not in ("caller_id", "outcome", "about"))
_CUT = ("subject", "subject_uri", "outcome_detail")  # one-line text: cut to fit, never refused


def _columns(registration: Registration) -> dict[str, Any]:
    values = {name: getattr(registration, name) for name in _FIELDS}
    outcome = registration.outcome
    return (
        values
        | {name: fit(values[name]) for name in _CUT}
        | {
            "party_id": registration.caller_id,
            "outcome": outcome.code if outcome else None,
            "handled_directly": outcome.handled_directly if outcome else None,
            "about": json.dumps([asdict(thing) for thing in registration.about], ensure_ascii=False)
            if registration.about
            else "",
        }
    )


def _registration(row: RegistrationRow) -> Registration:
    values = {name: getattr(row, name) for name in _FIELDS}
    outcome = Outcome.from_code(row.outcome) if row.outcome else None
    about = tuple(SubjectObject(**thing) for thing in json.loads(row.about)) if row.about else ()
    return Registration(**values, caller_id=row.party_id, outcome=outcome, about=about)
