"""Who a caller is (a resident or a business), and the caller's record as
the screen pop shows it, whatever its source."""

from __future__ import annotations

import enum
import string
from dataclasses import dataclass
from datetime import date, datetime
from urllib.parse import quote

from kccdesk.core.greeting import Salutation, addressed_name

# The source of the records read from a Klantinteracties API: a record's key
# is "openklant:<the partij's uuid>".
PARTY_SOURCE = "openklant"


class CallerKind(enum.Enum):
    RESIDENT = "resident"
    BUSINESS = "business"


@dataclass(frozen=True)
class Caller:
    """A caller's record. For a business, the person fields are those of its
    contact person, the one the agent speaks to."""

    id: int | None
    kind: CallerKind
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
    def name(self) -> str:
        """The caller's name as written in lists and on the registration: a
        business's name, or the person's full name."""
        return self.business_name or self.full_name

    @property
    def full_name(self) -> str:
        return " ".join(p for p in (self.given_name, self.surname_prefix, self.surname) if p)

    @property
    def address(self) -> str:
        street = " ".join(p for p in (self.street, self.house_number) if p)
        town = " ".join(p for p in (self.postcode, self.city) if p)
        return ", ".join(p for p in (street, town) if p)


class AccessReason(enum.Enum):
    """Why a record was opened; kept in the access log."""

    SCREEN_POP = "screen_pop"
    SEARCH = "search"
    COMMAND = "command"  # kccdesk records lookup


class CallbackStatus(enum.Enum):
    OPEN = "open"
    DONE = "done"


@dataclass(frozen=True)
class EarlierContact:
    at: datetime
    subject: str
    outcome: str = ""
    agent: str = ""


@dataclass(frozen=True)
class CallbackRequest:
    """A promise to call the caller back: who asked, for whom, by when."""

    caller_id: int | None
    for_whom: str
    note: str = ""
    status: CallbackStatus = CallbackStatus.OPEN
    due: datetime | None = None
    id: int | None = None
    number: str = ""  # the number to call back (E.164); finds the request when there is no record


@dataclass(frozen=True)
class CallerRecord:
    """One caller with what the agent needs to see during the call.

    ``key`` names the record in the access log and is the same every time
    ("local:12", "openklant:<uuid>"). Earlier contacts are newest first.
    """

    key: str
    source: str
    caller: Caller
    birth_date: date | None = None
    bsn: str = ""
    kvk: str = ""
    email: str = ""
    contacts: tuple[EarlierContact, ...] = ()
    callbacks: tuple[CallbackRequest, ...] = ()

    @property
    def party(self) -> str:
        """The uuid of the caller's partij in a Klantinteracties API, when the
        record comes from one ("" otherwise)."""
        return self.key.removeprefix(PARTY_SOURCE + ":") if self.source == PARTY_SOURCE else ""

    @property
    def open_callbacks(self) -> tuple[CallbackRequest, ...]:
        return tuple(c for c in self.callbacks if c.status is CallbackStatus.OPEN)

    @property
    def masked_bsn(self) -> str:
        """The BSN as the screen shows it: only its last three digits."""
        return "******" + self.bsn[-3:] if self.bsn else ""


def open_url(template: str, record: CallerRecord, e164: str | None) -> str | None:
    """The template with {e164}, {bsn} and {kvk} filled in (URL-quoted);
    None when there is no template, or it needs a value this record lacks."""
    if not template:
        return None
    values = {"e164": e164 or "", "bsn": record.bsn, "kvk": record.kvk}
    needed = [name for _, name, _, _ in string.Formatter().parse(template) if name]
    if any(name not in values or not values[name] for name in needed):
        return None
    return template.format(**{k: quote(v, safe="") for k, v in values.items()})
