"""The caller records in the store: adding a caller with their numbers,
lookup by number, the quick search and earlier contacts (loading many at
once: ``bulk``).

Plain functions on a Database returning the core's frozen dataclasses,
never ORM objects. Every lookup goes through an index (phone_number.e164,
party postcode + house number, surname, birth date, contact party + time),
so it stays fast at millions of rows. (The database calls a caller's record
a ``party``, as the Klantinteracties API calls it a ``partij``.)
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

import phonenumbers
from sqlalchemy import Connection, Row, bindparam, func, or_, select

from kccdesk.core.caller import Caller, CallerKind, CallerRecord, EarlierContact
from kccdesk.core.greeting import Salutation
from kccdesk.core.numbers import normalise
from kccdesk.store.callbacks import open_callbacks
from kccdesk.store.db import Database
from kccdesk.store.models import (
    CallRow,
    ContactRow,
    PartyRow,
    PhoneNumberRow,
    RegistrationRow,
)

LOCAL_SOURCE = "local"
CONTACTS_SHOWN = 10
SEARCH_LIMIT = 20
_LABELS = {
    phonenumbers.PhoneNumberType.MOBILE: "mobiel",
    phonenumbers.PhoneNumberType.FIXED_LINE: "vast",
}

# The screen pop's statements, made once: building a statement costs more
# than running it.
_PARTY = PartyRow.__table__
_NUMBER = PhoneNumberRow.__table__
_BY_NUMBER = (
    select(_PARTY)
    .join(_NUMBER, _NUMBER.c.party_id == _PARTY.c.id)
    .where(_NUMBER.c.e164 == bindparam("e164"))
    .order_by(_PARTY.c.id)
)
_KEPT = (
    select(ContactRow.at, ContactRow.subject, ContactRow.outcome, ContactRow.agent)
    .where(ContactRow.party_id == bindparam("caller_id"))
    .order_by(ContactRow.at.desc())
    .limit(CONTACTS_SHOWN)
)
_REGISTERED = (
    select(CallRow.started_at, RegistrationRow.subject, RegistrationRow.outcome, CallRow.agent)
    .join(CallRow, CallRow.call_id == RegistrationRow.call_id)
    .where(RegistrationRow.party_id == bindparam("caller_id"))
    .order_by(CallRow.started_at.desc())
    .limit(CONTACTS_SHOWN)
)


def add_caller(db: Database, caller: Caller, numbers: Iterable[str], bsn: str = "", kvk: str = "") -> int:
    """Store a new caller with their phone numbers (and BSN or KvK number); returns the id.

    Numbers may be written any way people write them (06-12345678,
    +31 6 1234 5678, …); they are kept in E.164 and a number given twice is
    kept once. Raises ValueError, and stores nothing, when one of them is not
    a phone number.
    """
    e164s: dict[str, None] = {}
    for raw in numbers:
        e164 = normalise(raw)
        if e164 is None:
            raise ValueError(f"not a phone number: {raw!r}")
        e164s[e164] = None
    numbered = [PhoneNumberRow(e164=e164, label=_label(e164)) for e164 in e164s]
    row = PartyRow(**caller_columns(caller), bsn=bsn, kvk=kvk, numbers=numbered)
    with db.session() as session:
        session.add(row)
        session.flush()
        return row.id


def count_callers(db: Database) -> int:
    with db.session() as session:
        return session.scalar(select(func.count()).select_from(PartyRow)) or 0


def get_caller(db: Database, caller_id: int) -> Caller | None:
    with db.session() as session:
        row = session.get(PartyRow, caller_id)
        return caller_from_row(row) if row is not None else None


def record_key(caller_id: int) -> str:
    return f"{LOCAL_SOURCE}:{caller_id}"


def find_records_by_number(db: Database, e164: str) -> list[CallerRecord]:
    """Every local record with this number (E.164, see core.numbers.normalise),
    in the order they were stored. A shared landline gives several."""
    with db.connect() as connection:
        return [_record(connection, row) for row in connection.execute(_BY_NUMBER, {"e164": e164}).all()]


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
                _PARTY.c.surname.startswith(text[:1].upper() + text[1:]),
                _PARTY.c.surname.startswith(text),
                _PARTY.c.business_name.startswith(text),
            )
        )
    if postcode.strip():
        conditions.append(_PARTY.c.postcode == normalise_postcode(postcode))
        if house_number.strip():
            conditions.append(_PARTY.c.house_number == house_number.strip())
    if birth_date is not None:
        conditions.append(_PARTY.c.birth_date == birth_date)
    if not conditions:
        return []
    query = select(_PARTY).where(*conditions).order_by(_PARTY.c.surname, _PARTY.c.id).limit(limit)
    with db.connect() as connection:
        return [_record(connection, row) for row in connection.execute(query).all()]


def normalise_postcode(text: str) -> str:
    """ "1234ab" and "1234 AB" alike become "1234 AB"."""
    compact = "".join(text.split()).upper()
    return f"{compact[:4]} {compact[4:]}" if len(compact) == 6 else compact


def add_contact(db: Database, caller_id: int, contact: EarlierContact) -> None:
    with db.session() as session:
        session.add(
            ContactRow(
                party_id=caller_id,
                at=contact.at,
                subject=contact.subject,
                outcome=contact.outcome,
                agent=contact.agent,
            )
        )


def caller_columns(caller: Caller) -> dict[str, Any]:
    """A caller as the party table's columns (the id and extra facts aside)."""
    return {
        "kind": caller.kind.value,
        "salutation": caller.salutation.value,
        "given_name": caller.given_name,
        "surname_prefix": caller.surname_prefix,
        "surname": caller.surname,
        "business_name": caller.business_name,
        "street": caller.street,
        "house_number": caller.house_number,
        "postcode": caller.postcode,
        "city": caller.city,
    }


def caller_from_row(row: PartyRow | Row[Any]) -> Caller:
    """A stored caller (an ORM row, or a row of the party table) as the core's Caller."""
    return Caller(
        id=row.id,
        kind=CallerKind(row.kind),
        surname=row.surname,
        surname_prefix=row.surname_prefix,
        given_name=row.given_name,
        salutation=Salutation(row.salutation),
        business_name=row.business_name,
        street=row.street,
        house_number=row.house_number,
        postcode=row.postcode,
        city=row.city,
    )


def _record(connection: Connection, row: Row[Any]) -> CallerRecord:
    return CallerRecord(
        key=record_key(row.id),
        source=LOCAL_SOURCE,
        caller=caller_from_row(row),
        birth_date=row.birth_date,
        bsn=row.bsn,
        kvk=row.kvk,
        email=row.email,
        contacts=_contacts(connection, row.id),
        callbacks=open_callbacks(connection, caller_id=row.id),
    )


def _contacts(connection: Connection, caller_id: int) -> tuple[EarlierContact, ...]:
    """The newest earlier contacts: kept ones and calls registered here."""
    kept = connection.execute(_KEPT, {"caller_id": caller_id}).all()
    registered = connection.execute(_REGISTERED, {"caller_id": caller_id}).all()
    contacts = [
        EarlierContact(at=at, subject=subject, outcome=outcome or "", agent=agent)
        for at, subject, outcome, agent in (*kept, *registered)
    ]
    contacts.sort(key=lambda c: c.at, reverse=True)
    return tuple(contacts[:CONTACTS_SHOWN])


def _label(e164: str) -> str:
    number_type = phonenumbers.number_type(phonenumbers.parse(e164))
    return _LABELS.get(number_type, "")
