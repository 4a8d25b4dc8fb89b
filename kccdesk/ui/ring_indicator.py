"""The ring indicator: how often the phone has rung, against the norm."""

from __future__ import annotations

from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QVBoxLayout

from kccdesk.core.rings import RingStatus
from kccdesk.core.session import CallSession, CallState
from kccdesk.i18n import _
from kccdesk.ui.restyle import restyle
from kccdesk.ui.text import minutes, plain_label


class RingIndicator(QFrame):
    """Shows the ring count while a call rings (neutral, amber on the last ring
    within the norm, red past it), then the call's state and duration."""

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("ringIndicator")
        self.headline = plain_label(object_name="ringHeadline", wrap=True)
        self.detail = plain_label(object_name="ringDetail", wrap=True)
        self.pips: list[QLabel] = []
        pip_row = QHBoxLayout()
        pip_row.setSpacing(6)
        for _i in range(3):
            self._add_pip(pip_row)
        pip_row.addStretch(1)
        self._pip_row = pip_row
        layout = QVBoxLayout(self)
        layout.addWidget(self.headline)
        layout.addLayout(pip_row)
        layout.addWidget(self.detail)
        self.show_session(None, 0.0)

    def _add_pip(self, row: QHBoxLayout) -> None:
        pip = QLabel()
        pip.setObjectName("ringPip")  # its size is in the style sheet, to grow with the text
        row.insertWidget(len(self.pips), pip)
        self.pips.append(pip)

    def show_session(self, session: CallSession | None, now: float) -> None:
        if session is None:
            self._set("idle", _("No call"), _("Ready for the next call"), 0, 3)
            return
        ring = session.ring(now)
        max_rings = session.norm.max_rings
        if session.state is CallState.RINGING:
            status = session.ring_status(now)
            headline = _("Ringing: {ring} of {max_rings}").format(ring=ring, max_rings=max_rings)
            detail = {
                RingStatus.WITHIN_NORM: _("Answer within {max_rings} rings").format(max_rings=max_rings),
                RingStatus.LAST_RING: _("Last ring within the norm: answer now"),
                RingStatus.OVER_NORM: _("The norm of {max_rings} rings has passed").format(max_rings=max_rings),
            }[status]
            self._set(status.value, headline, detail, ring, max_rings)
            return
        if session.state is CallState.MISSED:
            detail = _("The caller hung up after {ring} rings").format(ring=ring)
            self._set("missed", _("Missed call"), detail, ring, max_rings)
            return
        headline = {
            CallState.TALKING: _("In call · {time}"),
            CallState.ON_HOLD: _("On hold · {time}"),
            CallState.ENDED: _("Call ended · {time}"),
        }[session.state].format(time=minutes(session.talk_seconds(now) or 0))
        if session.answered_within_norm:
            detail = _("Answered at ring {ring}").format(ring=ring)
        else:
            detail = _("Answered at ring {ring}, past the norm of {max_rings}").format(ring=ring, max_rings=max_rings)
        self._set(session.state.value, headline, detail, ring, max_rings)

    def _set(self, status: str, headline: str, detail: str, ring: int, max_rings: int) -> None:
        self.headline.setText(headline)
        self.detail.setText(detail)
        recoloured = self.property("status") != status
        if recoloured:  # the frame first: its status colours the headline and the dots
            restyle(self, status=status)
            restyle(self.headline)
        while len(self.pips) < max(ring, max_rings):
            self._add_pip(self._pip_row)
        for index, pip in enumerate(self.pips, start=1):
            pip.setVisible(index <= max(ring, max_rings))
            restyle(pip, lit=index <= ring, over=index > max_rings)
            if recoloured:
                restyle(pip)
