"""The start's probe, for the start benchmark: with ``KCCDESK_START_PROBE``
set, the app prints on standard output when the window's first frame is
painted and when the line is first ready, each as ``<what> <time.monotonic()>``
(the clock every process of the machine shares). With the value ``frame`` it
quits after the first frame, with ``ready`` once the line is ready; any other
value only prints."""

from __future__ import annotations

import os
import sys
import time

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QTimer
from PySide6.QtWidgets import QWidget

from kccdesk.core.desk import Desk
from kccdesk.core.line import LineState

ENV = "KCCDESK_START_PROBE"


def _say(what: str) -> None:
    sys.stdout.write(f"{what} {time.monotonic():.6f}\n")
    sys.stdout.flush()


class _FirstFrame(QObject):
    """Says when the window's first paint has gone through: the paint event
    comes before the painting, the timer after it."""

    def __init__(self, window: QWidget, quit_after: bool) -> None:
        super().__init__(window)
        self._quit_after = quit_after
        window.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            watched.removeEventFilter(self)
            QTimer.singleShot(0, self._painted)
        return False

    def _painted(self) -> None:
        _say("first-frame")
        if self._quit_after:
            QCoreApplication.quit()


def watch_start(window: QWidget, desk: Desk) -> None:
    """Install the probe when the environment asks for it."""
    mode = os.environ.get(ENV)
    if not mode:
        return
    _FirstFrame(window, quit_after=mode == "frame")
    said = False

    def line_changed() -> None:
        nonlocal said
        if not said and desk.line_status.state is LineState.READY:
            said = True
            _say("line-ready")
            if mode == "ready":
                QCoreApplication.quit()

    desk.on_change(line_changed)
