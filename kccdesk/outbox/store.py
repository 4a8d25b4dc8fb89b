"""The outbox table and the functions that fill and drain it.

An item is committed here in the same moment the registration is closed; the
worker only ever changes its delivery state. Nothing is deleted.
"""

from __future__ import annotations

import json
import secrets
from collections.abc import Collection
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import func, select, update

from kccdesk.store.db import Database
from kccdesk.store.models import OUTBOX_DELIVERED, OUTBOX_PARKED, OUTBOX_PENDING, REFERENCE_LENGTH, OutboxRow

PENDING, DELIVERED, PARKED = OUTBOX_PENDING, OUTBOX_DELIVERED, OUTBOX_PARKED  # an item's delivery state
_REFERENCE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no look-alikes (0/O, 1/I)


@dataclass(frozen=True)
class OutboxItem:
    id: int
    reference: str
    sink: str
    payload: dict[str, Any]
    status: str
    attempts: int
    last_error: str


def new_reference() -> str:
    """A client reference of 10 characters (about 50 bits of chance)."""
    return "".join(secrets.choice(_REFERENCE_ALPHABET) for _ in range(REFERENCE_LENGTH))


def enqueue(db: Database, sink: str, payload: dict[str, Any], reference: str | None = None) -> str:
    """Commit one item for ``sink``; returns its client reference."""
    reference = reference or new_reference()
    with db.session() as session:
        session.add(OutboxRow(reference=reference, sink=sink, payload=json.dumps(payload)))
    return reference


def _item(row: OutboxRow) -> OutboxItem:
    return OutboxItem(
        row.id, row.reference, row.sink, json.loads(row.payload), row.status, row.attempts, row.last_error
    )


def due(db: Database, now: datetime, limit: int = 50, skip_sinks: Collection[str] = ()) -> list[OutboxItem]:
    """Pending items whose next attempt has come, oldest first (but none for
    the sinks in ``skip_sinks``)."""
    query = select(OutboxRow).where(OutboxRow.status == PENDING, OutboxRow.next_attempt_at <= now)
    if skip_sinks:
        query = query.where(OutboxRow.sink.not_in(list(skip_sinks)))
    with db.session() as session:
        return [_item(row) for row in session.scalars(query.order_by(OutboxRow.id).limit(limit))]


def retry_now(db: Database, sink: str) -> None:
    """Every pending item for ``sink`` due at once (its server answers again)."""
    with db.session() as session:
        session.execute(
            update(OutboxRow)
            .where(OutboxRow.status == PENDING, OutboxRow.sink == sink)
            .values(next_attempt_at=datetime.now(UTC))
        )


@dataclass(frozen=True)
class Result:
    """How one delivery attempt ended."""

    item_id: int
    status: str  # DELIVERED, PARKED, or PENDING to try again at ``retry_at``
    error: str = ""
    remote_url: str = ""
    retry_at: datetime | None = None


def mark_attempts(db: Database, item_ids: list[int]) -> None:
    """Committed before the items are sent: an item with attempts > 0 may
    already exist remotely, so its next send looks it up first."""
    if item_ids:
        with db.session() as session:
            session.execute(update(OutboxRow).where(OutboxRow.id.in_(item_ids)).values(attempts=OutboxRow.attempts + 1))


def save_results(db: Database, results: list[Result]) -> None:
    """The outcome of a batch of attempts, in one commit."""
    if not results:
        return
    now = datetime.now(UTC)
    rows = [
        {
            "id": r.item_id,
            "status": r.status,
            "last_error": r.error,
            "remote_url": r.remote_url,
            "next_attempt_at": r.retry_at or now,
            "delivered_at": now if r.status == DELIVERED else None,
        }
        for r in results
    ]
    with db.session() as session:
        session.execute(update(OutboxRow), rows)


def mark_parked(db: Database, item_id: int, error: str) -> None:
    save_results(db, [Result(item_id, PARKED, error)])


def retry_parked(db: Database) -> int:
    """Put every parked item back in the queue (a supervisor fixed the cause)."""
    with db.session() as session:
        rows = list(session.scalars(select(OutboxRow).where(OutboxRow.status == PARKED)))
        for row in rows:
            row.status, row.next_attempt_at = PENDING, datetime.now(UTC)
        return len(rows)


def counts(db: Database) -> dict[str, int]:
    """How many items are pending, delivered and parked."""
    result = {PENDING: 0, DELIVERED: 0, PARKED: 0}
    with db.session() as session:
        for status, n in session.execute(select(OutboxRow.status, func.count()).group_by(OutboxRow.status)):
            result[status] = n
    return result


def waiting(db: Database, parked_shown: int) -> tuple[int, int, list[OutboxItem]]:
    """How many items are pending and parked, and the first ``parked_shown``
    parked ones: by the status index, so it costs the same whether a
    thousand or a million registrations were delivered before."""
    result = {PENDING: 0, PARKED: 0}
    with db.session() as session:
        waiting_rows = select(OutboxRow.status, func.count()).where(OutboxRow.status.in_(result))
        for status, n in session.execute(waiting_rows.group_by(OutboxRow.status)):
            result[status] = n
        parked = session.scalars(
            select(OutboxRow).where(OutboxRow.status == PARKED).order_by(OutboxRow.id).limit(parked_shown)
        )
        return result[PENDING], result[PARKED], [_item(row) for row in parked]


def undelivered(db: Database) -> list[OutboxItem]:
    with db.session() as session:
        rows = session.scalars(select(OutboxRow).where(OutboxRow.status != DELIVERED).order_by(OutboxRow.id))
        return [_item(row) for row in rows]
