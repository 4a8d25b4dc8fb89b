"""Benchmark of the screen pop end to end (run as a script, not collected
as a test): ``python tests/bench/bench_screen_pop.py [--residents N]
[--calls C] [--database FILE]``.

The real window on a real SIP line: Kamailio on loopback, the SIP process
as the app starts it, and a local store of N residents (default 1,000,000),
each with one earlier contact. A caller sends INVITEs through Kamailio from
the numbers of residents picked at random; for each call, the time from the
INVITE leaving the caller's socket to the paint of both the caller's name
(found by the calling number) and phase 1's prompt that addresses the caller
by that name. The window
then rejects the call (486), and the next follows. Goal: p99 <= 16 ms.

Anchor, in the same run: INVITE -> the incoming-call event reaching the
window's process (the SIP process's part and the pipe's), so that what the
window adds can be told from what the line adds.

Each figure is taken idle and with a second, CPU-bound process beside it;
the machine's load is printed with each, and how often the machine stops a
running program (its pauses are in the p99 whatever the app does). ``--database FILE`` keeps the
generated store for the next run (it takes about a minute per million).
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import select
import sqlite3
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from tests.sip.conftest import PASSWORD, USER, Kamailio, free_port

os.environ["PYTHON_KEYRING_BACKEND"] = "tests.support.keyring_env.EnvKeyring"
os.environ["KCCDESK_TEST_SECRETS"] = json.dumps({"sip-password": PASSWORD})

from PySide6.QtCore import QEvent, QEventLoop, QObject, QTimer, qInstallMessageHandler
from PySide6.QtWidgets import QApplication, QLabel, QWidget

from kccdesk.core.line import IncomingCall
from kccdesk.demo.population import demo_number, generate
from kccdesk.store import open_database
from tests.bench.bench_sip import Caller, header, percentile
from tests.bench.conditions import beside, conditions, load, pauses

PACE = 0.05  # between calls: see bench_sip.py
UNKNOWN = ("", "Onbekend nummer", "Unknown number")


def residents_in(path: Path) -> int:
    if not path.exists():
        return 0
    with contextlib.closing(sqlite3.connect(path)) as db:
        try:
            return db.execute("SELECT count(*) FROM party").fetchone()[0]
        except sqlite3.Error:
            return 0


def store(path: Path, residents: int) -> None:
    """The window's store with ``residents`` residents and as many earlier contacts."""
    have = residents_in(path)
    if have >= residents:
        print(f"store: {have:,} residents in {path}", flush=True)
        return
    started = time.perf_counter()
    db = open_database(None, path)
    generate(db, residents - have, contacts_per_caller=1, start=have)
    db.close()
    seconds = time.perf_counter() - started
    print(f"store: {residents:,} residents + earlier contacts made in {seconds:.0f} s", flush=True)


class Painted(QObject):
    """When the caller's name and the prompt that addresses the caller (phase
    1: "Spreek ik met ...?") have both been painted."""

    def __init__(self, window) -> None:
        super().__init__()
        self.window = window
        self.loop = QEventLoop()
        self.limit = QTimer(singleShot=True)
        self.limit.timeout.connect(self.loop.quit)
        self.name_at = self.prompt_at = 0.0
        self.old_prompts: set[str] = set()
        window.caller.name.installEventFilter(self)  # on these widgets alone: a filter costs time too

    def arm(self) -> None:
        self.name_at = self.prompt_at = 0.0
        self.old_prompts = set(self.window.script.prompt_texts())  # before the call
        for label in self.window.script.findChildren(QLabel, "prompt"):
            label.installEventFilter(self)  # once only, however often

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.Paint or not isinstance(watched, QWidget):
            return False
        if watched is self.window.caller.name and not self.name_at and watched.text() not in UNKNOWN:
            self.name_at = time.perf_counter()
        if not self.prompt_at and watched in self.window.script.prompts and watched.text() not in self.old_prompts:
            self.prompt_at = time.perf_counter()
        if self.name_at and self.prompt_at:
            self.loop.quit()
        return False

    def wait(self) -> float:
        if not (self.name_at and self.prompt_at):
            self.limit.start(5000)
            self.loop.exec()
            self.limit.stop()
        if not (self.name_at and self.prompt_at):
            raise SystemExit(
                "no paint of the caller's name and the prompt that addresses them within 5 s: name "
                f"{self.window.caller.name.text()!r} ({'painted' if self.name_at else 'not painted'}), "
                f"prompts {self.window.script.prompt_texts()!r} ({'painted' if self.prompt_at else 'not painted'})"
            )
        return max(self.name_at, self.prompt_at)


def open_window(folder: Path, kamailio: Kamailio):
    from kccdesk.app.window import create_window
    from kccdesk.app.workstation import prepare
    from kccdesk.config.paths import default_profile
    from kccdesk.core.clock import SystemClock

    config = folder / "config"
    config.mkdir(parents=True, exist_ok=True)
    (config / "settings.toml").write_text(
        f'[line]\nkind = "sip"\n\n[sip]\nregistrar = "{kamailio.registrar}"\nuser = "{USER}"\n'
        f"rtp_port_start = {free_port()}\n",
        encoding="utf-8",
    )
    os.environ["KCCDESK_CONFIG_DIR"] = str(config)
    workstation = prepare(default_profile(), demo=False)
    window = create_window(workstation, SystemClock(), demo=False)
    window.show()
    return workstation, window


def callers(db, rng, residents: int, count: int) -> list[str]:
    """Numbers of ``count`` residents at random, no two in a row with the same
    name (a name already on screen would not be painted again)."""
    from kccdesk.store.callers import find_records_by_number

    numbers: list[str] = []
    last = ""
    while len(numbers) < count:
        number = demo_number(rng.randrange(residents))
        found = find_records_by_number(db, number)[0].caller
        name = found.addressed_name or found.name  # as the caller panel shows it
        if name != last:
            numbers.append(number)
            last = name
    return numbers


def run_calls(window, caller: Caller, numbers: list[str]) -> tuple[list[float], list[float]]:
    app = QApplication.instance()
    line = window.desk.line
    events: list[float] = []

    def listener(event) -> None:
        if isinstance(event, IncomingCall):
            events.append(time.perf_counter())
        window.desk.handle(event)

    line.set_listener(listener)
    painted = Painted(window)
    to_paint: list[float] = []
    to_event: list[float] = []
    for number in numbers:
        caller.number = number
        events.clear()
        painted.arm()
        sent = time.perf_counter()
        caller.invite()
        to_paint.append(painted.wait() - sent)
        to_event.append(events[0] - sent)
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
    line.set_listener(window.desk.handle)
    painted.deleteLater()
    return to_paint, to_event


def report(name: str, seconds: list[float], goal: str = "") -> None:
    ms = [s * 1000 for s in seconds]
    print(
        f"  {name}: p50 {percentile(ms, 0.5):.2f} ms, p99 {percentile(ms, 0.99):.2f} ms, "
        f"max {max(ms):.2f} ms (n={len(ms)}){goal}",
        flush=True,
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--residents", type=int, default=1_000_000)
    parser.add_argument("--calls", type=int, default=200)
    parser.add_argument("--database", type=Path, help="the store to make or reuse (default: a temporary one)")
    args = parser.parse_args()
    import random

    with contextlib.ExitStack() as stack:
        folder = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="kccdesk-bench-")))
        data = folder / "data"
        data.mkdir()
        if args.database:
            args.database.parent.mkdir(parents=True, exist_ok=True)
            store(args.database, args.residents)
            (data / "kccdesk.sqlite3").symlink_to(args.database.resolve())
        else:
            store(data / "kccdesk.sqlite3", args.residents)
        os.environ["KCCDESK_DATA_DIR"] = str(data)
        kamailio = stack.enter_context(Kamailio(folder / "kamailio"))
        # The offscreen platform says on every show that it has no window manager.
        qInstallMessageHandler(lambda _k, _c, message: None if "propagateSizeHints" in message else print(message))
        app = QApplication.instance() or QApplication([])
        workstation, window = open_window(folder, kamailio)
        stack.callback(workstation.db.close)
        stack.callback(window.close)
        stack.callback(window.desk.line.stop)
        deadline = time.monotonic() + 15
        while not window.line_label.text().endswith(("gereed", "ready")):
            app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)
            if time.monotonic() > deadline:
                raise SystemExit(f"the line did not get ready: {window.line_label.text()!r}")
        caller = Caller(kamailio.port)
        rng = random.Random(3)
        numbers = callers(workstation.db, rng, args.residents, 5 + 2 * args.calls)
        run_calls(window, caller, numbers[:5])  # warm up
        for run, (name, busy) in enumerate(conditions()):
            calls = numbers[5 + run * args.calls : 5 + (run + 1) * args.calls]
            with beside(busy):
                print(f"{name}; {load()}; {args.residents:,} residents, {args.calls} calls", flush=True)
                to_paint, to_event = run_calls(window, caller, calls)
                print(f"  {pauses()}", flush=True)
            report("INVITE sent -> caller's name and phase 1's prompt painted", to_paint, " (goal p99 <= 16 ms)")
            report("anchor: INVITE sent -> incoming-call event in the window's process", to_event)


if __name__ == "__main__":
    main()
