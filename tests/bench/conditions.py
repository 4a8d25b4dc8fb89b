"""The conditions a benchmark reports its figures under: the machine's load
at the time, a second, CPU-bound process beside the figures (an ordinary,
busy office PC rather than an idle one), and how often the machine itself
stops a running program (the floor under any p99 of a few milliseconds)."""

from __future__ import annotations

import contextlib
import os
import subprocess
import sys
import time
from collections.abc import Iterator


def load() -> str:
    one, five, _fifteen = os.getloadavg()
    return f"load average {one:.2f} (1 min), {five:.2f} (5 min) on {os.cpu_count()} processors"


@contextlib.contextmanager
def beside(busy: bool) -> Iterator[None]:
    """A second process that keeps one processor busy, while the figures are taken."""
    if not busy:
        yield
        return
    spinner = subprocess.Popen([sys.executable, "-c", "while True: pass"])
    try:
        time.sleep(0.5)  # let it take its processor
        yield
    finally:
        spinner.kill()
        spinner.wait()


def conditions() -> Iterator[tuple[str, bool]]:
    """Each benchmark's two runs: ("idle", False) and ("busy", True)."""
    yield "idle", False
    yield "beside a CPU-bound process", True


def pauses(seconds: float = 2.0) -> str:
    """How often, and how long, the machine stopped this process while it
    ran a tight loop: a pause of 10 ms now and then (a virtual machine's
    host, another program) is in every p99 taken in the same conditions,
    whatever the app does."""
    stops: list[float] = []
    end = time.perf_counter() + seconds
    last = time.perf_counter()
    while (now := time.perf_counter()) < end:
        if now - last > 0.001:
            stops.append((now - last) * 1000)
        last = now
    longest = max(stops, default=0.0)
    return (
        f"the machine stopped a running loop {len(stops) / seconds:.1f} times a second for over 1 ms "
        f"(longest {longest:.1f} ms, over {seconds:.0f} s)"
    )
