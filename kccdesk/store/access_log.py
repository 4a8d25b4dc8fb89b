"""The access log: who saw which caller record, when and why. The
application log holds no personal data; this table is where looking is kept."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import insert, select

from kccdesk.core.caller import AccessReason
from kccdesk.store.db import Database
from kccdesk.store.models import AccessLogRow, Base, utc_now

_INSERT = insert(Base.metadata.tables[AccessLogRow.__tablename__])


@dataclass(frozen=True)
class AccessEntry:
    at: datetime
    agent: str
    record: str
    reason: AccessReason
    call_id: str | None


def log_access(
    db: Database, agent: str, records: Iterable[str], reason: AccessReason, call_id: str | None = None
) -> None:
    """One access-log row for each record key shown."""
    now = utc_now()
    rows = [{"at": now, "agent": agent, "record": key, "reason": reason.value, "call_id": call_id} for key in records]
    if rows:
        with db.connect() as connection:
            connection.execute(_INSERT, rows)


def access_log(db: Database, limit: int = 100) -> list[AccessEntry]:
    """The newest access-log rows first."""
    query = select(AccessLogRow).order_by(AccessLogRow.id.desc()).limit(limit)
    with db.session() as session:
        return [
            AccessEntry(row.at, row.agent, row.record, AccessReason(row.reason), row.call_id)
            for row in session.scalars(query)
        ]
