"""Callback requests in the store: a promise to call a caller back, kept
with the caller's record, or by the number to call when there is none."""

from __future__ import annotations

from sqlalchemy import Connection, bindparam, select

from kccdesk.core.caller import CallbackRequest, CallbackStatus
from kccdesk.store.db import Database
from kccdesk.store.models import CallbackRequestRow, utc_now


def add_callback_request(db: Database, request: CallbackRequest, call_id: str | None = None) -> int:
    """Store a new callback request for a stored caller, or for a number
    (E.164) when the caller has no record; returns its id."""
    if request.caller_id is None and not request.number:
        raise ValueError("a callback request needs a stored caller or a number")
    row = CallbackRequestRow(
        party_id=request.caller_id,
        number=request.number or None,
        for_whom=request.for_whom,
        note=request.note,
        status=request.status.value,
        due=request.due,
        call_id=call_id,
    )
    with db.session() as session:
        session.add(row)
        session.flush()
        return row.id


_OPEN = CallbackRequestRow.__table__
_OPEN_OF_CALLER = select(_OPEN).where(
    _OPEN.c.party_id == bindparam("caller_id"), _OPEN.c.status == CallbackStatus.OPEN.value
)
_OPEN_OF_NUMBER = select(_OPEN).where(
    _OPEN.c.number == bindparam("number"), _OPEN.c.party_id.is_(None), _OPEN.c.status == CallbackStatus.OPEN.value
)


def open_callbacks_for_number(db: Database, e164: str) -> tuple[CallbackRequest, ...]:
    """Open callback requests of callers without a record, by the number to call back."""
    with db.connect() as connection:
        return open_callbacks(connection, number=e164)


def open_callbacks(
    connection: Connection, caller_id: int | None = None, number: str | None = None
) -> tuple[CallbackRequest, ...]:
    """Open callback requests of a caller (or, without one, of a number), the one due first at the top."""
    if caller_id is not None:
        rows = connection.execute(_OPEN_OF_CALLER, {"caller_id": caller_id})
    else:
        rows = connection.execute(_OPEN_OF_NUMBER, {"number": number})
    requests = [
        CallbackRequest(
            id=r.id,
            caller_id=r.party_id,
            for_whom=r.for_whom,
            note=r.note,
            status=CallbackStatus(r.status),
            due=r.due,
            number=r.number or "",
        )
        for r in rows
    ]
    requests.sort(key=lambda c: (c.due is None, c.due or utc_now()))
    return tuple(requests)
