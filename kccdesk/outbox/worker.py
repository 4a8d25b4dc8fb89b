"""The delivery worker: a plain thread that drains the outbox.

Each item gets its attempt committed before it is sent, so after a crash the
sink knows the item may already be on the server and checks first. Failures
that may pass are retried with exponential backoff and full jitter; a refusal
(4xx) is parked with the server's message for a supervisor.
"""

from __future__ import annotations

import logging
import random
import threading
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any, Protocol

from kccdesk.outbox import store
from kccdesk.outbox.klantinteracties import PermanentError, TransientError
from kccdesk.store.db import Database

log = logging.getLogger(__name__)

BATCH = 50  # items per database commit


class Sink(Protocol):
    def deliver(self, reference: str, payload: dict[str, Any], maybe_sent: bool) -> str: ...

    def stop(self) -> None:
        """Begin no new request; called from another thread."""

    def close(self) -> None:
        """Let the connections go; called by the worker's own thread at its end."""


def backoff(attempts: int, base: float = 1.0, cap: float = 300.0, rand: Callable[[], float] = random.random) -> float:
    """Seconds to wait after ``attempts`` failed tries: full jitter on an
    exponentially growing ceiling."""
    return rand() * min(cap, base * 2 ** max(0, attempts - 1))


class DeliveryWorker:
    def __init__(
        self, db: Database, sinks: dict[str, Sink], idle: float = 0.5, base_delay: float = 1.0, max_delay: float = 300.0
    ) -> None:
        self.db = db
        self.sinks = sinks
        self.idle = idle
        self.base_delay = base_delay
        self.max_delay = max_delay
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
        items = store.due(self.db, datetime.now(UTC), limit=BATCH)
        store.mark_attempts(self.db, [item.id for item in items])
        results: list[store.Result] = []
        try:
            for item in items:
                if self._stop.is_set():
                    break
                results.append(self._deliver(item))
        finally:
            store.save_results(self.db, results)
        return len(items)

    def _deliver(self, item: store.OutboxItem) -> store.Result:
        sink = self.sinks.get(item.sink)
        if sink is None:
            return store.Result(item.id, store.PARKED, f"no sink {item.sink!r} is configured")
        try:
            url = sink.deliver(item.reference, item.payload, maybe_sent=item.attempts > 0)
        except PermanentError as exc:
            log.warning("outbox item %s parked: %s", item.reference, exc)
            return store.Result(item.id, store.PARKED, str(exc))
        except TransientError as exc:
            delay = backoff(item.attempts + 1, self.base_delay, self.max_delay)
            retry_at = datetime.now(UTC) + timedelta(seconds=delay)
            return store.Result(item.id, store.PENDING, str(exc), retry_at=retry_at)
        return store.Result(item.id, store.DELIVERED, remote_url=url)
