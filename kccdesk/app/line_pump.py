"""The SIP line in Qt's event loop: its wake socket watched by a socket
notifier, so that its events are delivered on the GUI thread, and its audio
levels shown in the status bar."""

from __future__ import annotations

from PySide6.QtCore import QSocketNotifier
from PySide6.QtWidgets import QMainWindow

from kccdesk.sip.line import SipLine
from kccdesk.ui.level_meter import LevelMeter


def attach_line(line: SipLine, window: QMainWindow) -> QSocketNotifier:
    notifier = QSocketNotifier(line.wake_fd, QSocketNotifier.Type.Read, window)
    notifier.activated.connect(lambda *_args: line.pump())
    meter = LevelMeter()
    window.statusBar().addPermanentWidget(meter)
    line.set_level_listener(meter.show_levels)
    return notifier
