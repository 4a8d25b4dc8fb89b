"""Wakes the Qt event loop when the SIP line has events, and delivers them
on the GUI thread: the line's wake socket is watched by a socket notifier."""

from __future__ import annotations

from PySide6.QtCore import QObject, QSocketNotifier

from kccdesk.sip.line import SipLine


def attach_line(line: SipLine, parent: QObject) -> QSocketNotifier:
    notifier = QSocketNotifier(line.wake_fd, QSocketNotifier.Type.Read, parent)
    notifier.activated.connect(lambda *_args: line.pump())
    return notifier
