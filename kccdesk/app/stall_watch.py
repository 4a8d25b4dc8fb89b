"""A watch on the window's thread for work that keeps it from painting
([debug] stall_ms): every turn of the event loop longer than the limit goes
to the log with where the window's thread was while it stalled. The
benchmarks use it to say what stalled, not only that something did.

A timer on the window's thread beats every few milliseconds; a thread of
its own looks at the beat and, when it is late, notes the window thread's
stack. A stall's length is the gap between two beats, less the beat's
interval."""

from __future__ import annotations

import logging
import sys
import threading
import time
import traceback
from dataclasses import dataclass

from PySide6.QtCore import QObject, Qt, QTimer

log = logging.getLogger(__name__)
FRAMES_SHOWN = 6


@dataclass(frozen=True)
class Stall:
    milliseconds: float
    where: str  # the window thread's innermost frames while it stalled, innermost last; "" if none seen


class StallWatch(QObject):
    def __init__(self, limit_ms: float, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.limit = limit_ms / 1000
        self.interval = max(0.002, self.limit / 4)
        self.stalls: list[Stall] = []
        self._window_thread = threading.get_ident()
        self._beat = time.monotonic()
        self._where = ""
        self._stop = threading.Event()
        self._timer = QTimer(self)
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.setInterval(round(self.interval * 1000))
        self._timer.timeout.connect(self._beats)
        self._looker = threading.Thread(target=self._look, name="stall-watch", daemon=True)

    def start(self) -> None:
        self._beat = time.monotonic()
        self._timer.start()
        self._looker.start()

    def stop(self) -> None:
        self._timer.stop()
        self._stop.set()
        if self._looker.is_alive():
            self._looker.join()

    @property
    def seen(self) -> bool:
        """Whether the window's thread has been seen in a stall that goes on."""
        return bool(self._where)

    def _beats(self) -> None:
        now = time.monotonic()
        stalled = now - self._beat - self.interval
        self._beat = now
        if stalled > self.limit:
            stall = Stall(stalled * 1000, self._where)
            self.stalls.append(stall)
            log.warning("the window stalled %.0f ms; it was in: %s", stall.milliseconds, stall.where or "(not seen)")
        self._where = ""

    def _look(self) -> None:
        while not self._stop.wait(self.interval):
            if not self._where and time.monotonic() - self._beat - self.interval > self.limit:
                frame = sys._current_frames().get(self._window_thread)
                if frame is not None:
                    frames = traceback.extract_stack(frame)[-FRAMES_SHOWN:]
                    self._where = " > ".join(f"{f.filename.rpartition('/')[2]}:{f.lineno} {f.name}" for f in frames)
