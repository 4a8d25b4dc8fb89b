"""Benchmark of the outbox (run as a script, not collected as a test).

1. Drain rate: 10,000 registrations queued, delivered to the local
   Klantinteracties test server (which validates every request; its own
   answers, which the tests check, are not checked here). Goal >= 200/s.
   Once as bare maak-klantcontact requests, once as the app sends them: with
   the agent linked as an actor (one more request per registration).
2. UI stall: while the worker drains to a server that hangs, the longest gap
   between ticks of a 5 ms Qt timer, with the backlog indicator refreshing.
   Goal <= 16 ms.
"""

from __future__ import annotations

import multiprocessing
import os
import sys
import tempfile
import time
from multiprocessing.queues import Queue
from multiprocessing.synchronize import Event
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from kccdesk.config.settings import SinkSettings
from kccdesk.outbox import store
from kccdesk.outbox.klantinteracties import FOLLOW_UP, KlantinteractiesSink
from kccdesk.outbox.service import Outbox
from kccdesk.outbox.worker import DeliveryWorker
from kccdesk.services.deliveries import Deliveries
from kccdesk.store import Database, open_database
from kccdesk.ui.backlog_indicator import BacklogIndicator
from tests.outbox.test_delivery import a_payload
from tests.support.keyring_memory import MemoryKeyring
from tests.support.klantinteracties_server import TOKEN, KlantinteractiesServer

BACKLOG = 10_000


def fill(db: Database, n: int, follow_up: bool = False) -> None:
    for i in range(n):
        ref = store.new_reference()
        payload = a_payload(f"call-{i}", ref)
        if follow_up:
            payload = {**payload, FOLLOW_UP: {"agent": "Sanne"}}
        store.enqueue(db, "klantinteracties", payload, ref)


def serve(urls: Queue, done: Event, figures: Queue) -> None:
    """In a process of its own, as the real server is on another machine:
    its checking of every request and answer does not share our interpreter."""
    with KlantinteractiesServer(check_answers=False) as api:  # every request is still checked
        urls.put(api.base_url)
        done.wait()
        figures.put((api.posts, api.contract_errors))


def drain_rate(folder: Path, follow_up: bool = False) -> float:
    db = open_database(None, folder / f"drain-{follow_up}.sqlite3")
    fill(db, BACKLOG, follow_up)
    context = multiprocessing.get_context("spawn")
    urls, figures, done = context.Queue(), context.Queue(), context.Event()
    server = context.Process(target=serve, args=(urls, done, figures), daemon=True)
    server.start()
    try:
        worker = DeliveryWorker(db, {"klantinteracties": KlantinteractiesSink(urls.get(timeout=60), TOKEN)})
        start = time.perf_counter()
        while worker.drain_once():
            pass
        seconds = time.perf_counter() - start
    finally:
        done.set()
    posts, errors = figures.get(timeout=60)
    server.join(30)
    assert store.counts(db)["delivered"] == BACKLOG and posts == BACKLOG and not errors, errors[:3]
    db.close()
    return BACKLOG / seconds


def longest_stall(folder: Path, seconds: float = 5.0) -> float:
    app = QApplication.instance() or QApplication(sys.argv)
    db = open_database(None, folder / "stall.sqlite3")
    fill(db, 1_000)
    with KlantinteractiesServer() as api:
        api.mode = "hang"
        outbox = Outbox(db, SinkSettings(klantinteracties_url=api.base_url, timeout_seconds=0.5))
        indicator = BacklogIndicator(Deliveries(outbox).state)
        indicator.show()
        outbox.start()
        gaps: list[float] = []
        last = [time.perf_counter()]

        def tick() -> None:
            now = time.perf_counter()
            gaps.append(now - last[0])
            last[0] = now

        timer = QTimer()
        timer.timeout.connect(tick)
        timer.start(5)
        refresh = QTimer()
        refresh.timeout.connect(indicator.refresh)
        refresh.start(100)  # 20x more often than in the app
        QTimer.singleShot(round(seconds * 1000), app.quit)
        app.exec()
        outbox.stop()
    db.close()
    return max(gaps[1:]) * 1000


def main() -> None:
    import keyring

    keyring.set_keyring(MemoryKeyring())  # never the machine's password store
    with tempfile.TemporaryDirectory() as folder:
        rate = drain_rate(Path(folder))
        print(f"drain rate: {rate:.0f} registrations/s for {BACKLOG} (goal >= 200/s)")
        rate = drain_rate(Path(folder), follow_up=True)
        print(f"drain rate with the agent linked as actor: {rate:.0f} registrations/s for {BACKLOG}")
        stall = longest_stall(Path(folder))
        print(f"longest UI event-loop stall while draining to a hanging server: {stall:.1f} ms (goal <= 16 ms)")


if __name__ == "__main__":
    main()
