"""What the app reads from and writes to the records store.

Plain functions on a Database. They return the core's frozen dataclasses,
never ORM objects, so no caller ever holds a live session.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

import phonenumbers
from sqlalchemy import func, select

from kccdesk.core.greeting import Salutation
from kccdesk.core.line import EndReason
from kccdesk.core.numbers import normalise
from kccdesk.core.party import Party, PartyKind
from kccdesk.core.registration import CallRecord, Outcome, Registration
from kccdesk.store.db import Database
from kccdesk.store.models import (
    NAME_LENGTH,
    CallRow,
    PartyRow,
    PhoneNumberRow,
    RegistrationRow,
)

_LABELS = {
    phonenumbers.PhoneNumberType.MOBILE: "mobiel",
    phonenumbers.PhoneNumberType.FIXED_LINE: "vast",
}


def add_party(db: Database, party: Party, numbers: Iterable[str]) -> int:
    """Store a new party with its phone numbers; returns its id.

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
    row = PartyRow(
        kind=party.kind.value,
        salutation=party.salutation.value,
        given_name=party.given_name,
        surname_prefix=party.surname_prefix,
        surname=party.surname,
        business_name=party.business_name,
        street=party.street,
        house_number=party.house_number,
        postcode=party.postcode,
        city=party.city,
        numbers=[PhoneNumberRow(e164=e164, label=_label(e164)) for e164 in e164s],
    )
    with db.session() as session:
        session.add(row)
        session.flush()
        return row.id


def find_parties_by_number(db: Database, e164: str) -> list[Party]:
    """The parties that have this number (E.164, see core.numbers.normalise),
    in the order they were stored. A shared landline gives several."""
    query = (
        select(PartyRow)
        .join(PhoneNumberRow, PhoneNumberRow.party_id == PartyRow.id)
        .where(PhoneNumberRow.e164 == e164)
        .order_by(PartyRow.id)
    )
    with db.session() as session:
        return [party_from_row(row) for row in session.scalars(query)]


def count_parties(db: Database) -> int:
    with db.session() as session:
        return session.scalar(select(func.count()).select_from(PartyRow)) or 0


def save_call(db: Database, record: CallRecord, party_id: int | None) -> None:
    """Store a finished call. Saving the same call (by call_id) again updates
    it. The number and display name come from the caller's side: they are
    cut to fit the column rather than refused."""
    with db.session() as session:
        row = session.scalar(select(CallRow).where(CallRow.call_id == record.call_id))
        if row is None:
            row = CallRow(call_id=record.call_id)
            session.add(row)
        row.number = _fit(record.number)
        row.display_name = _fit(record.display_name)
        row.withheld = record.withheld
        row.started_at = record.started_at
        row.answered = record.answered
        row.rings = record.rings
        row.answer_delay = record.answer_delay
        row.talk_seconds = record.talk_seconds
        row.hold_seconds = record.hold_seconds
        row.end_reason = record.end_reason.value
        row.agent = _fit(record.agent)
        row.party_id = party_id


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
        row = session.scalar(
            select(RegistrationRow).where(RegistrationRow.call_id == registration.call_id)
        )
        if row is None:
            row = RegistrationRow(call_id=registration.call_id)
            session.add(row)
        row.party_id = registration.party_id
        row.subject = _fit(registration.subject)
        row.question = registration.question
        row.answer = registration.answer
        row.outcome = outcome.code if outcome else None
        row.resolved_directly = outcome.resolved_directly if outcome else None
        row.subject_uri = _fit(registration.subject_uri)
        row.outcome_detail = _fit(registration.outcome_detail)
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
            party_id=row.party_id,
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


def recent_calls(db: Database, limit: int = 50) -> list[CallRecord]:
    """The last ``limit`` calls, newest first; times in UTC."""
    query = select(CallRow).order_by(CallRow.started_at.desc(), CallRow.id.desc()).limit(limit)
    with db.session() as session:
        return [_call_record(row) for row in session.scalars(query)]


def _fit(text: str) -> str:
    """Text cut to a name column's length. NUL characters, which PostgreSQL
    refuses in text, are left out."""
    return text.replace("\x00", "")[:NAME_LENGTH]


def _label(e164: str) -> str:
    number_type = phonenumbers.number_type(phonenumbers.parse(e164))
    return _LABELS.get(number_type, "")


def party_from_row(row: PartyRow) -> Party:
    """A stored party as the core's Party."""
    return Party(
        id=row.id,
        kind=PartyKind(row.kind),
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


def _call_record(row: CallRow) -> CallRecord:
    return CallRecord(
        call_id=row.call_id,
        number=row.number,
        display_name=row.display_name,
        withheld=row.withheld,
        started_at=row.started_at,
        answered=row.answered,
        rings=row.rings,
        answer_delay=row.answer_delay,
        talk_seconds=row.talk_seconds,
        hold_seconds=row.hold_seconds,
        end_reason=EndReason(row.end_reason),
        agent=row.agent,
    )
