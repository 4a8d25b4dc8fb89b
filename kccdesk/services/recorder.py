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

from kccdesk.core.caller import AccessReason, CallbackRequest, Caller, CallerRecord
from kccdesk.core.draft import CallbackDetails, Draft
from kccdesk.core.line import CallerId
from kccdesk.core.numbers import normalise
from kccdesk.core.registration import EndedCall
from kccdesk.core.session import CallSession
from kccdesk.outbox.service import Outbox
from kccdesk.store import Database
from kccdesk.store.access_log import log_access
from kccdesk.store.callbacks import add_callback_request, open_callbacks_for_number
from kccdesk.store.callers import find_records_by_number, search_records
from kccdesk.store.calls import blank_caller, call_stored, get_call, save_call
from kccdesk.store.drafts import delete_draft, open_drafts, save_draft
from kccdesk.store.registrations import save_registration

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
    callbacks: tuple[CallbackRequest, ...] = ()  # open callback requests for this number without a record

    @property
    def callers(self) -> tuple[Caller, ...]:
        return tuple(r.caller for r in self.records)

    @property
    def record(self) -> CallerRecord | None:
        """The caller's record: the one the agent chose, or the only one."""
        if self.chosen is not None:
            return next((r for r in self.records if r.key == self.chosen), None)
        return self.records[0] if len(self.records) == 1 else None

    @property
    def caller(self) -> Caller | None:
        record = self.record
        return record.caller if record else None

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
        self._count_on_end: dict[str, Draft] = {}  # counted while talking

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
        callbacks = open_callbacks_for_number(self.db, e164)
        self.log_shown(records, reason, call_id)
        return Lookup(e164, records, RemoteState.WAITING if self.remotes else RemoteState.NONE, callbacks=callbacks)

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

    def record_call(self, session: CallSession, caller: Caller | None) -> EndedCall:
        """Store the finished call. A call the agent counted only is stored
        without number or name, and its count is closed with it."""
        record = EndedCall.from_session(session, self.agent)
        counted = self._count_on_end.pop(record.call_id, None)
        if counted is not None:
            record = replace(record, number="", display_name="")
        save_call(self.db, record, None if counted or caller is None else caller.id)
        log.info(
            "call %s ended (%s) after %d rings", record.call_id, record.end_reason.value, record.rings
        )
        if counted is not None:
            self.close(counted)
        return record

    def keep(self, draft: Draft) -> None:
        """Save what the form holds: the draft always, and once the call is
        stored also its (still open) registration."""
        save_draft(self.db, draft)
        if draft.facts.ended and call_stored(self.db, draft.call_id):
            save_registration(self.db, draft.registration)

    def count_when_ended(self, draft: Draft) -> None:
        """Count-only chosen while still talking: closed when the call is stored."""
        save_draft(self.db, draft)
        self._count_on_end[draft.call_id] = draft

    def close(self, draft: Draft) -> None:
        """Close the registration: stored as closed (with the call itself when
        the app died before it could store it), its callback request made, and
        handed to the outbox; then the draft goes. A count-only registration
        keeps no personal data and goes to no remote sink."""
        registration = draft.registration
        record = get_call(self.db, draft.call_id)
        if record is None:
            record = draft.facts.ended_call()
            save_call(self.db, record, registration.caller_id)
        if registration.count_only:
            blank_caller(self.db, draft.call_id)
        save_registration(self.db, registration, closed_at=datetime.now(UTC))
        callback = draft.callback
        if callback is not None:
            number = normalise(callback.number, pbx_prefix=self.pbx_prefix) or ""
            if registration.caller_id is not None or number:  # a caller without a record is found by number
                note = callback_note(callback)
                request = CallbackRequest(registration.caller_id, callback.for_whom, note, due=callback.due, number=number)
                add_callback_request(self.db, request, draft.call_id)
        if self.outbox is not None and not registration.count_only:
            self.outbox.submit(record, registration, callback, draft.facts.reference)
        delete_draft(self.db, draft.call_id)
        log.info("registration closed for call %s", draft.call_id)

    def new_reference(self) -> str:
        """The referentienummer a new registration will have in the
        Klantinteracties API ("" when it does not go there)."""
        return self.outbox.new_reference() if self.outbox is not None else ""

    def open_drafts(self) -> list[Draft]:
        return open_drafts(self.db)


def callback_note(callback: CallbackDetails) -> str:
    """What the colleague reads: the number to call and the question."""
    return f"{callback.number}: {callback.note}" if callback.note else callback.number
