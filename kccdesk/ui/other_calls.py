"""The other calls on the line: a caller waiting while the agent talks, and
calls on hold. A waiting caller is never out of sight, with their own ring
count, and one key takes the call."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import QFrame, QVBoxLayout

from kccdesk.core.rings import RingStatus
from kccdesk.core.session import CallSession, CallState
from kccdesk.i18n import _
from kccdesk.ui.restyle import restyle
from kccdesk.ui.text import minutes, plain_label


class OtherCalls(QFrame):
    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("otherCalls")
        self.title = plain_label(object_name="panelTitle")
        self.lines = plain_label(object_name="otherCallLines", wrap=True)
        self.hint = plain_label(object_name="otherCallHint", wrap=True)
        layout = QVBoxLayout(self)
        for widget in (self.title, self.lines, self.hint):
            layout.addWidget(widget)
        self.setVisible(False)

    def show_calls(self, calls: Sequence[tuple[CallSession, str]], now: float) -> None:
        """``calls``: each other live call with who it is, as the agent should read it."""
        self.setVisible(bool(calls))
        if not calls:
            return
        waiting = [(call, who) for call, who in calls if call.state is CallState.RINGING]
        self.title.setText(_("Caller waiting") if waiting else _("On hold"))
        lines = []
        for call, who in calls:
            if call.state is CallState.RINGING:
                lines.append(_("{who} is waiting · rung {ring} times").format(who=who, ring=call.ring(now)))
            else:
                lines.append(_("{who} is on hold · {time}").format(who=who, time=minutes(call.talk_seconds(now) or 0)))
        self.lines.setText("\n".join(lines))
        if waiting:
            self.hint.setText(_("F5: take the waiting call (this call goes on hold) · Shift+F4: decline it"))
        else:
            self.hint.setText(_("F5: back to the call on hold (this call goes on hold)"))
        over = any(call.ring_status(now) is not RingStatus.WITHIN_NORM for call, _who in waiting)
        restyle(self, status="over_norm" if over else ("waiting" if waiting else "held"))
