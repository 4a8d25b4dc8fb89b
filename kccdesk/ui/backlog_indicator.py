"""The outbox backlog in the status bar: how many registrations wait, and how
many are parked. It reads counts from the local database on a timer; it never
touches the network."""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QLabel, QWidget

from kccdesk.i18n import _
from kccdesk.outbox.service import Outbox
from kccdesk.store import DatabaseError

REFRESH_MS = 2000


class BacklogIndicator(QLabel):
    def __init__(self, outbox: Outbox, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.outbox = outbox
        self.setObjectName("backlog")
        self._timer = QTimer(self)
        self._timer.timeout.connect(self.refresh)
        self._timer.start(REFRESH_MS)
        self.refresh()

    def refresh(self) -> None:
        try:
            counts = self.outbox.counts()
        except DatabaseError:
            self.setText(_("Registrations waiting: unknown (the database cannot be read)"))
            self.setProperty("status", "parked")
            return
        pending, parked = counts["pending"], counts["parked"]
        text = _("Registrations waiting: {pending}").format(pending=pending)
        if parked:
            text += " · " + _("parked: {parked}").format(parked=parked)
        self.setText(text)
        self.setProperty("status", "parked" if parked else "pending" if pending else "clear")
        self.setToolTip(self._reasons() if parked else "")

    def _reasons(self) -> str:
        """The server's message for the first parked registrations."""
        parked = [item for item in self.outbox.undelivered() if item.status == "parked"]
        return "\n".join(f"{item.reference}: {item.last_error}" for item in parked[:10])
