"""The records store's side of caller records: lookup by number, search,
earlier contacts, callback requests, the access log and bulk loading.

Plain functions on a Database returning the records package's frozen
dataclasses. Every lookup goes through an index (phone_number.e164,
party postcode + house number, surname, birth date, contact party + time,
callback_request party + status), so it stays fast at millions of rows.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from operator import itemgetter

from sqlalchemy import Table, insert, or_, select
from sqlalchemy.orm import Session

from kccdesk.core.caller import (
    AccessReason,
    CallbackRequest,
    CallbackStatus,
    CallerRecord,
    EarlierContact,
)
from kccdesk.core.party import Party
from kccdesk.store.db import Database
from kccdesk.store.models import (
    AccessLogRow,
    CallbackRequestRow,
    CallRow,
    ContactRow,
    PartyRow,
    PhoneNumberRow,
    RegistrationRow,
    utc_now,
)
from kccdesk.store.repository import party_from_row

LOCAL_SOURCE = "local"
CONTACTS_SHOWN = 10
SEARCH_LIMIT = 20
KEYS_PER_QUERY = 5000  # within SQLite's and PostgreSQL's limits on bound values


@dataclass(frozen=True)
class NewParty:
    """A party to load in bulk, with its numbers already in E.164."""

    party: Party
    numbers: tuple[str, ...]
    birth_date: date | None = None
    bsn: str = ""
    kvk: str = ""
    email: str = ""
    import_key: str | None = None


@dataclass(frozen=True)
class AccessEntry:
    at: datetime
    agent: str
    record: str
    reason: AccessReason
    call_id: str | None


def record_key(party_id: int) -> str:
    return f"{LOCAL_SOURCE}:{party_id}"


def find_records_by_number(db: Database, e164: str) -> list[CallerRecord]:
    """Every local record with this number, in the order they were stored."""
    query = (
        select(PartyRow)
        .join(PhoneNumberRow, PhoneNumberRow.party_id == PartyRow.id)
        .where(PhoneNumberRow.e164 == e164)
        .order_by(PartyRow.id)
    )
    with db.session() as session:
        return [_record(session, row) for row in session.scalars(query)]


def search_records(
    db: Database,
    name: str = "",
    postcode: str = "",
    house_number: str = "",
    birth_date: date | None = None,
    limit: int = SEARCH_LIMIT,
) -> list[CallerRecord]:
    """Records that match every criterion given: a surname or business name
    that starts with ``name`` (any case), a postcode with house number, a date
    of birth. With no criterion at all, nothing (never the whole register)."""
    conditions = []
    if name.strip():
        text = name.strip()
        conditions.append(
            or_(
                PartyRow.surname.startswith(text[:1].upper() + text[1:]),
                PartyRow.surname.startswith(text),
                PartyRow.business_name.startswith(text),
            )
        )
    if postcode.strip():
        conditions.append(PartyRow.postcode == normalise_postcode(postcode))
        if house_number.strip():
            conditions.append(PartyRow.house_number == house_number.strip())
    if birth_date is not None:
        conditions.append(PartyRow.birth_date == birth_date)
    if not conditions:
        return []
    query = select(PartyRow).where(*conditions).order_by(PartyRow.surname, PartyRow.id).limit(limit)
    with db.session() as session:
        return [_record(session, row) for row in session.scalars(query)]


def normalise_postcode(text: str) -> str:
    """"1234ab" and "1234 AB" alike become "1234 AB"."""
    compact = "".join(text.split()).upper()
    return f"{compact[:4]} {compact[4:]}" if len(compact) == 6 else compact


def add_callback_request(db: Database, request: CallbackRequest, call_id: str | None = None) -> int:
    """Store a new callback request for a stored party, or for a number
    (E.164) when the caller has no record; returns its id."""
    if request.party_id is None and not request.number:
        raise ValueError("a callback request needs a stored party or a number")
    row = CallbackRequestRow(
        party_id=request.party_id,
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


def add_contact(db: Database, party_id: int, contact: EarlierContact) -> None:
    with db.session() as session:
        session.add(
            ContactRow(
                party_id=party_id,
                at=contact.at,
                subject=contact.subject,
                outcome=contact.outcome,
                agent=contact.agent,
            )
        )


def log_access(
    db: Database, agent: str, records: Iterable[str], reason: AccessReason, call_id: str | None = None
) -> None:
    """One access-log row for each record key shown."""
    now = utc_now()
    rows = [
        {"at": now, "agent": agent, "record": key, "reason": reason.value, "call_id": call_id}
        for key in records
    ]
    if rows:
        with db.session() as session:
            session.execute(insert(AccessLogRow), rows)


def access_log(db: Database, limit: int = 100) -> list[AccessEntry]:
    """The newest access-log rows first."""
    query = select(AccessLogRow).order_by(AccessLogRow.id.desc()).limit(limit)
    with db.session() as session:
        return [
            AccessEntry(row.at, row.agent, row.record, AccessReason(row.reason), row.call_id)
            for row in session.scalars(query)
        ]


def existing_import_keys(session: Session, keys: Sequence[str]) -> set[str]:
    found: set[str] = set()
    for start in range(0, len(keys), KEYS_PER_QUERY):
        chunk = keys[start : start + KEYS_PER_QUERY]
        found.update(session.scalars(select(PartyRow.import_key).where(PartyRow.import_key.in_(chunk))))
    return found


def bulk_add_parties(session: Session, parties: Sequence[NewParty]) -> list[int]:
    """Insert many parties and their numbers in a few statements; returns
    their ids in the same order. Each needs its own import key. The caller
    owns the transaction."""
    if not parties:
        return []
    if any(p.import_key is None for p in parties):
        raise ValueError("bulk loading needs an import key for every party")
    now = utc_now()
    party_rows = [
        {
            "kind": p.party.kind.value,
            "salutation": p.party.salutation.value,
            "given_name": p.party.given_name,
            "surname_prefix": p.party.surname_prefix,
            "surname": p.party.surname,
            "business_name": p.party.business_name,
            "street": p.party.street,
            "house_number": p.party.house_number,
            "postcode": p.party.postcode,
            "city": p.party.city,
            "created_at": now,
            "birth_date": p.birth_date,
            "bsn": p.bsn,
            "kvk": p.kvk,
            "email": p.email,
            "import_key": p.import_key,
        }
        for p in parties
    ]
    if session.get_bind().dialect.name == "sqlite":
        ids = _sqlite_insert_parties(session, party_rows)
    else:
        # RETURNING would insert one row per statement; the new ids are read
        # back by their import keys (a unique index) instead.
        session.execute(insert(PartyRow.__table__), party_rows)
        keys = [p.import_key for p in parties]
        found: dict[str, int] = {}
        for start in range(0, len(keys), KEYS_PER_QUERY):
            chunk = keys[start : start + KEYS_PER_QUERY]
            query = select(PartyRow.import_key, PartyRow.id).where(PartyRow.import_key.in_(chunk))
            found.update((key, party_id) for key, party_id in session.execute(query))
        ids = [found[key] for key in keys]
    number_rows = [
        {"party_id": party_id, "e164": e164, "label": ""}
        for party_id, p in zip(ids, parties, strict=True)
        for e164 in dict.fromkeys(p.numbers)
    ]
    if number_rows:
        _insert_many(session, PhoneNumberRow.__table__, number_rows)
    return ids


def _sqlite_insert_parties(session: Session, rows: list[dict[str, object]]) -> list[int]:
    """Insert party rows on SQLite and return their ids. The first row goes in
    alone: that takes the database's write lock and gives its id, so the rest
    can be numbered on from it without anyone else inserting in between."""
    table = PartyRow.__table__
    first = session.execute(insert(table), rows[0]).inserted_primary_key[0]
    ids = list(range(first, first + len(rows)))
    for party_id, row in zip(ids[1:], rows[1:], strict=True):
        row["id"] = party_id
    _insert_many(session, table, rows[1:])
    return ids


def _insert_many(session: Session, table: Table, rows: list[dict[str, object]]) -> None:
    """Many rows with the same keys in one statement. On SQLite the values go
    straight to the driver, each converted once by its column type:
    SQLAlchemy's per-row parameter handling costs more than SQLite's own
    insert at a million rows (see tests/bench/bench_records.py)."""
    if not rows:
        return
    connection = session.connection()
    if connection.dialect.name != "sqlite":
        session.execute(insert(table), rows)
        return
    names = list(rows[0])
    for name in names:
        convert = table.c[name].type._cached_bind_processor(connection.dialect)  # noqa: SLF001
        if convert is not None:
            done: dict[object, object] = {None: None}  # dates and moments repeat
            for row in rows:
                value = row[name]
                if value not in done:
                    done[value] = convert(value)
                row[name] = done[value]
    pick = itemgetter(*names)
    values = [pick(row) for row in rows] if len(names) > 1 else [(pick(row),) for row in rows]
    quoted = ", ".join(connection.dialect.identifier_preparer.quote(name) for name in names)
    marks = ", ".join("?" * len(names))
    statement = f"INSERT INTO {table.name} ({quoted}) VALUES ({marks})"  # noqa: S608 - names from the table
    connection.connection.driver_connection.executemany(statement, values)


def bulk_add_contacts(session: Session, rows: Sequence[dict[str, object]]) -> None:
    """Insert many earlier contacts (party_id, at, subject, outcome, agent)."""
    if rows:
        session.execute(insert(ContactRow.__table__), list(rows))


def _record(session: Session, row: PartyRow) -> CallerRecord:
    return CallerRecord(
        key=record_key(row.id),
        source=LOCAL_SOURCE,
        party=party_from_row(row),
        birth_date=row.birth_date,
        bsn=row.bsn,
        kvk=row.kvk,
        email=row.email,
        contacts=_contacts(session, row.id),
        callbacks=_callbacks(session, row.id),
    )


def _contacts(session: Session, party_id: int) -> tuple[EarlierContact, ...]:
    """The newest earlier contacts: kept ones and calls registered here."""
    kept = session.execute(
        select(ContactRow.at, ContactRow.subject, ContactRow.outcome, ContactRow.agent)
        .where(ContactRow.party_id == party_id)
        .order_by(ContactRow.at.desc())
        .limit(CONTACTS_SHOWN)
    )
    registered = session.execute(
        select(CallRow.started_at, RegistrationRow.subject, RegistrationRow.outcome, CallRow.agent)
        .join(CallRow, CallRow.call_id == RegistrationRow.call_id)
        .where(RegistrationRow.party_id == party_id)
        .order_by(CallRow.started_at.desc())
        .limit(CONTACTS_SHOWN)
    )
    contacts = [
        EarlierContact(at=at, subject=subject, outcome=outcome or "", agent=agent)
        for at, subject, outcome, agent in (*kept, *registered)
    ]
    contacts.sort(key=lambda c: c.at, reverse=True)
    return tuple(contacts[:CONTACTS_SHOWN])


def open_callbacks_for_number(db: Database, e164: str) -> tuple[CallbackRequest, ...]:
    """Open callback requests of callers without a record, by the number to call back."""
    with db.session() as session:
        return _callbacks(session, number=e164)


def _callbacks(session: Session, party_id: int | None = None, number: str | None = None) -> tuple[CallbackRequest, ...]:
    """Open callback requests of a party (or, without one, of a number), the one due first at the top."""
    whose = (
        CallbackRequestRow.party_id == party_id
        if party_id is not None
        else (CallbackRequestRow.number == number) & CallbackRequestRow.party_id.is_(None)
    )
    rows = session.scalars(
        select(CallbackRequestRow).where(whose, CallbackRequestRow.status == CallbackStatus.OPEN.value)
    )
    requests = [
        CallbackRequest(
            id=r.id,
            party_id=r.party_id,
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
