"""Who a caller is: a resident (inwoner) or a business (ondernemer)."""

from __future__ import annotations

import enum
from dataclasses import dataclass

from kccdesk.core.greeting import Salutation, addressed_name


class PartyKind(enum.Enum):
    RESIDENT = "resident"
    BUSINESS = "business"


@dataclass(frozen=True)
class Party:
    """A caller's record. For a business, the person fields are those of its
    contact person, the one the agent speaks to."""

    id: int | None
    kind: PartyKind
    surname: str = ""
    surname_prefix: str = ""
    given_name: str = ""
    salutation: Salutation = Salutation.NONE
    business_name: str = ""
    street: str = ""
    house_number: str = ""
    postcode: str = ""
    city: str = ""

    @property
    def addressed_name(self) -> str:
        """How the agent addresses the caller: "mevrouw De Vries"."""
        return addressed_name(self.salutation, self.surname, self.surname_prefix, self.given_name)

    @property
    def full_name(self) -> str:
        return " ".join(p for p in (self.given_name, self.surname_prefix, self.surname) if p)

    @property
    def address(self) -> str:
        street = " ".join(p for p in (self.street, self.house_number) if p)
        town = " ".join(p for p in (self.postcode, self.city) if p)
        return ", ".join(p for p in (street, town) if p)
