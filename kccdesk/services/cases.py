"""The caller's cases at the screen pop: "how is my application going?"
answered before the agent answers the call.

Once the call's record is known (at once, when a remote source answers, or
when the agent picks one) and it has a BSN or a KvK number, the case system
is asked in a worker thread; its answer is handed back to the owner's
thread through ``post``, so that neither the ring count nor the record ever
waits for it. Every case shown is written to the access log (who, when,
which case, why); the application log says only that the case system does
not answer, once until it answers again, and never whose cases they were.
"""

from __future__ import annotations

import getpass
import logging
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import replace
from datetime import date
from typing import Protocol

from kccdesk.core.caller import AccessReason, CallerRecord
from kccdesk.core.cases import CallerCases, Case, CasesState
from kccdesk.core.desk import Desk
from kccdesk.core.registration import CASE, SubjectObject
from kccdesk.core.session import CallSession
from kccdesk.i18n import _
from kccdesk.services.registrations import Registrations, Scheduler
from kccdesk.services.screen_pop import Post, ScreenPop
from kccdesk.store import Database, DatabaseError
from kccdesk.store.access_log import log_access

log = logging.getLogger(__name__)

ASK_AFTER = 0.05  # seconds after the record is known: its frame is painted first (a frame is 17 ms at 60 Hz)

# How the registration system knows a case the contact was about (its
# onderwerpobject): by the case's identification in the case system.
CASE_REGISTER = "zaken-api"
CASE_ID_KIND = "identificatie"


class CaseSource(Protocol):
    def cases(self, bsn: str = "", kvk: str = "") -> list[Case]:
        """The cases of a resident (BSN) or a business (KvK number), open
        ones first; raises when the case system does not answer."""
        ...

    def close(self) -> None:
        """Let go of its connections (at quit)."""
        ...


def can_ask(source: CaseSource | None, record: CallerRecord | None) -> bool:
    """Whether there is a case system and the record says whose cases to ask for."""
    return source is not None and record is not None and bool(record.bsn or record.kvk)


def ask_cases(source: CaseSource, record: CallerRecord) -> CallerCases:
    """The record's cases, or the state FAILED. Blocks on the network: run
    it away from the window's thread. Touches no database."""
    try:
        found = source.cases(bsn=record.bsn, kvk="" if record.bsn else record.kvk)
    except Exception as error:  # noqa: BLE001 - any failure means: did not answer
        return CallerCases(record.key, CasesState.FAILED, (), type(error).__name__)
    return CallerCases(record.key, CasesState.ANSWERED, tuple(found))


def about_case(case: Case) -> SubjectObject:
    """A case as what a registration is about."""
    title = " · ".join(part for part in (case.identification, case.description) if part)
    return SubjectObject(CASE, CASE_REGISTER, CASE_ID_KIND, case.identification or case.url, title)


def log_cases_shown(
    db: Database, agent: str, cases: Sequence[Case], reason: AccessReason, call_id: str | None = None
) -> None:
    """One access-log row for each case shown; the agent's name, or the computer account when none is set."""
    log_access(db, agent or getpass.getuser(), [c.key for c in cases], reason, call_id)


class Cases:
    """The cases of each live call's caller, as far as they are known; the
    call on screen's are ``current``."""

    def __init__(
        self,
        desk: Desk,
        screen_pop: ScreenPop,
        source: CaseSource | None,
        db: Database,
        agent: str,
        post: Post,
        registrations: Registrations | None = None,  # where a picked case is linked; None: none is
        schedule: Scheduler | None = None,  # to ask a moment after the record is shown; None: at once
    ) -> None:
        self.desk = desk
        self.registrations = registrations
        self._schedule = schedule
        self.screen_pop = screen_pop
        self.source = source
        self.db = db
        self.agent = agent
        self._post = post
        self.by_call: dict[str, CallerCases] = {}
        self._executor = ThreadPoolExecutor(max_workers=2, thread_name_prefix="cases")
        self._closed = False
        self._failing = False  # said in the log once, until the case system answers again
        self._on_change: list[Callable[[], None]] = []
        desk.on_incoming(self._incoming)
        desk.on_finished(self._finished)
        screen_pop.on_change(self._records_changed)

    def on_change(self, observer: Callable[[], None]) -> None:
        """Called when a call's cases changed: asked, arrived, or not available."""
        self._on_change.append(observer)

    # -- what the screen and the registration read -------------------------------

    def for_call(self, call_id: str) -> CallerCases | None:
        return self.by_call.get(call_id)

    @property
    def current(self) -> CallerCases | None:
        """The cases of the call on screen; None when there is none, or no case system."""
        session = self.desk.current
        return self.by_call.get(session.call_id) if session is not None else None

    def shown(self, call_id: str) -> tuple[Case, ...]:
        """The cases shown for the call (each with its identification and URL)."""
        cases = self.by_call.get(call_id)
        return cases.cases if cases is not None else ()

    def pickable(self) -> tuple[Case, ...]:
        """The cases the agent can link to the registration on the form: its call's, as shown."""
        call_id = self.registrations.call_id if self.registrations else None
        return self.shown(call_id) if call_id else ()

    def pick(self, case: Case) -> bool:
        """The case the call is about: linked to the registration (the
        contact's onderwerpobject), and its question begun with the case's
        identification when it is still empty. False when no registration is open."""
        if self.registrations is None or not self.registrations.link(about_case(case)):
            return False
        if not self.registrations.entry.question.strip():
            question = _("About case {identification}: ").format(identification=case.identification)
            self.registrations.edit(replace(self.registrations.entry, question=question))
        return True

    def today(self) -> date:
        """The day a case's planned end is measured against."""
        return self.desk.clock.now().date()

    def shutdown(self) -> None:
        """No more lookups; one under way ends within its time limit and its answer is dropped."""
        self._closed = True
        self._executor.shutdown(wait=True, cancel_futures=True)
        if self.source is not None:
            self.source.close()

    # -- the desk's and the screen pop's events -----------------------------------

    def _incoming(self, session: CallSession) -> None:
        self._check(session.call_id)

    def _records_changed(self) -> None:
        for call_id in list(self.screen_pop.lookups):
            self._check(call_id)

    def _finished(self, session: CallSession) -> None:
        """Cases go with their call's lookup (kept while the call is on screen)."""
        for call_id in set(self.by_call) - set(self.screen_pop.lookups):
            del self.by_call[call_id]

    def _check(self, call_id: str) -> None:
        """Ask for the cases of the call's record, unless they are known or asked already."""
        record = self.screen_pop.record(call_id)
        known = self.by_call.get(call_id)
        if record is None or not can_ask(self.source, record):
            if known is not None:
                del self.by_call[call_id]
                self._changed()
            return
        if known is not None and known.record == record.key:
            return
        self.by_call[call_id] = CallerCases(record.key, CasesState.WAITING)
        if self._schedule is not None:  # the record's own frame first: the lookup's work would hold the window up
            self._schedule(ASK_AFTER, lambda: self._ask(call_id, record))
        else:
            self._ask(call_id, record)
        self._changed()

    def _ask(self, call_id: str, record: CallerRecord) -> None:
        known = self.by_call.get(call_id)
        if self._closed or self.source is None or known is None or known.record != record.key:
            return  # the call went, or its record changed, before it was asked
        future = self._executor.submit(ask_cases, self.source, record)
        future.add_done_callback(lambda done: self._fetched(call_id, done))

    def _fetched(self, call_id: str, future: Future[CallerCases]) -> None:
        """On a worker thread: hand the answer to the owner's thread."""
        if future.cancelled() or self._closed:
            return
        found = future.result()  # ask_cases raises nothing
        self._post(lambda: self._arrived(call_id, found))

    def _arrived(self, call_id: str, found: CallerCases) -> None:
        known = self.by_call.get(call_id)
        if known is None or known.record != found.record:
            return  # the call is gone, or its record changed while asking
        if found.state is CasesState.FAILED:
            if not self._failing:
                log.warning("the case system did not answer: %s", found.problem)
            self._failing = True
        else:
            if self._failing:
                log.info("the case system answers again")
            self._failing = False
            try:
                log_cases_shown(self.db, self.agent, found.cases, AccessReason.SCREEN_POP, call_id)
            except DatabaseError as error:  # a case is shown only once its showing is in the access log
                log.warning("the caller's cases are not shown: the access log cannot be written (%s)", error)
                found = CallerCases(found.record, CasesState.FAILED, (), "access log")
        self.by_call[call_id] = found
        self._changed()

    def _changed(self) -> None:
        for observer in self._on_change:
            observer()
