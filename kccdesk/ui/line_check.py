"""A one-off check of a SIP account: register, say whether it worked, stop.

Runs the line it is given (the real SIP line, in its own process) and pumps
it from Qt's event loop, so the window stays responsive while the registrar
answers.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QSocketNotifier, QTimer, Signal

from kccdesk.core.line import LineEvent, LineState, LineStatus, PumpedLine
from kccdesk.i18n import _


class LineCheck(QObject):
    done = Signal(bool, str)  # registered?, what to tell the person

    def __init__(self, line: PumpedLine, registrar: str, seconds: float = 10.0, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._registrar = registrar
        self._seconds = seconds
        self._line = line
        self._line.set_listener(self._event)
        self._notifier = QSocketNotifier(self._line.wake_fd, QSocketNotifier.Type.Read, self)
        self._notifier.activated.connect(self._line.pump)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._timed_out)
        self._finished = False
        self._closed = False

    def start(self) -> None:
        self._timer.start(round(self._seconds * 1000))
        self._line.start()

    def _event(self, event: LineEvent) -> None:
        if isinstance(event, LineStatus) and event.state is LineState.READY:
            self._finish(True, _("The line works: registered at {registrar}.").format(registrar=self._registrar))
        elif isinstance(event, LineStatus) and event.state is not LineState.CONNECTING:
            self._finish(False, _("The line does not work: {reason}").format(reason=event.reason or event.state.value))

    def _timed_out(self) -> None:
        self._finish(
            False, _("The line does not work: no answer within {seconds} s.").format(seconds=round(self._seconds))
        )

    def _finish(self, ok: bool, text: str) -> None:
        if self._finished:
            return
        self._finished = True
        self._timer.stop()
        self._notifier.setEnabled(False)
        QTimer.singleShot(0, self, self.close)  # not from inside the line's own pump
        self.done.emit(ok, text)

    def close(self) -> None:
        """Stop the line's process; the wizard calls this too when it closes first."""
        if self._closed:
            return
        self._closed = self._finished = True
        self._timer.stop()
        self._notifier.setEnabled(False)
        self._line.close()
