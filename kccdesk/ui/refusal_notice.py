"""The notice the agent cannot miss when the registration system refused a
registration for good: what happened, that nothing is lost, and whom to
tell. It stays until a supervisor has sent the registration again."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from kccdesk.i18n import _, ngettext
from kccdesk.services.deliveries import DeliveryState
from kccdesk.ui.text import outside_text


class RefusalNotice(QLabel):
    """Shown above the window's panels while registrations are parked."""

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("refusalNotice")
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setWordWrap(True)
        self.setVisible(False)

    def show_state(self, state: DeliveryState) -> None:
        if not state.parked or not state.refusals:
            self.setVisible(False)
            return
        first = state.refusals[0]
        self.setText(
            ngettext(
                "{n} registration did not reach the registration system ({reference}: {reason}).",
                "{n} registrations did not reach the registration system ({reference}: {reason}).",
                state.parked,
            ).format(n=state.parked, reference=first.reference, reason=outside_text(first.reason).rstrip("."))
            + " "
            + _("It is kept on this computer. Tell your supervisor; they can send it again once the cause is fixed.")
        )
        self.setVisible(True)
