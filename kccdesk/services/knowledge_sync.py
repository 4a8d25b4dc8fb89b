"""The knowledge from the municipality's Objects API kept up to date: at
start and every ``sync_minutes``, on a thread of its own (never the
window's), and at once when asked (``kccdesk knowledge sync`` does it
without the thread).

A sync that fails (the server does not answer, refuses the token, has a
fault, answers something else than a page of objects) changes nothing in
the store; its reason, in one line, is the state the window shows until
the next sync works. The log says so once when it starts failing and once
when it works again, with counts and reasons only, never a name.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime
from functools import partial

from kccdesk.core.clock import Clock
from kccdesk.core.knowledge import Source
from kccdesk.i18n import _
from kccdesk.knowledge.objects_api import ObjectsApi, ObjectsApiError, SyncReport, synchronise
from kccdesk.services.registrations import Scheduler
from kccdesk.services.screen_pop import Post
from kccdesk.store import DatabaseError
from kccdesk.store.db import Database

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class SyncState:
    synced_at: datetime | None = None  # when the last sync that worked ended
    report: SyncReport | None = None  # what it did
    problem: str = ""  # why the last sync did not work; "" when it did (or none ran yet)
    failed_at: datetime | None = None


class SyncFailed(Exception):
    """A sync that changed nothing; the message says why, in one line."""


class KnowledgeSync:
    def __init__(
        self,
        db: Database,
        api: ObjectsApi,
        objecttypes: Mapping[Source, str],
        clock: Clock,
        every_minutes: float,
        post: Post,
        schedule: Scheduler,
    ) -> None:
        self._db = db
        self._api = api
        self._objecttypes = dict(objecttypes)
        self._clock = clock
        self._every = every_minutes * 60.0
        self._post = post
        self._schedule = schedule
        self._state = SyncState()
        self._observers: list[Callable[[], None]] = []
        self._wake = threading.Event()
        self._stop = threading.Event()
        self._round = 0  # syncs begun: a timer set before the last one is void
        self._skipped_logged: frozenset[tuple[str, str]] = frozenset()
        # Not a daemon: at exit the process waits for the request under way
        # (bounded by the time limit) instead of being torn down under it.
        self._thread = threading.Thread(target=self._run, name="knowledge-sync")

    @property
    def state(self) -> SyncState:
        """The state after the last sync: at once, from any thread."""
        return self._state

    def on_change(self, observer: Callable[[], None]) -> None:
        """``observer`` is called on the window's thread after each sync."""
        self._observers.append(observer)

    def start(self) -> None:
        """The first sync now, the next ones every ``sync_minutes``."""
        self._thread.start()
        self.request()

    def request(self) -> None:
        """A sync as soon as the thread is free (from any thread)."""
        self._wake.set()

    def stop(self) -> None:
        """No new sync; wait for the one under way, which ends within the time limit of its requests."""
        self._stop.set()
        self._wake.set()
        if self._thread.is_alive():
            self._thread.join(self._api.timeout_seconds + 2.0)

    def sync_once(self) -> SyncReport:
        """One sync, on the calling thread; SyncFailed when it changed nothing."""
        try:
            report = synchronise(self._db, self._api, self._objecttypes, self._clock.now().date())
        except (ObjectsApiError, DatabaseError) as error:
            self._failed(str(error))
            raise SyncFailed(str(error)) from None
        self._worked(report)
        return report

    def _run(self) -> None:
        while True:
            self._wake.wait()
            if self._stop.is_set():
                return
            self._wake.clear()
            self._round += 1
            this_round = self._round
            try:
                self.sync_once()
            except SyncFailed:
                pass
            except Exception:  # the thread must outlive a fault of its own; the next sync tries again
                log.exception("the knowledge sync failed")
                self._failed(_("an unexpected fault; see the log"))
            self._post(partial(self._after, this_round))

    def _after(self, this_round: int) -> None:
        """On the window's thread: the observers told, the next sync set."""
        for observer in self._observers:
            observer()
        self._schedule(self._every, lambda: self._due(this_round))

    def _due(self, this_round: int) -> None:
        if this_round == self._round:  # no sync ran since this timer was set
            self.request()

    def _worked(self, report: SyncReport) -> None:
        if self._state.problem:
            log.info("the knowledge sync works again")
        log.info(
            "knowledge synced: %d added, %d changed, %d removed, %d withdrawn, %d skipped",
            report.added, report.changed, report.removed, report.withdrawn, len(report.skipped),
        )  # fmt: skip
        skipped = frozenset((one.object_id, one.reason) for one in report.skipped)
        for object_id, reason in sorted(skipped - self._skipped_logged):  # each once, not at every sync
            log.warning("object %s of the Objects API skipped: %s", object_id, reason)
        self._skipped_logged = skipped
        self._state = SyncState(synced_at=self._clock.now(), report=report)

    def _failed(self, problem: str) -> None:
        if problem != self._state.problem:
            log.warning("the knowledge cannot be synced: %s", problem)
        previous = self._state
        self._state = SyncState(previous.synced_at, previous.report, problem, self._clock.now())
