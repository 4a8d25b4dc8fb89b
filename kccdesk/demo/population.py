"""A large set of fictitious residents with earlier contacts, for benchmarks
and for trying the screen pop at scale (``kccdesk records demo --count N``).

Every name is drawn from short lists and every number lies in one block of
mobile numbers (+31 6 1xxxxxxx), so nothing here is a real person. Rows go
in with bulk inserts, a chunk at a time.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta

from kccdesk.core.caller import EarlierContact
from kccdesk.core.greeting import Salutation
from kccdesk.core.registration import Outcome
from kccdesk.demo.people import resident
from kccdesk.store.bulk import NewCaller, bulk_add_callers, bulk_add_contacts
from kccdesk.store.db import Database

CHUNK = 50_000
GIVEN = ("Anna", "Bram", "Daan", "Emma", "Fleur", "Lucas", "Mila", "Noah", "Sanne", "Sem", "Tess", "Yara")
PREFIX = ("", "", "", "de", "van", "van der", "el")
SURNAME = ("Bakker", "Visser", "Smit", "Meijer", "Mulder", "Bos", "Vos", "Peters", "Hendriks", "Dekker")
STREET = ("Dorpsstraat", "Kerkweg", "Molenlaan", "Schoolstraat", "Stationsweg", "Julianastraat")
SUBJECT = ("Paspoort", "Afval", "Parkeervergunning", "Wmo", "Belastingen", "Verhuizing")


def demo_number(index: int) -> str:
    """The demo block's number for ``index`` (0 … 9 999 999), in E.164."""
    return f"+3161{index:07d}"


def generate(
    db: Database,
    count: int,
    contacts_per_caller: int = 1,
    start: int = 0,
    progress: Callable[[int], None] | None = None,
) -> None:
    """Add ``count`` residents numbered from ``start``, each with
    ``contacts_per_caller`` earlier contacts."""
    rng = random.Random(start)
    now = datetime.now(UTC)
    for first in range(start, start + count, CHUNK):
        indexes = range(first, min(first + CHUNK, start + count))
        callers = [_resident(rng, i) for i in indexes]
        with db.session() as session:
            ids = bulk_add_callers(session, callers)
            bulk_add_contacts(
                session,
                [
                    (
                        caller_id,
                        EarlierContact(
                            at=now - timedelta(days=rng.randrange(1, 1500), minutes=rng.randrange(600)),
                            subject=rng.choice(SUBJECT),
                            outcome=Outcome.RESOLVED.code,
                            agent="demo",
                        ),
                    )
                    for caller_id in ids
                    for _ in range(contacts_per_caller)
                ],
            )
        if progress is not None:
            progress(indexes.stop - start)


def _resident(rng: random.Random, index: int) -> NewCaller:
    caller = resident(
        rng.choice((Salutation.MEVROUW, Salutation.MENEER, Salutation.NONE)),
        rng.choice(GIVEN),
        rng.choice(PREFIX),
        rng.choice(SURNAME),
        street=rng.choice(STREET),
        house_number=str(rng.randrange(1, 300)),
        postcode=f"{rng.randrange(1000, 9999)} {chr(65 + rng.randrange(26))}{chr(65 + rng.randrange(26))}",
    )
    born = date(1930, 1, 1) + timedelta(days=rng.randrange(30000))
    return NewCaller(caller, (demo_number(index),), birth_date=born, import_key=f"demo:{index}")
