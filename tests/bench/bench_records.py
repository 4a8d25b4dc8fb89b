"""Benchmark of caller records at scale (run as a script, not a test):

    python tests/bench/bench_records.py [--residents 1000000] [--calls 300]

In SQLite, with N residents each with one earlier contact: the number
lookup p50/p99 at 10 000 and at N residents, the whole screen pop (the
incoming-call event until the caller panel is filled and painted) p99 and
the bulk generation rate (the CSV import: bench_import.py).
Goals: screen pop p99 <= 50 ms; lookup at N <= 2x lookup at 10 000.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from kccdesk.core.line import CallerId
from kccdesk.demo.population import demo_number, generate
from kccdesk.store import open_database
from kccdesk.store.callers import find_records_by_number
from kccdesk.store.db import Database

SMALL = 10_000


def percentiles(samples: list[float]) -> tuple[float, float]:
    ordered = sorted(samples)
    return statistics.median(ordered) * 1000, ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))] * 1000


def time_lookups(db: Database, population: int, count: int = 2000) -> tuple[float, float]:
    rng = random.Random(1)
    samples = []
    for _ in range(count):
        number = demo_number(rng.randrange(population))
        start = time.perf_counter()
        records = find_records_by_number(db, number)
        samples.append(time.perf_counter() - start)
        assert len(records) == 1
    return percentiles(samples)


def grow(db: Database, have: int, want: int) -> float:
    start = time.perf_counter()
    generate(db, want - have, contacts_per_caller=1, start=have)
    return time.perf_counter() - start


def screen_pop(data_dir: Path, population: int, calls: int) -> tuple[float, float]:
    from PySide6.QtCore import qInstallMessageHandler
    from PySide6.QtWidgets import QApplication

    from kccdesk.app.window import create_window
    from kccdesk.app.workstation import prepare
    from kccdesk.config.paths import default_profile
    from kccdesk.core.clock import ManualClock

    os.environ["KCCDESK_DATA_DIR"] = str(data_dir)
    os.environ["KCCDESK_CONFIG_DIR"] = str(data_dir / "config")
    # The offscreen platform says on every show that it has no window manager.
    qInstallMessageHandler(lambda _kind, _context, message: None if "propagateSizeHints" in message else print(message))
    app = QApplication.instance() or QApplication([])
    workstation = prepare(default_profile(), demo=False)
    window = create_window(workstation, ManualClock(datetime(2026, 11, 23, 10, 0)), demo=True)
    window.show()
    app.processEvents()
    line = window.demo.line
    assert line is not None
    rng = random.Random(2)
    samples = []
    for _ in range(calls):
        number = demo_number(rng.randrange(population))
        start = time.perf_counter()
        call_id = line.ring_in(CallerId(number))
        window.caller.repaint()  # paints now, not at the next turn of the event loop
        samples.append(time.perf_counter() - start)
        assert window.caller.name.text() not in ("", "Onbekend nummer", "Unknown number")
        line.hang_up(call_id)
        app.processEvents()
    window.close()
    workstation.db.close()
    return percentiles(samples)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--residents", type=int, default=1_000_000)
    parser.add_argument("--calls", type=int, default=300)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="kccdesk-bench-") as tmp:
        folder = Path(tmp)
        db = open_database(None, folder / "kccdesk.sqlite3")
        grow(db, 0, SMALL)
        small = time_lookups(db, SMALL)
        print(f"lookup at {SMALL:>9,} residents: p50 {small[0]:.2f} ms, p99 {small[1]:.2f} ms", flush=True)
        seconds = grow(db, SMALL, args.residents)
        made = args.residents - SMALL
        print(
            f"generated {made:,} residents + {made:,} earlier contacts in {seconds:.1f} s "
            f"({made / seconds:,.0f} residents/s)",
            flush=True,
        )
        large = time_lookups(db, args.residents)
        print(
            f"lookup at {args.residents:>9,} residents: p50 {large[0]:.2f} ms, p99 {large[1]:.2f} ms "
            f"(p50 ratio {large[0] / small[0]:.2f}x, goal <= 2x)",
            flush=True,
        )
        db.close()
        pop = screen_pop(folder, args.residents, args.calls)
        print(
            f"screen pop ({args.calls} calls, event to panel painted): p50 {pop[0]:.2f} ms, "
            f"p99 {pop[1]:.2f} ms (goal <= 50 ms)",
            flush=True,
        )


if __name__ == "__main__":
    main()
