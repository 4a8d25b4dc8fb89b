"""The registrations not closed yet (Ctrl+L): pick one with the arrow keys,
Enter reopens it in the form."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from kccdesk.core.draft import Draft
from kccdesk.i18n import _
from kccdesk.ui.text import outside_text, plain_label


def describe(draft: Draft) -> str:
    facts = draft.facts
    who = facts.caller_name or (_("number withheld") if facts.withheld else facts.number)
    subject = draft.registration.subject or _("(no subject yet)")
    return " · ".join(outside_text(part) for part in (facts.started_at.astimezone().strftime("%H:%M"), who, subject))


class OpenRegistrations(QDialog):
    chosen = Signal(object)  # the Draft

    def __init__(self, drafts: Sequence[Draft], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("openRegistrations")
        self.setWindowTitle(_("Open registrations"))
        self.drafts = list(drafts)
        self.list = QListWidget()
        self.list.setAccessibleName(_("Open registrations"))
        for draft in self.drafts:
            self.list.addItem(QListWidgetItem(describe(draft)))
        self.list.setCurrentRow(0)
        self.list.itemActivated.connect(lambda _item: self.accept())
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Open | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        text = _("Choose a registration and press Enter.") if self.drafts else _("No registration is open.")
        layout.addWidget(plain_label(text, wrap=True))
        layout.addWidget(self.list)
        layout.addWidget(buttons)
        self.list.setFocus()

    def accept(self) -> None:
        row = self.list.currentRow()
        super().accept()
        if 0 <= row < len(self.drafts):
            self.chosen.emit(self.drafts[row])
