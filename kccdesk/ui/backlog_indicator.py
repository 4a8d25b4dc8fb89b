"""The outbox backlog in the status bar: how many registrations wait, and how
many are parked (the server's reasons in the tooltip). It asks the
Deliveries service on a timer (that reads the local database only) and
says what it found to whoever shows more of it."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import QLabel, QWidget

from kccdesk.i18n import _
from kccdesk.services.deliveries import DeliveryState

REFRESH_MS = 2000


class BacklogIndicator(QLabel):
    refreshed = Signal(object)  # the DeliveryState just shown

    def __init__(self, state: Callable[[], DeliveryState], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._state = state
        self.setObjectName("backlog")
        self._timer = QTimer(self)
        self._timer.timeout.connect(self.refresh)
        self._timer.start(REFRESH_MS)
        self.refresh()

    def refresh(self) -> None:
        state = self._state()
        self.refreshed.emit(state)
        if not state.readable:
            self.setText(_("Registrations waiting: unknown (the database cannot be read)"))
            self.setProperty("status", "parked")
            return
        text = _("Registrations waiting: {pending}").format(pending=state.pending)
        if state.parked:
            text += " · " + _("parked: {parked}").format(parked=state.parked)
        self.setText(text)
        self.setProperty("status", "parked" if state.parked else "pending" if state.pending else "clear")
        self.setToolTip("\n".join(f"{r.reference}: {r.reason}" for r in state.refusals))
