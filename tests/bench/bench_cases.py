"""Benchmark of the caller's cases at the screen pop (run as a script, not
collected as a test): ``python tests/bench/bench_cases.py [--calls C]
[--residents N]``.

The real window on a real SIP line, as in bench_screen_pop.py: Kamailio on
loopback, the SIP process as the app starts it, and a local store of N
residents (default 10,000: the record's lookup is bench_screen_pop's
subject at a million; here it is only the anchor), each with one earlier
contact. Each resident who calls has a BSN in the store and two or three
cases, each with a current status, in the local Zaken API
(tests/support/zaken_server.py), which checks every request and every
answer against the API's document and every token as Open Zaak does. It
runs in a process of its own, as the real server is on another machine:
its checking does not share the window's interpreter.

A caller sends INVITEs through Kamailio from the numbers of residents
picked at random. For C calls (default 200), the time from the INVITE
leaving the caller's socket to the paint of all the caller's cases in the
cases panel (each case once asked from the API: ``GET /zaken`` and one
``GET /statussen/{uuid}`` a case). Goal: p99 <= 300 ms (one ring is 5 s:
the agent sees the cases before answering). The window then rejects the
call (486), and the next follows.

Anchor, in the same calls: INVITE -> the caller's record painted (the
caller's name found by the calling number), so that the figure tells what
the cases add. Another C calls, in turn with those, are made with the case
system switched off in the running window (as without ``[cases]`` in the
settings): the record's own p99 with the cases asked beside it should be
no worse than without.

Each figure is taken idle and with a second, CPU-bound process beside it;
the machine's load is printed with each, and how often the machine stops a
running program (its pauses are in the p99 whatever the app does).
"""

from __future__ import annotations

import argparse
import contextlib
import json
import multiprocessing
import os
import random
import select
import socket
import sqlite3
import sys
import tempfile
import time
from collections.abc import Iterator
from datetime import date, datetime, timedelta
from multiprocessing.queues import Queue
from multiprocessing.synchronize import Event
from pathlib import Path

from werkzeug.wrappers import Request, Response

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from tests.bench.bench_screen_pop import PACE, UNKNOWN, report, store
from tests.sip.conftest import PASSWORD, USER, Kamailio, free_port
from tests.support.zaken_server import CLIENT_ID, SECRET, ZakenServer

os.environ["PYTHON_KEYRING_BACKEND"] = "tests.support.keyring_env.EnvKeyring"
os.environ["KCCDESK_TEST_SECRETS"] = json.dumps({"sip-password": PASSWORD, "zaken-secret": SECRET})

from PySide6.QtCore import QChildEvent, QEvent, QEventLoop, QObject, QTimer, qInstallMessageHandler
from PySide6.QtWidgets import QApplication, QLabel, QWidget

from kccdesk.demo.population import demo_number
from kccdesk.store import open_database
from kccdesk.store.callers import find_records_by_number
from tests.bench.bench_sip import Caller, header, percentile
from tests.bench.conditions import beside, conditions, load, pauses

ABOUT = (
    "Aanvraag parkeervergunning", "Melding kapotte lantaarnpaal", "Aanvraag huishoudelijke hulp (Wmo)",
    "Bezwaar aanslag gemeentelijke belastingen", "Omgevingsvergunning dakkapel", "Melding grofvuil op straat",
)  # fmt: skip
WARM_UP = 6  # calls before the figures: the first lookups load code and open connections
STATUS = ("Aanvraag ontvangen", "In behandeling", "Doorgestuurd naar de aannemer", "Besluit verstuurd")


def bsns() -> Iterator[str]:
    """The numbers of the test range (999 xxx xxx) that pass the eleven test, in order."""
    for candidate in range(999_000_000, 1_000_000_000):
        digits = [int(d) for d in str(candidate)]
        if (sum(w * d for w, d in zip(range(9, 1, -1), digits[:8], strict=True)) - digits[8]) % 11 == 0:
            yield str(candidate)


def cases_of(resident: int) -> list[str]:
    """The identifications of the resident's cases: two or three."""
    return [f"ZAAK-{resident:07d}-{n}" for n in range(1, 3 + resident % 2)]


def fill(api: ZakenServer, residents: dict[int, str]) -> None:
    """Each resident's cases, open and closed, each with its current status."""
    rng = random.Random(7)
    today = date.today()
    for resident, number in residents.items():
        for identification in cases_of(resident):
            started = today - timedelta(days=rng.randrange(10, 400))
            closed = started + timedelta(days=rng.randrange(5, 60)) if rng.random() < 0.4 else None
            api.add_case(
                identification,
                rng.choice(ABOUT),
                started,
                bsn=number,
                einddatum_gepland=started + timedelta(days=rng.randrange(20, 120)),
                einddatum=closed if closed and closed < today else None,
                status=(rng.choice(STATUS), datetime.combine(started, datetime.min.time()).astimezone()),
            )


class IndexedZakenServer(ZakenServer):
    """The stand-in finds a resident's cases by going through every role for
    every case: quick for a test's few cases, but at the bench's thousands
    it would be most of the figure. The same answers, from an index made
    once the cases are in."""

    def __init__(self) -> None:
        super().__init__(check_answers=True)
        self.seconds: list[float] = []  # each request's time in the server

    def index(self) -> None:
        self.by_case: dict[str, set[str]] = {}
        for rol in self.rollen:
            self.by_case.setdefault(rol["zaak"], set()).add(rol["betrokkeneIdentificatie"].get("inpBsn", ""))

    def _bsns(self, zaak_url: str) -> set[str]:
        return self.by_case.get(zaak_url, set())

    def _answer(self, request: Request, connection: socket.socket) -> Response:
        """Timed: the server's own part of each figure (its checks against the document included)."""
        started = time.perf_counter()
        try:
            return super()._answer(request, connection)
        finally:
            self.seconds.append(time.perf_counter() - started)


def serve(residents: dict[int, str], urls: Queue, done: Event, figures: Queue) -> None:
    """The Zaken API in a process of its own, checking requests and answers."""
    with IndexedZakenServer() as api:
        fill(api, residents)
        api.index()
        urls.put(api.base_url)
        done.wait()
        figures.put((api.seconds, api.contract_errors[:5], api.refused_tokens[:5]))


@contextlib.contextmanager
def zaken_api(residents: dict[int, str]) -> Iterator[tuple[str, Queue]]:
    context = multiprocessing.get_context("spawn")
    urls, figures, done = context.Queue(), context.Queue(), context.Event()
    process = context.Process(target=serve, args=(residents, urls, done, figures), daemon=True)
    process.start()
    try:
        yield urls.get(timeout=60), figures
    finally:
        done.set()
        process.join(30)


def pick(db, rng: random.Random, residents: int, count: int) -> list[int]:
    """``count`` residents at random, no two in a row with the same name (a
    name already on screen would not be painted again), none twice within
    three calls (their cases would still be in the panel)."""
    picked: list[int] = []
    last = ""
    while len(picked) < count:
        index = rng.randrange(residents)
        found = find_records_by_number(db, demo_number(index))[0].caller
        name = found.addressed_name or found.name  # as the caller panel shows it
        if name != last and index not in picked[-2:]:
            picked.append(index)
            last = name
    return picked


def give_bsns(path: Path, callers: list[int]) -> dict[int, str]:
    """A BSN in the store for each resident who calls (the cases are asked by it)."""
    numbers = dict(zip(sorted(set(callers)), bsns(), strict=False))
    with contextlib.closing(sqlite3.connect(path)) as db, db:
        db.executemany("UPDATE party SET bsn = ? WHERE import_key = ?", [(n, f"demo:{r}") for r, n in numbers.items()])
    return numbers


class Painted(QObject):
    """When the caller's name, and each of the caller's cases expected, have been painted."""

    def __init__(self, window) -> None:
        super().__init__()
        self.window = window
        self.loop = QEventLoop()
        self.limit = QTimer(singleShot=True)
        self.limit.timeout.connect(self.loop.quit)
        self.name_at = 0.0
        self.expected: list[str] = []
        self.cases_at: dict[str, float] = {}
        window.caller.name.installEventFilter(self)  # on these widgets alone: a filter costs time too
        window.cases.installEventFilter(self)  # for its case lines, as they are added

    def arm(self, expected: list[str]) -> None:
        self.name_at = 0.0
        self.expected = expected
        self.cases_at = {}

    def done(self) -> bool:
        return bool(self.name_at) and len(self.cases_at) == len(self.expected)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind == QEvent.Type.ChildAdded and isinstance(event, QChildEvent):
            if isinstance(event.child(), QLabel):
                event.child().installEventFilter(self)
            return False
        if kind != QEvent.Type.Paint or not isinstance(watched, QWidget):
            return False
        if watched is self.window.caller.name:
            if not self.name_at and watched.text() not in UNKNOWN:
                self.name_at = time.perf_counter()
        elif isinstance(watched, QLabel):
            text = watched.text()
            for identification in self.expected:
                if identification not in self.cases_at and identification in text:
                    self.cases_at[identification] = time.perf_counter()
        if self.done():
            self.loop.quit()
        return False

    def wait(self) -> tuple[float, float]:
        """When the name was painted, and when the last of the cases (0 when none were expected)."""
        if not self.done():
            self.limit.start(5000)
            self.loop.exec()
            self.limit.stop()
        if not self.done():
            shown = [label.text().splitlines()[:2] for label in self.window.cases.lines]
            raise SystemExit(
                f"no paint of the caller's name and cases {self.expected} within 5 s: name "
                f"{self.window.caller.name.text()!r} ({'painted' if self.name_at else 'not painted'}), "
                f"cases painted {sorted(self.cases_at)}, cases panel {self.window.cases.state.text()!r} {shown}"
            )
        return self.name_at, max(self.cases_at.values(), default=0.0)


def open_window(folder: Path, kamailio: Kamailio, zaken_url: str):
    from kccdesk.app.window import create_window
    from kccdesk.app.workstation import prepare
    from kccdesk.config.paths import default_profile
    from kccdesk.core.clock import SystemClock

    config = folder / "config"
    config.mkdir(parents=True, exist_ok=True)
    (config / "settings.toml").write_text(
        f'[line]\nkind = "sip"\n\n[sip]\nregistrar = "{kamailio.registrar}"\nuser = "{USER}"\n'
        f'rtp_port_start = {free_port()}\n\n[cases]\nzaken_url = "{zaken_url}"\nclient_id = "{CLIENT_ID}"\n',
        encoding="utf-8",
    )
    os.environ["KCCDESK_CONFIG_DIR"] = str(config)
    workstation = prepare(default_profile(), demo=False)
    window = create_window(workstation, SystemClock(), demo=False)
    window.show()
    return workstation, window


class Figures:
    def __init__(self) -> None:
        self.cases: list[float] = []  # INVITE -> the cases painted
        self.record: list[float] = []  # INVITE -> the record painted, the cases asked beside it
        self.record_alone: list[float] = []  # the same, without a case system


def run_calls(window, caller: Caller, residents: list[int], figures: Figures) -> None:
    """The calls in turn with and without the case system (the even ones with it)."""
    app = QApplication.instance()
    line = window.desk.line
    service = window.services.cases
    source = service.source
    painted = Painted(window)
    try:
        for turn, resident in enumerate(residents):
            with_cases = turn % 2 == 0
            service.source = source if with_cases else None
            caller.number = demo_number(resident)
            painted.arm(cases_of(resident) if with_cases else [])
            sent = time.perf_counter()
            caller.invite()
            name_at, cases_at = painted.wait()
            if with_cases:
                figures.cases.append(cases_at - sent)
                figures.record.append(name_at - sent)
            else:
                figures.record_alone.append(name_at - sent)
            call = window.desk.current
            line.hang_up(call.call_id)  # 486 Busy Here, to be acknowledged
            acked = False
            deadline = time.monotonic() + 5
            while not (acked and call.state.finished) and time.monotonic() < deadline:
                app.processEvents()
                ready, _w, _x = select.select([caller.sock], [], [], 0.005)
                if ready:
                    data, _arrived = caller.receive()
                    if data.startswith("SIP/2.0 486"):
                        acked = acked or caller.mine(data)
                        caller.ack(header(data, "To"), header(data, "Call-ID").partition(":")[2].strip())
            if not (acked and call.state.finished):
                raise SystemExit("a call did not end in time")
            end = time.monotonic() + PACE
            while time.monotonic() < end:
                app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 10)
                time.sleep(0.005)
    finally:
        service.source = source
        painted.deleteLater()


def ratio(name: str, ours: list[float], anchor: list[float], goal: str = "") -> None:
    print(
        f"  {name}: p50 {percentile(ours, 0.5) / percentile(anchor, 0.5):.2f}, "
        f"p99 {percentile(ours, 0.99) / percentile(anchor, 0.99):.2f}{goal}",
        flush=True,
    )


def measure(folder: Path, zaken_url: str, residents: list[int], args: argparse.Namespace) -> None:
    """The window on the SIP line, with the Zaken API at ``zaken_url``; the figures printed."""
    with contextlib.ExitStack() as stack:
        kamailio = stack.enter_context(Kamailio(folder / "kamailio"))
        # The offscreen platform says on every show that it has no window manager.
        qInstallMessageHandler(lambda _k, _c, message: None if "propagateSizeHints" in message else print(message))
        app = QApplication.instance() or QApplication([])
        workstation, window = open_window(folder, kamailio, zaken_url)
        stack.callback(workstation.db.close)
        stack.callback(window.close)
        stack.callback(window.services.stop)
        deadline = time.monotonic() + 15
        while not window.line_label.text().endswith(("gereed", "ready")):
            app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)
            if time.monotonic() > deadline:
                raise SystemExit(f"the line did not get ready: {window.line_label.text()!r}")
        if window.services.cases.source is None:
            raise SystemExit("the window has no case system: see its log for why")
        caller = Caller(kamailio.port)
        run_calls(window, caller, residents[:WARM_UP], Figures())
        for run, (name, busy) in enumerate(conditions()):
            calls = residents[WARM_UP + run * 2 * args.calls : WARM_UP + (run + 1) * 2 * args.calls]
            figures = Figures()
            with beside(busy):
                print(
                    f"{name}; {load()}; {args.residents:,} residents, {args.calls} calls with the cases "
                    f"and {args.calls} without, in turn",
                    flush=True,
                )
                run_calls(window, caller, calls, figures)
                print(f"  {pauses()}", flush=True)
            report("INVITE sent -> the caller's 2 or 3 cases painted", figures.cases, " (goal p99 <= 300 ms)")
            report("anchor: INVITE sent -> the caller's record painted, cases asked", figures.record)
            report("INVITE sent -> the caller's record painted, no case system", figures.record_alone)
            ratio("cases to the anchor", figures.cases, figures.record)
            ratio("record with the cases to without", figures.record, figures.record_alone, " (goal p99 <= 1)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--residents", type=int, default=10_000)
    parser.add_argument("--calls", type=int, default=200)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="kccdesk-bench-") as name:
        folder = Path(name)
        data = folder / "data"
        data.mkdir()
        database = data / "kccdesk.sqlite3"
        store(database, args.residents)
        db = open_database(None, database)
        residents = pick(db, random.Random(3), args.residents, WARM_UP + 4 * args.calls)
        db.close()
        numbers = give_bsns(database, residents)
        os.environ["KCCDESK_DATA_DIR"] = str(data)
        with zaken_api(numbers) as (url, server_figures):
            measure(folder, url, residents, args)
    seconds, contract_errors, refused = server_figures.get(timeout=60)
    print(
        f"Zaken API: {len(seconds)} requests, {len(contract_errors)} against its document, {len(refused)} refused",
        flush=True,
    )
    report("the server's own time per request, its checks included (all runs)", seconds)
    if contract_errors or refused:
        raise SystemExit(f"the Zaken API refused requests: {contract_errors} {refused}")


if __name__ == "__main__":
    main()
