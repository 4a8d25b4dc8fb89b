"""What the status bar says about the call beyond ringing and talking: the
microphone switched off, and a warm transfer under way. Also the agent's
warm transfer (ask for the colleague's number, or hand the caller over) and
keypad tones, asked in a small dialog and forwarded to the desk."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QWidget

from kccdesk.core.consultation import ConsultState
from kccdesk.core.desk import Desk
from kccdesk.core.line import InvalidDigits
from kccdesk.i18n import _
from kccdesk.ui.ask import ask


class CallStatus(QLabel):
    def __init__(self, desk: Desk, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("callStatus")
        self.desk = desk
        desk.on_change(self.refresh)
        self.refresh()

    def refresh(self) -> None:
        parts = []
        call = self.desk.current
        if call is not None and call.call_id in self.desk.muted:
            parts.append(_("Microphone off"))
        consultation = self.desk.consultation
        if consultation is not None:
            parts.append(
                {
                    ConsultState.CALLING: _("Calling the colleague…"),
                    ConsultState.TALKING: _("Talking to the colleague (Ctrl+T: hand over the caller)"),
                    ConsultState.ABSENT: _("The colleague did not answer: go on with a callback request"),
                    ConsultState.ENDED: _("Back with the caller"),
                    ConsultState.TRANSFERRED: _("The caller was handed over"),
                }[consultation.state]
            )
        self.setText(" · ".join(parts))

    def warm_transfer(self) -> None:
        """Ctrl+T: hand the caller over when the colleague is on the line,
        else ask for the colleague's number and call them."""
        if self.desk.complete_warm_transfer():
            return
        call = self.desk.current
        if call is None or not call.state.connected:
            return
        ask(self.window(), "colleagueNumber", _("Warm transfer"),
            _("The colleague's number (the caller waits on hold):"), self._call_colleague)  # fmt: skip

    def _call_colleague(self, number: str) -> None:
        if number.strip():
            try:
                self.desk.start_warm_transfer(number.strip())
            except ValueError as error:  # not a number: said in the status bar, nothing else changes
                self.setText(str(error))

    def keypad(self) -> None:
        """Ctrl+Shift+K: send keypad tones into the call (a menu, a PIN)."""
        call = self.desk.current
        if call is None or not call.state.connected:
            return
        ask(self.window(), "keypadDigits", _("Keypad tones"), _("Digits to send (0-9, *, #):"), self._send_digits)

    def _send_digits(self, digits: str) -> None:
        try:
            if digits.strip() and self.desk.send_dtmf(digits.strip()):
                self.setText(_("Sent: {digits}").format(digits=digits.strip().upper()))
        except InvalidDigits as error:
            self.setText(_('"{digits}" are not keypad digits (0-9, *, #, A-D)').format(digits=error.digits))
