"""The delivery worker: a plain thread that drains the outbox.

Each item gets its attempt committed before it is sent, so after a crash the
sink knows the item may already be on the server and checks first. A refusal
(4xx) is parked with the server's message for a supervisor; a failure that
may pass is retried with exponential backoff and full jitter.

A server that does not answer at all is not asked item by item: the worker
sends it one cheap probe now and then (at most every PROBE_CAP seconds), and
the moment it answers again, or any delivery to it succeeds, its whole
backlog is due at once. So an outage costs no retry storm, and its end no
long wait.
"""

from __future__ import annotations

import logging
import random
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any, Protocol

from kccdesk.outbox import store
from kccdesk.outbox.failures import PermanentError, TransientError, Unreachable
from kccdesk.store.db import Database

log = logging.getLogger(__name__)

BATCH = 50  # items per database commit
SENDERS = 4  # registrations sent at the same time
PROBE_BASE, PROBE_CAP = 1.0, 3.0  # seconds between probes of a server that does not answer


class Sink(Protocol):
    def deliver(self, reference: str, payload: dict[str, Any], maybe_sent: bool) -> str: ...

    def probe(self) -> bool:
        """One cheap request: does the server answer again?"""

    def stop(self) -> None:
        """Begin no new request; called from another thread."""

    def close(self) -> None:
        """Let the connections go; called by the worker's own thread at its end."""


def backoff(attempts: int, base: float = 1.0, cap: float = 300.0, rand: Callable[[], float] = random.random) -> float:
    """Seconds to wait after ``attempts`` failed tries: full jitter on an
    exponentially growing ceiling."""
    return rand() * min(cap, base * 2 ** max(0, attempts - 1))


@dataclass
class _Reach:
    """Whether a sink's server answers, as far as the worker knows."""

    down: bool = False
    confirmed: bool = False  # a request to it succeeded in this run
    next_probe: float = 0.0  # monotonic
    interval: float = 0.0


class DeliveryWorker:
    def __init__(
        self,
        db: Database,
        sinks: dict[str, Sink],
        idle: float = 0.5,
        base_delay: float = 1.0,
        max_delay: float = 300.0,
        probe_base: float = PROBE_BASE,
        probe_cap: float = PROBE_CAP,
    ) -> None:
        self.db = db
        self.sinks = sinks
        self.idle = idle
        self.base_delay = base_delay
        self.max_delay = max_delay
        self.probe_base, self.probe_cap = probe_base, probe_cap
        self._reach = {name: _Reach() for name in sinks}
        self.after_each_round: Callable[[], object] | None = None  # e.g. what waits is read again
        self._wake = threading.Event()
        self._stop = threading.Event()
        # Not a daemon: at exit the process waits for the request under way
        # (bounded by the sink's time limit) instead of being torn down under it.
        self._thread = threading.Thread(target=self._run, name="outbox")

    def start(self) -> None:
        self._thread.start()

    def stop(self, timeout: float = 5.0) -> None:
        """Stop after the item under way: what was tried is recorded, the rest
        stays pending for the next start. Waits up to ``timeout`` seconds."""
        self._stop.set()
        for sink in self.sinks.values():
            sink.stop()
        self._wake.set()
        if self._thread.is_alive():
            self._thread.join(timeout)

    def wake(self) -> None:
        """Something was enqueued: look now instead of after the idle wait."""
        self._wake.set()

    def _run(self) -> None:
        try:
            while not self._stop.is_set():
                try:
                    worked = self.drain_once()
                except Exception:  # the worker must survive a broken database moment
                    log.exception("outbox worker failed; trying again")
                    worked = 0
                if self.after_each_round is not None:
                    try:
                        self.after_each_round()
                    except Exception:  # what follows a round must not end the deliveries
                        log.exception("after a round of deliveries")
                if not worked:
                    self._wake.wait(self.idle)
                    self._wake.clear()
        finally:
            for sink in self.sinks.values():
                sink.close()

    def drain_once(self) -> int:
        """Try every due item once; returns how many were tried. The
        attempts are committed for the whole batch before sending, and the
        results in one commit after it: a crash in between leaves items that
        are looked up on the server before they are sent again."""
        self._probe_when_due()
        items = store.due(self.db, datetime.now(UTC), limit=BATCH, skip_sinks=self._down())
        store.mark_attempts(self.db, [item.id for item in items])
        results: list[store.Result] = []
        try:
            for item, sent in self._send_all(items):
                results.append(self._outcome(item, sent))
        finally:
            store.save_results(self.db, results)
        return len(items)

    def _send_all(self, items: list[store.OutboxItem]) -> list[tuple[store.OutboxItem, str | Exception]]:
        """Send the items: each server's first alone, then the rest SENDERS
        at a time (the server works on one while the next travels). Once a
        server does not answer, the rest of the batch for it is not sent:
        its probe comes first."""
        down = self._down()
        guard = threading.Lock()

        def send(item: store.OutboxItem) -> tuple[store.OutboxItem, str | Exception] | None:
            with guard:
                if self._stop.is_set() or item.sink in down:
                    return None
            sink = self.sinks.get(item.sink)
            if sink is None:
                return item, PermanentError(f"no sink {item.sink!r} is configured")
            try:
                return item, sink.deliver(item.reference, item.payload, maybe_sent=item.attempts > 0)
            except Unreachable as exc:
                with guard:
                    down.add(item.sink)
                return item, exc
            except (PermanentError, TransientError) as exc:
                return item, exc

        leads = {item.sink: item for item in reversed(items)}.values()  # each server's first
        sent = [send(item) for item in leads]  # alone: a server that does not answer gets one request
        lead_ids = {item.id for item in leads}
        rest = [item for item in items if item.id not in lead_ids]
        if rest:
            with ThreadPoolExecutor(SENDERS, thread_name_prefix="outbox-send") as pool:
                sent += pool.map(send, rest)
        return [done for done in sent if done is not None]

    def _down(self) -> set[str]:
        return {name for name, reach in self._reach.items() if reach.down}

    def _probe_when_due(self) -> None:
        now = time.monotonic()
        for name, reach in self._reach.items():
            if not reach.down or now < reach.next_probe or self._stop.is_set():
                continue
            if self.sinks[name].probe():
                log.info("%s answers again: its waiting registrations go now", name)
                self._answered(name)
            else:
                reach.interval = min(self.probe_cap, reach.interval * 2)
                reach.next_probe = now + reach.interval

    def _answered(self, name: str) -> None:
        """The sink's server answered: after an outage, or the first time in
        this run, every item waiting for it is due at once."""
        reach = self._reach[name]
        if reach.down or not reach.confirmed:
            store.retry_now(self.db, name)
        reach.down, reach.confirmed = False, True

    def _unreachable(self, name: str, error: Unreachable) -> None:
        reach = self._reach[name]
        if not reach.down:
            log.warning("%s does not answer (%s); asking it again every %.0f s at most", name, error, self.probe_cap)
        reach.down, reach.interval = True, self.probe_base
        reach.next_probe = time.monotonic() + self.probe_base

    def _outcome(self, item: store.OutboxItem, sent: str | Exception) -> store.Result:
        """What one sending did to the item, and what it says of the server."""
        if isinstance(sent, PermanentError):
            log.warning("outbox item %s parked: %s", item.reference, sent)
            if item.sink in self.sinks:
                self._answered(item.sink)
            return store.Result(item.id, store.PARKED, str(sent))
        if isinstance(sent, Unreachable):
            self._unreachable(item.sink, sent)
            return store.Result(item.id, store.PENDING, str(sent))  # due again the moment the server is back
        if isinstance(sent, Exception):  # a failure that may pass
            delay = backoff(item.attempts + 1, self.base_delay, self.max_delay)
            retry_at = datetime.now(UTC) + timedelta(seconds=delay)
            return store.Result(item.id, store.PENDING, str(sent), retry_at=retry_at)
        self._answered(item.sink)
        return store.Result(item.id, store.DELIVERED, remote_url=sent)
