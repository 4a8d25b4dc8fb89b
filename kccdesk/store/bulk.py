"""Loading many callers at once (an import, the demo set): their records and
numbers in two statements a chunk, each row known by its import key.

On SQLite the values go straight to the driver as tuples, each converted
once by its column's type: at a million rows SQLAlchemy's per-row parameter
handling costs more than SQLite's own inserts (tests/bench/bench_import.py).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, NamedTuple

from sqlalchemy import Connection, Table, insert, select, text
from sqlalchemy.orm import Session

from kccdesk.core.caller import Caller, EarlierContact
from kccdesk.store.callers import caller_columns
from kccdesk.store.models import Base, ContactRow, PartyRow, PhoneNumberRow, utc_now

KEYS_PER_QUERY = 5000  # within SQLite's and PostgreSQL's limits on bound values
LOADING_CACHE = 64 * 1024  # KiB of SQLite's page cache while loading (SQLite's default: 2000)
_PARTY = Base.metadata.tables[PartyRow.__tablename__]
_NUMBER = Base.metadata.tables[PhoneNumberRow.__tablename__]


class NewParty(NamedTuple):
    """A caller to load, as the party table's values, with their numbers
    (E.164, each once). The import key must be new to the table."""

    kind: str
    salutation: str
    given_name: str
    surname_prefix: str
    surname: str
    business_name: str
    street: str
    house_number: str
    postcode: str
    city: str
    bsn: str
    kvk: str
    email: str
    import_key: str
    birth_date: date | None
    numbers: tuple[str, ...]


_AS_GIVEN = NewParty._fields[: NewParty._fields.index("birth_date")]  # stored without conversion


@dataclass(frozen=True)
class NewCaller:
    """A caller to load in bulk, with their numbers already in E.164."""

    caller: Caller
    numbers: tuple[str, ...]
    birth_date: date | None = None
    bsn: str = ""
    kvk: str = ""
    email: str = ""
    import_key: str | None = None


def page_cache(session: Session, loading: bool) -> None:
    """On SQLite, a larger page cache for the session's connection while a
    load goes on (chunk after chunk, the indexes' pages are needed again),
    or back to the usual one after it."""
    if session.get_bind().dialect.name == "sqlite":
        session.execute(text(f"PRAGMA cache_size = -{LOADING_CACHE if loading else 2000}"))


def existing_import_keys(session: Session, keys: Sequence[str]) -> set[str]:
    """Those of ``keys`` that a caller in the store already has."""
    found: set[str] = set()
    for start in range(0, len(keys), KEYS_PER_QUERY):
        chunk = keys[start : start + KEYS_PER_QUERY]
        found.update(session.scalars(select(PartyRow.import_key).where(PartyRow.import_key.in_(chunk))))
    return found


def bulk_add_callers(session: Session, callers: Sequence[NewCaller]) -> list[int]:
    """Insert many callers and their numbers; returns their ids in the same
    order. Each needs its own import key. The caller owns the transaction."""
    parties = []
    for new in callers:
        if new.import_key is None:
            raise ValueError("bulk loading needs an import key for every caller")
        parties.append(
            NewParty(
                **caller_columns(new.caller),
                bsn=new.bsn,
                kvk=new.kvk,
                email=new.email,
                import_key=new.import_key,
                birth_date=new.birth_date,
                numbers=tuple(dict.fromkeys(new.numbers)),
            )
        )
    return add_parties(session, parties)


def add_parties(session: Session, parties: Sequence[NewParty]) -> list[int]:
    """Insert the callers and their numbers; returns their ids in the same
    order. The caller owns the transaction."""
    if not parties:
        return []
    connection = session.connection()
    now = utc_now()
    if connection.dialect.name == "sqlite":
        ids = _sqlite_add_parties(connection, parties, now)
    else:
        # RETURNING would insert one row per statement; the new ids are read
        # back by their import keys (a unique index) instead.
        session.execute(
            insert(_PARTY),
            [{**dict(zip(_AS_GIVEN, p, strict=False)), "birth_date": p.birth_date, "created_at": now} for p in parties],
        )
        keys = [p.import_key for p in parties]
        found: dict[str | None, int] = {}
        for start in range(0, len(keys), KEYS_PER_QUERY):
            chunk = keys[start : start + KEYS_PER_QUERY]
            query = select(PartyRow.import_key, PartyRow.id).where(PartyRow.import_key.in_(chunk))
            found.update((key, party_id) for key, party_id in session.execute(query))
        ids = [found[key] for key in keys]
    numbers = [(party_id, e164, "") for party_id, p in zip(ids, parties, strict=True) for e164 in p.numbers]
    if numbers:
        if connection.dialect.name == "sqlite":
            _driver(connection).executemany(_insert_text(_NUMBER, ("party_id", "e164", "label")), numbers)
        else:
            session.execute(
                insert(_NUMBER), [dict(zip(("party_id", "e164", "label"), n, strict=True)) for n in numbers]
            )
    return ids


def _sqlite_add_parties(connection: Connection, parties: Sequence[NewParty], now: datetime) -> list[int]:
    """The first row goes in alone: that takes the database's write lock and
    gives its id, so the rest are numbered on from it without anyone else
    inserting in between."""
    dialect = connection.dialect
    as_date = _PARTY.c.birth_date.type._cached_bind_processor(dialect)
    as_moment = _PARTY.c.created_at.type._cached_bind_processor(dialect)
    assert as_date is not None and as_moment is not None  # SQLite keeps both as text
    dates: dict[date | None, object] = {None: None}  # dates of birth repeat
    for p in parties:
        if p.birth_date not in dates:
            dates[p.birth_date] = as_date(p.birth_date)
    created = as_moment(now)
    columns = (*_AS_GIVEN, "birth_date", "created_at")
    driver = _driver(connection)
    first = parties[0]
    given = len(_AS_GIVEN)
    cursor = driver.execute(_insert_text(_PARTY, columns), (*first[:given], dates[first.birth_date], created))
    first_id = cursor.lastrowid
    assert first_id is not None  # one row inserted
    driver.executemany(
        _insert_text(_PARTY, (*columns, "id")),
        [(*p[:given], dates[p.birth_date], created, party_id) for party_id, p in enumerate(parties[1:], first_id + 1)],
    )
    return list(range(first_id, first_id + len(parties)))


def _insert_text(table: Table, columns: Sequence[str]) -> str:
    return f"INSERT INTO {table.name} ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})"


def _driver(connection: Connection) -> Any:
    driver = connection.connection.driver_connection
    assert driver is not None  # a connection checked out of the pool
    return driver


def bulk_add_contacts(session: Session, contacts: Sequence[tuple[int, EarlierContact]]) -> None:
    """Insert many earlier contacts, each with the id of its caller."""
    rows = [
        {"party_id": caller_id, "at": c.at, "subject": c.subject, "outcome": c.outcome, "agent": c.agent}
        for caller_id, c in contacts
    ]
    if rows:
        session.execute(insert(Base.metadata.tables[ContactRow.__tablename__]), rows)
