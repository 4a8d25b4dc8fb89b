"""The conditions a benchmark reports its figures under: the machine's load
at the time, and a second, CPU-bound process beside the figures (an
ordinary, busy office PC rather than an idle one)."""

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
