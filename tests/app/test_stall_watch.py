"""[debug] stall_ms: a stall of the window's thread goes to the log with
where the thread was, so a slow turn of the event loop can be found."""

from __future__ import annotations

import logging
import time

import pytest
from PySide6.QtCore import QTimer

from kccdesk.app.stall_watch import StallWatch

pytestmark = pytest.mark.gui


def busy_work(watch: StallWatch, at_least: float) -> None:
    """Work on the window's thread that keeps it from painting: at least
    ``at_least`` seconds, and on until the watch has seen where (on a busy
    machine its thread may wait a while for the processor)."""
    start = time.perf_counter()
    while time.perf_counter() - start < at_least or (not watch.seen and time.perf_counter() - start < 10):
        pass


def test_a_stall_is_logged_with_its_length_and_where_it_was(qtbot, caplog) -> None:
    watch = StallWatch(16)
    watch.start()
    try:
        with caplog.at_level(logging.WARNING, logger="kccdesk.app.stall_watch"):
            QTimer.singleShot(50, lambda: busy_work(watch, 0.12))
            qtbot.waitUntil(lambda: any("busy_work" in stall.where for stall in watch.stalls))
    finally:
        watch.stop()
    stall = next(stall for stall in watch.stalls if "busy_work" in stall.where)
    assert 100 <= stall.milliseconds < 1000
    assert "test_stall_watch.py" in stall.where
    assert any("the window stalled" in line and "busy_work" in line for line in caplog.messages)
