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
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any, Protocol

from kccdesk.outbox import store
from kccdesk.outbox.failures import PermanentError, TransientError, Unreachable
from kccdesk.store.db import Database

log = logging.getLogger(__name__)

BATCH = 50  # items per database commit
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
            for item in items:
                if self._stop.is_set():
                    break
                if item.sink in self._down():  # went down within this batch: wait for its probe
                    continue
                results.append(self._deliver(item))
        finally:
            store.save_results(self.db, results)
        return len(items)

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

    def _deliver(self, item: store.OutboxItem) -> store.Result:
        sink = self.sinks.get(item.sink)
        if sink is None:
            return store.Result(item.id, store.PARKED, f"no sink {item.sink!r} is configured")
        try:
            url = sink.deliver(item.reference, item.payload, maybe_sent=item.attempts > 0)
        except PermanentError as exc:
            log.warning("outbox item %s parked: %s", item.reference, exc)
            self._answered(item.sink)
            return store.Result(item.id, store.PARKED, str(exc))
        except Unreachable as exc:
            self._unreachable(item.sink, exc)
            return store.Result(item.id, store.PENDING, str(exc))  # due again the moment the server is back
        except TransientError as exc:
            delay = backoff(item.attempts + 1, self.base_delay, self.max_delay)
            retry_at = datetime.now(UTC) + timedelta(seconds=delay)
            return store.Result(item.id, store.PENDING, str(exc), retry_at=retry_at)
        self._answered(item.sink)
        return store.Result(item.id, store.DELIVERED, remote_url=url)
