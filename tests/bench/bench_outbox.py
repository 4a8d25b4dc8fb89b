"""Benchmark of the outbox (run as a script, not collected as a test):
``python tests/bench/bench_outbox.py [registrations]`` (default 2,000).
Each figure is taken twice: on the machine as it is, and with a second,
CPU-bound process beside it; the machine's load is printed with each.

1. Drain rate: the registrations, queued as the app sends them (each with
   the agent linked as an actor: two requests), delivered to the local
   Klantinteracties test server in a process of its own (which checks every
   request against the API document). Counted in requests per second, every
   request the app makes; goal >= 200/s. Anchor: the same server, sent
   maak-klantcontact requests one at a time by a bare HTTP client.
2. UI stall: while the outbox drains to a server that hangs, the longest
   gap between ticks of a 5 ms Qt timer, with the backlog indicator
   refreshing 20 times as often as in the app; with where the window's
   thread was (the app's stall watch). Goal <= 16 ms. Anchor: the same
   loop with no outbox.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import sys
import tempfile
import time
from collections.abc import Iterator
from multiprocessing.queues import Queue
from multiprocessing.synchronize import Event
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

import httpx
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication

from kccdesk.app.stall_watch import Stall, StallWatch
from kccdesk.config.secrets import set_secret
from kccdesk.config.settings import SinkSettings
from kccdesk.outbox import store
from kccdesk.outbox.klantcontact import FOLLOW_UP
from kccdesk.outbox.klantinteracties import KlantinteractiesSink
from kccdesk.outbox.service import Outbox
from kccdesk.outbox.worker import DeliveryWorker
from kccdesk.services.deliveries import Deliveries
from kccdesk.store import Database, open_database
from kccdesk.ui.backlog_indicator import BacklogIndicator
from tests.bench.conditions import beside, conditions, load
from tests.outbox.test_delivery import a_payload
from tests.support.keyring_memory import MemoryKeyring
from tests.support.klantinteracties_server import TOKEN, KlantinteractiesServer


def fill(db: Database, n: int, follow_up: bool = False) -> None:
    for i in range(n):
        ref = store.new_reference()
        payload = a_payload(f"call-{i}", ref)
        if follow_up:
            payload = {**payload, FOLLOW_UP: {"agent": "Sanne"}}
        store.enqueue(db, "klantinteracties", payload, ref)


def serve(urls: Queue, done: Event, figures: Queue) -> None:
    """In a process of its own, as the real server is on another machine:
    its checking of every request does not share our interpreter."""
    with KlantinteractiesServer(check_answers=False) as api:  # every request is still checked
        urls.put(api.base_url)
        done.wait()
        figures.put((len(api.requests), api.posts, api.contract_errors))


@contextlib.contextmanager
def server() -> Iterator[tuple[str, Queue]]:
    context = multiprocessing.get_context("spawn")
    urls, figures, done = context.Queue(), context.Queue(), context.Event()
    process = context.Process(target=serve, args=(urls, done, figures), daemon=True)
    process.start()
    try:
        yield urls.get(timeout=60), figures
    finally:
        done.set()
        process.join(30)


def drain_rate(folder: Path, registrations: int) -> float:
    """Requests per second, every request the outbox makes."""
    db = open_database(None, folder / "drain.sqlite3")
    fill(db, registrations, follow_up=True)
    with server() as (url, figures):
        worker = DeliveryWorker(db, {"klantinteracties": KlantinteractiesSink(url, TOKEN)})
        start = time.perf_counter()
        while worker.drain_once():
            pass
        seconds = time.perf_counter() - start
        worker.stop()
    requests, posts, errors = figures.get(timeout=60)
    assert store.counts(db)["delivered"] == registrations and posts == registrations and not errors, errors[:3]
    db.close()
    return requests / seconds


def bare_rate(requests: int) -> float:
    """The anchor: maak-klantcontact requests one at a time from a bare HTTP client."""
    auth = {"Authorization": f"Token {TOKEN}"}
    with server() as (url, figures), httpx.Client(base_url=url.rstrip("/") + "/", headers=auth) as client:
        start = time.perf_counter()
        for i in range(requests):
            client.post("maak-klantcontact", json=a_payload(f"bare-{i}", store.new_reference())).raise_for_status()
        seconds = time.perf_counter() - start
    _requests, _posts, errors = figures.get(timeout=60)
    assert not errors, errors[:3]
    return requests / seconds


def longest_stall(folder: Path, with_outbox: bool, seconds: float = 5.0) -> Stall:
    """The longest gap between ticks of a 5 ms timer, less the 5 ms."""
    app = QApplication.instance() or QApplication(sys.argv)
    db = open_database(None, folder / f"stall-{with_outbox}-{time.monotonic()}.sqlite3")
    fill(db, 1_000)
    with KlantinteractiesServer() as api:
        api.mode = "hang"
        outbox = Outbox(db, SinkSettings(klantinteracties_url=api.base_url, timeout_seconds=0.5))
        deliveries = Deliveries(outbox)
        indicator = BacklogIndicator(deliveries.state)
        indicator.show()
        if with_outbox:
            deliveries.start()
        watch = StallWatch(16)
        watch.start()
        gaps: list[float] = []
        last = [time.perf_counter()]

        def tick() -> None:
            now = time.perf_counter()
            gaps.append(now - last[0] - 0.005)
            last[0] = now

        timer = QTimer()
        timer.setTimerType(Qt.TimerType.PreciseTimer)
        timer.timeout.connect(tick)
        timer.start(5)
        refresh = QTimer()
        refresh.timeout.connect(indicator.refresh)
        refresh.start(100)  # 20x more often than in the app
        QTimer.singleShot(round(seconds * 1000), app.quit)
        app.exec()
        watch.stop()
        deliveries.stop()
    db.close()
    longest = max(gaps[1:]) * 1000
    where = max(watch.stalls, key=lambda stall: stall.milliseconds).where if watch.stalls else ""
    return Stall(longest, where)


def main() -> None:
    import keyring

    keyring.set_keyring(MemoryKeyring())  # never the machine's password store
    set_secret("api-token", TOKEN)  # as the app's outbox reads it
    registrations = int(sys.argv[1]) if len(sys.argv) > 1 else 2_000
    for condition, busy in conditions():
        with beside(busy), tempfile.TemporaryDirectory() as folder:
            print(f"== {condition}: {load()}")
            rate, anchor = drain_rate(Path(folder), registrations), bare_rate(registrations)
            print(
                f"outbox drain, {registrations} registrations with the agent linked: {rate:.0f} requests/s"
                f" (goal >= 200/s); a bare client one request at a time: {anchor:.0f}/s; ratio {rate / anchor:.2f}"
            )
            stall, calm = longest_stall(Path(folder), True), longest_stall(Path(folder), False)
            print(
                f"longest stall of the window while the outbox drains to a hanging server: {stall.milliseconds:.1f} ms"
                f" (goal <= 16 ms); the same loop with no outbox: {calm.milliseconds:.1f} ms;"
                f" ratio {stall.milliseconds / max(calm.milliseconds, 0.1):.1f}"
            )
            if stall.where:
                print(f"  the window was in: {stall.where}")


if __name__ == "__main__":
    main()
