"""Calls in the store: every finished call, answered or missed, as the core's
EndedCall. One mapping between the dataclass and the row serves both ways."""

from __future__ import annotations

from dataclasses import fields
from typing import Any

from sqlalchemy import select

from kccdesk.core.line import EndReason
from kccdesk.core.registration import EndedCall
from kccdesk.store.db import Database
from kccdesk.store.models import NAME_LENGTH, CallRow

_FIELDS = tuple(f.name for f in fields(EndedCall))
_CUT = ("number", "display_name", "agent")  # from the caller's side: cut to fit, never refused


def save_call(db: Database, call: EndedCall, caller_id: int | None) -> None:
    """Store a finished call. Saving the same call (by call_id) again updates
    it. The number and display name come from the caller's side: they are
    cut to fit the column rather than refused."""
    with db.session() as session:
        row = session.scalar(select(CallRow).where(CallRow.call_id == call.call_id))
        if row is None:
            row = CallRow(call_id=call.call_id)
            session.add(row)
        for name, value in _columns(call).items():
            setattr(row, name, value)
        row.party_id = caller_id


def get_call(db: Database, call_id: str) -> EndedCall | None:
    with db.session() as session:
        row = session.scalar(select(CallRow).where(CallRow.call_id == call_id))
        return _ended_call(row) if row is not None else None


def call_stored(db: Database, call_id: str) -> bool:
    with db.session() as session:
        return session.scalar(select(CallRow.id).where(CallRow.call_id == call_id)) is not None


def recent_calls(db: Database, limit: int = 50) -> list[EndedCall]:
    """The last ``limit`` calls, newest first; times in UTC."""
    query = select(CallRow).order_by(CallRow.started_at.desc(), CallRow.id.desc()).limit(limit)
    with db.session() as session:
        return [_ended_call(row) for row in session.scalars(query)]


def blank_caller(db: Database, call_id: str) -> None:
    """A counted call keeps no personal data: no number, name or caller."""
    with db.session() as session:
        row = session.scalar(select(CallRow).where(CallRow.call_id == call_id))
        if row is not None:
            row.number, row.display_name, row.party_id = "", "", None


def fit(text: str) -> str:
    """Text cut to a name column's length. NUL characters, which PostgreSQL
    refuses in text, are left out."""
    return text.replace("\x00", "")[:NAME_LENGTH]


def _columns(call: EndedCall) -> dict[str, Any]:
    values = {name: getattr(call, name) for name in _FIELDS}
    values["end_reason"] = call.end_reason.value
    return values | {name: fit(values[name]) for name in _CUT}


def _ended_call(row: CallRow) -> EndedCall:
    values = {name: getattr(row, name) for name in _FIELDS}
    return EndedCall(**values | {"end_reason": EndReason(row.end_reason)})
