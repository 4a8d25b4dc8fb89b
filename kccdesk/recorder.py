"""Between the desk and the store: who is calling, and what is kept of a call.

Plain Python (no Qt), so the same code serves the app, the command line and
the tests.
"""

from __future__ import annotations

import enum
import getpass
import logging
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime
from typing import Protocol

from kccdesk.core.line import CallerId
from kccdesk.core.numbers import normalise
from kccdesk.core.party import Party
from kccdesk.core.registration import CallRecord, Registration
from kccdesk.core.session import CallSession
from kccdesk.outbox.service import Outbox
from kccdesk.records.model import AccessReason, CallerRecord
from kccdesk.store import Database, save_call, save_registration
from kccdesk.store.records import find_records_by_number, log_access, search_records

log = logging.getLogger(__name__)


class RemoteSource(Protocol):
    name: str

    def find_by_number(self, e164: str) -> list[CallerRecord]:
        """The source's records for the number; raises when it does not answer."""
        ...


class RemoteState(enum.Enum):
    NONE = "none"  # no remote source is on, or there is no number to look up
    WAITING = "waiting"
    ANSWERED = "answered"
    FAILED = "failed"  # did not answer in time, or not as its API says


@dataclass(frozen=True)
class Lookup:
    """What the screen pop knows about a caller: the local records at once,
    the remote ones when they arrive."""

    e164: str | None
    records: tuple[CallerRecord, ...] = ()
    remote: RemoteState = RemoteState.NONE
    chosen: str | None = None  # the key of the record the agent picked

    @property
    def parties(self) -> tuple[Party, ...]:
        return tuple(r.party for r in self.records)

    @property
    def record(self) -> CallerRecord | None:
        """The caller's record: the one the agent chose, or the only one."""
        if self.chosen is not None:
            return next((r for r in self.records if r.key == self.chosen), None)
        return self.records[0] if len(self.records) == 1 else None

    @property
    def party(self) -> Party | None:
        record = self.record
        return record.party if record else None

    def choose(self, key: str) -> Lookup:
        return replace(self, chosen=key)

    def with_record(self, record: CallerRecord) -> Lookup:
        """The agent picked ``record`` (from the chooser or a search)."""
        known = any(r.key == record.key for r in self.records)
        return replace(self, records=self.records if known else (*self.records, record), chosen=record.key)

    def with_remote(self, fetched: Lookup) -> Lookup:
        """This lookup with what the remote sources found added."""
        keys = {r.key for r in self.records}
        new = tuple(r for r in fetched.records if r.key not in keys)
        return replace(self, records=self.records + new, remote=fetched.remote)


class CallRecorder:
    def __init__(
        self,
        db: Database,
        agent: str,
        pbx_prefix: str = "",
        remotes: Sequence[RemoteSource] = (),
        local: bool = True,
        outbox: Outbox | None = None,
    ) -> None:
        """``local``: whether the screen pop looks in the local store (the
        settings may leave it to the remote sources alone)."""
        self.db = db
        self.local = local
        self.agent = agent
        self.pbx_prefix = pbx_prefix
        self.remotes = tuple(remotes)
        self.outbox = outbox
        self._records: dict[str, CallRecord] = {}  # ended calls whose registration is open

    def lookup(self, session: CallSession) -> Lookup:
        """The local records for a ringing call, logged as shown (screen pop)."""
        return self.lookup_caller(session.caller, AccessReason.SCREEN_POP, session.call_id)

    def lookup_caller(self, caller: CallerId, reason: AccessReason, call_id: str | None = None) -> Lookup:
        """The local records for the caller's number, logged as shown."""
        if caller.withheld:
            return Lookup(None)
        e164 = normalise(caller.number, pbx_prefix=self.pbx_prefix)
        if e164 is None:
            return Lookup(None)
        records = tuple(find_records_by_number(self.db, e164)) if self.local else ()
        self.log_shown(records, reason, call_id)
        return Lookup(e164, records, RemoteState.WAITING if self.remotes else RemoteState.NONE)

    def fetch_remote(self, lookup: Lookup) -> Lookup:
        """The lookup with the remote sources' records added. Blocks on the
        network: run it away from the UI thread. Touches no database."""
        if lookup.e164 is None or not self.remotes:
            return replace(lookup, remote=RemoteState.NONE)
        found: list[CallerRecord] = []
        state = RemoteState.ANSWERED
        for source in self.remotes:
            try:
                found += source.find_by_number(lookup.e164)
            except Exception as error:  # noqa: BLE001 - any failure means: did not answer
                log.warning("record source %s did not answer: %s", source.name, type(error).__name__)
                state = RemoteState.FAILED
        return replace(lookup, records=lookup.records + tuple(found), remote=state)

    def search(
        self,
        name: str = "",
        postcode: str = "",
        house_number: str = "",
        birth_date: date | None = None,
        call_id: str | None = None,
    ) -> list[CallerRecord]:
        """The quick search in the local store; what it shows is logged."""
        found = search_records(self.db, name, postcode, house_number, birth_date)
        self.log_shown(found, AccessReason.SEARCH, call_id)
        return found

    def log_shown(
        self, records: Sequence[CallerRecord], reason: AccessReason, call_id: str | None = None
    ) -> None:
        # Who looked: the agent's name, or the computer account when none is set.
        log_access(self.db, self.agent or getpass.getuser(), [r.key for r in records], reason, call_id)

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
        save_registration(self.db, registration, closed_at=datetime.now(UTC) if final else None)
        log.info("registration saved for call %s", registration.call_id)
        record = self._records.pop(registration.call_id, None) if final else None
        if record is not None and self.outbox is not None:
            self.outbox.submit(record, registration)
