"""What the screen pop shows of a lookup, as plain data (for the command
line's --json and its text)."""

from __future__ import annotations

from typing import Any

from kccdesk.records.model import CallerRecord
from kccdesk.recorder import Lookup


def lookup_data(lookup: Lookup) -> dict[str, Any]:
    return {
        "number": lookup.e164,
        "remote": lookup.remote.value,
        "records": [record_data(r) for r in lookup.records],
    }


def record_data(record: CallerRecord) -> dict[str, Any]:
    party = record.party
    return {
        "record": record.key,
        "source": record.source,
        "kind": party.kind.value,
        "name": party.full_name,
        "addressed_as": party.addressed_name,
        "business_name": party.business_name,
        "address": party.address,
        "birth_date": record.birth_date.isoformat() if record.birth_date else None,
        "bsn": record.masked_bsn,
        "kvk": record.kvk,
        "open_callback_requests": [
            {"for_whom": c.for_whom, "note": c.note, "due": c.due.isoformat() if c.due else None}
            for c in record.open_callbacks
        ],
        "earlier_contacts": [
            {"at": c.at.isoformat(), "subject": c.subject, "outcome": c.outcome, "agent": c.agent}
            for c in record.contacts
        ],
    }

