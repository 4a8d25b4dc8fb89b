"""The demo profile: fictitious residents and businesses, a simulated line.

Everything here is made up, names and numbers alike.
"""

from __future__ import annotations

from dataclasses import dataclass

from kccdesk.config.settings import Settings, WorkstationSettings
from kccdesk.core.caller import Caller, CallerKind
from kccdesk.core.greeting import Salutation
from kccdesk.core.line import CallerId
from kccdesk.store import Database
from kccdesk.store.callers import add_caller, count_callers

DEMO_MUNICIPALITY = "Voorbeeldstad"
DEMO_AGENT = "Sanne"


@dataclass(frozen=True)
class DemoCaller:
    caller: Caller
    numbers: tuple[str, ...]
    display_name: str  # what the caller's own phone sends along
    bsn: str = ""  # made up (the test range of BSNs); the demo's cases are found by it
    kvk: str = ""


def resident(salutation: Salutation, given: str, prefix: str, surname: str, **address: str) -> Caller:
    """A made-up resident of the demo municipality."""
    return Caller(
        id=None,
        kind=CallerKind.RESIDENT,
        salutation=salutation,
        given_name=given,
        surname_prefix=prefix,
        surname=surname,
        city=DEMO_MUNICIPALITY,
        **address,
    )


RESIDENTS = (
    DemoCaller(
        resident(
            Salutation.MEVROUW, "Anna", "de", "Vries", street="Dorpsstraat", house_number="12", postcode="1234 AB"
        ),
        ("06 12345678",),
        "A. de Vries",
        bsn="999993653",
    ),
    DemoCaller(
        resident(Salutation.MENEER, "Youssef", "el", "Amrani", street="Kerkweg", house_number="3a", postcode="1234 CD"),
        ("06 23456789",),
        "Youssef",
        bsn="999990019",
    ),
    DemoCaller(
        resident(
            Salutation.MEVROUW, "Grietje", "van der", "Meer", street="Molenlaan", house_number="48", postcode="1235 EF"
        ),
        ("0201234567", "06 34567890"),
        "",
    ),
    DemoCaller(
        resident(Salutation.NONE, "Sam", "", "Jansen", street="Havenkade", house_number="7", postcode="1236 GH"),
        ("06 45678901",),
        "Sam J",
    ),
)

BUSINESSES = (
    DemoCaller(
        Caller(
            id=None,
            kind=CallerKind.BUSINESS,
            business_name="Bakkerij Van Dijk",
            salutation=Salutation.MENEER,
            given_name="Pieter",
            surname_prefix="van",
            surname="Dijk",
            street="Marktplein",
            house_number="1",
            postcode="1234 AA",
            city=DEMO_MUNICIPALITY,
        ),
        ("0207654321",),
        "Bakkerij vd Dijk",
        kvk="69599084",
    ),
    DemoCaller(
        Caller(
            id=None,
            kind=CallerKind.BUSINESS,
            business_name="Hoveniersbedrijf Groen & Zn.",
            salutation=Salutation.MEVROUW,
            given_name="Lotte",
            surname="Bakker",
            street="Industrieweg",
            house_number="22",
            postcode="1237 KL",
            city=DEMO_MUNICIPALITY,
        ),
        ("06 56789012",),
        "",
    ),
)

UNKNOWN_NUMBERS = ("06 98765432", "+32 470 12 34 56", "0301112233")


def demo_settings() -> Settings:
    return Settings(workstation=WorkstationSettings(municipality=DEMO_MUNICIPALITY, agent_name=DEMO_AGENT))


def seed(db: Database) -> None:
    """Put the demo people in an empty database; leave a used one alone."""
    if count_callers(db):
        return
    for demo in (*RESIDENTS, *BUSINESSES):
        add_caller(db, demo.caller, demo.numbers, demo.bsn, demo.kvk)


class DemoCallers:
    """Picks who calls next in the demo: each kind in turn, so that every
    person shows up."""

    def __init__(self) -> None:
        self._turn = {"resident": 0, "business": 0, "unknown": 0}

    def _next(self, kind: str, pool: tuple[DemoCaller, ...]) -> DemoCaller:
        item = pool[self._turn[kind] % len(pool)]
        self._turn[kind] += 1
        return item

    def resident(self) -> CallerId:
        demo = self._next("resident", RESIDENTS)
        return CallerId(demo.numbers[-1], demo.display_name)

    def business(self) -> CallerId:
        demo = self._next("business", BUSINESSES)
        return CallerId(demo.numbers[0], demo.display_name)

    def unknown(self) -> CallerId:
        number = UNKNOWN_NUMBERS[self._turn["unknown"] % len(UNKNOWN_NUMBERS)]
        self._turn["unknown"] += 1
        return CallerId(number, "")

    def withheld(self) -> CallerId:
        return CallerId("anonymous", "", withheld=True)
