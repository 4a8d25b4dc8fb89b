"""The screen pop: the caller's record on screen before the agent answers.

When a call comes in, the local records for the calling number are there at
once; the remote sources are asked in a worker thread and what they find is
added when it arrives, handed back to the owner's thread through ``post``, so
that a slow or silent source never holds up the ring count or the window.
The agent may pick the record (a shared number, a search after answering).
A lookup is let go once its call is neither live nor on screen.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from datetime import date

from kccdesk.core.caller import AccessReason, Caller, CallerRecord, open_url
from kccdesk.core.desk import Desk
from kccdesk.core.lookup import Lookup, RemoteState
from kccdesk.core.session import CallSession
from kccdesk.services.callers import Callers

log = logging.getLogger(__name__)

Action = Callable[[], None]
Post = Callable[[Action], None]  # runs an action on the owner's thread, soon
PickObserver = Callable[[str, CallerRecord], None]


class ScreenPop:
    def __init__(self, desk: Desk, callers: Callers, post: Post, open_url_template: str = "") -> None:
        self.desk = desk
        self.callers = callers
        self._post = post
        self._open_url_template = open_url_template
        self.lookups: dict[str, Lookup] = {}
        self._executor = ThreadPoolExecutor(max_workers=2, thread_name_prefix="remote-records")
        self._closed = False
        self._on_change: list[Action] = []
        self._on_picked: list[PickObserver] = []
        desk.on_incoming(self._incoming)
        desk.on_finished(self._finished)

    def on_change(self, observer: Action) -> None:
        """Called when a lookup changed without the desk knowing: remote records arrived, a record was picked."""
        self._on_change.append(observer)

    def on_picked(self, observer: PickObserver) -> None:
        """Called with the call's id and the record when the agent picks one."""
        self._on_picked.append(observer)

    # -- what the screen shows -------------------------------------------------

    def lookup(self, call_id: str) -> Lookup | None:
        return self.lookups.get(call_id)

    def record(self, call_id: str) -> CallerRecord | None:
        """The caller's record, once it is known (the only one, or the one picked)."""
        lookup = self.lookups.get(call_id)
        return lookup.record if lookup else None

    def caller(self, call_id: str) -> Caller | None:
        record = self.record(call_id)
        return record.caller if record else None

    def system_url(self, call_id: str) -> str | None:
        """The address of the call's record in the municipality's own system
        (``[records] open_url``); None without a record, a template, or a
        value the template needs."""
        lookup = self.lookups.get(call_id)
        if lookup is None or lookup.record is None:
            return None
        return open_url(self._open_url_template, lookup.record, lookup.e164)

    # -- what the agent does -----------------------------------------------------

    def pick(self, record: CallerRecord) -> None:
        """The agent chose who is calling (from a shared number's list, or a search)."""
        session = self.desk.current
        if session is None or session.call_id not in self.lookups:
            return
        self.lookups[session.call_id] = self.lookups[session.call_id].with_record(record)
        for picked in self._on_picked:
            picked(session.call_id, record)
        self._changed()

    def search(
        self, name: str = "", postcode: str = "", house_number: str = "", birth_date: date | None = None
    ) -> list[CallerRecord]:
        """The quick search, logged for the call on screen."""
        call_id = self.desk.current.call_id if self.desk.current else None
        return self.callers.search(name, postcode, house_number, birth_date, call_id)

    def shutdown(self) -> None:
        """No more lookups; one under way ends (within its source's time
        limit) and its answer is dropped."""
        self._closed = True
        self._executor.shutdown(wait=True, cancel_futures=True)

    # -- the desk's events -------------------------------------------------------

    def _incoming(self, session: CallSession) -> None:
        lookup = self.callers.lookup(session.caller, AccessReason.SCREEN_POP, session.call_id)
        self.lookups[session.call_id] = lookup
        if lookup.remote is RemoteState.WAITING:
            future = self._executor.submit(self.callers.fetch_remote, lookup)
            future.add_done_callback(lambda done: self._fetched(session.call_id, done))

    def _finished(self, session: CallSession) -> None:
        """The ended call's record stays for the after-call work; lookups of
        calls that are neither live nor on screen are let go."""
        shown = {self.desk.current.call_id} if self.desk.current else set()
        for call_id in set(self.lookups) - set(self.desk.calls) - shown - {session.call_id}:
            del self.lookups[call_id]

    def _fetched(self, call_id: str, future: Future[Lookup]) -> None:
        """On a worker thread: hand what the remote sources found to the owner's thread."""
        if future.cancelled() or self._closed:
            return
        try:
            fetched = future.result()
        except Exception:
            log.exception("asking the remote record sources failed")
            return
        self._post(lambda: self._arrived(call_id, fetched))

    def _arrived(self, call_id: str, fetched: Lookup) -> None:
        lookup = self.lookups.get(call_id)
        if lookup is None:
            return
        merged = lookup.with_remote(fetched)
        self.callers.log_shown(merged.records[len(lookup.records) :], AccessReason.SCREEN_POP, call_id)
        self.lookups[call_id] = merged
        self._changed()

    def _changed(self) -> None:
        for observer in self._on_change:
            observer()
