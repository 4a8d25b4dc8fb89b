"""The start's probe, for the start benchmark: with ``KCCDESK_START_PROBE``
set, the app prints on standard output when the first frame of the window is
painted (``first-frame``, the start window), when the main window's is
(``window-ready``) and when the line is first ready (``line-ready``), each as
``<what> <time.monotonic()>`` (the clock every process of the machine
shares). With the value ``frame`` it quits once the main window is painted,
with ``ready`` once the line is ready; any other value only prints."""

from __future__ import annotations

import os
import sys
import time
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from kccdesk.app.first_paint import after_first_paint

if TYPE_CHECKING:
    from kccdesk.core.desk import Desk

ENV = "KCCDESK_START_PROBE"


def _say(what: str) -> None:
    sys.stdout.write(f"{what} {time.monotonic():.6f}\n")
    sys.stdout.flush()


def watch_first_frame(window: QWidget) -> None:
    if os.environ.get(ENV):
        after_first_paint(window, lambda: _say("first-frame"))


def watch_window(window: QWidget, desk: Desk) -> None:
    mode = os.environ.get(ENV)
    if not mode:
        return
    from kccdesk.core.line import LineState

    def painted() -> None:
        _say("window-ready")
        if mode == "frame":
            QCoreApplication.quit()

    after_first_paint(window, painted)
    said = False

    def line_changed() -> None:
        nonlocal said
        if not said and desk.line_status.state is LineState.READY:
            said = True
            _say("line-ready")
            if mode == "ready":
                QCoreApplication.quit()

    desk.on_change(line_changed)
    line_changed()  # it may have been ready before the window was
