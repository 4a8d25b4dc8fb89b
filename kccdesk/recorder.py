"""Between the desk and the store: who is calling, and what is kept of a call.

Plain Python (no Qt), so the same code serves the app, the command line and
the tests.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from kccdesk.core.numbers import normalise
from kccdesk.core.party import Party
from kccdesk.core.registration import CallRecord, Registration
from kccdesk.core.session import CallSession
from kccdesk.outbox.service import Outbox
from kccdesk.store import Database, find_parties_by_number, save_call, save_registration

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Lookup:
    """What the screen pop knows about a caller."""

    e164: str | None
    parties: tuple[Party, ...]

    @property
    def party(self) -> Party | None:
        """The caller's record when the number belongs to exactly one party."""
        return self.parties[0] if len(self.parties) == 1 else None


class CallRecorder:
    def __init__(self, db: Database, agent: str, pbx_prefix: str = "", outbox: Outbox | None = None) -> None:
        self.db = db
        self.agent = agent
        self.pbx_prefix = pbx_prefix
        self.outbox = outbox
        self._records: dict[str, CallRecord] = {}  # ended calls whose registration is open

    def lookup(self, session: CallSession) -> Lookup:
        if session.caller.withheld:
            return Lookup(None, ())
        e164 = normalise(session.caller.number, pbx_prefix=self.pbx_prefix)
        if e164 is None:
            return Lookup(None, ())
        return Lookup(e164, tuple(find_parties_by_number(self.db, e164)))

    def record_call(self, session: CallSession, party: Party | None) -> CallRecord:
        record = CallRecord.from_session(session, self.agent)
        save_call(self.db, record, party.id if party else None)
        self._records[record.call_id] = record
        log.info(
            "call %s ended (%s) after %d rings", record.call_id, record.end_reason.value, record.rings
        )
        return record

    def register(self, registration: Registration, final: bool = False) -> None:
        """Save the registration; when ``final`` (closed) it also goes to the outbox."""
        save_registration(self.db, registration)
        log.info("registration saved for call %s", registration.call_id)
        record = self._records.pop(registration.call_id, None) if final else None
        if record is not None and self.outbox is not None:
            self.outbox.submit(record, registration)
