"""[debug] stall_ms: a stall of the window's thread goes to the log with
where the thread was, so a slow turn of the event loop can be found."""

from __future__ import annotations

import logging
import time

import pytest
from PySide6.QtCore import QTimer

from kccdesk.app.stall_watch import StallWatch

pytestmark = pytest.mark.gui


def busy_work(seconds: float) -> None:
    """Work on the window's thread that keeps it from painting."""
    end = time.perf_counter() + seconds
    while time.perf_counter() < end:
        pass


def test_a_stall_is_logged_with_its_length_and_where_it_was(qtbot, caplog) -> None:
    watch = StallWatch(16)
    watch.start()
    try:
        with caplog.at_level(logging.WARNING, logger="kccdesk.app.stall_watch"):
            QTimer.singleShot(50, lambda: busy_work(0.12))
            qtbot.waitUntil(lambda: any("busy_work" in stall.where for stall in watch.stalls))
    finally:
        watch.stop()
    stall = next(stall for stall in watch.stalls if "busy_work" in stall.where)
    assert 100 <= stall.milliseconds < 1000
    assert "test_stall_watch.py" in stall.where
    assert any("the window stalled" in line and "busy_work" in line for line in caplog.messages)
