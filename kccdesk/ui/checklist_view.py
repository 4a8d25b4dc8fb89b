"""The checklist of the current phase: in trainee mode every item with its
tick and key, in agent mode one short line of what is still open."""

from __future__ import annotations

from PySide6.QtWidgets import QFrame, QVBoxLayout

from kccdesk.core.checklist import CallChecklist
from kccdesk.core.phases import Phase
from kccdesk.i18n import _
from kccdesk.ui.text import plain_label

TICKED, OPEN = "☑", "☐"


class ChecklistView(QFrame):
    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("checklist")
        self.title = plain_label(_("Checklist"), "sectionTitle")
        self.lines = plain_label(object_name="checklistLines", wrap=True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 6, 0, 0)
        layout.addWidget(self.title)
        layout.addWidget(self.lines)

    def show_checklist(self, checklist: CallChecklist | None, phase: Phase, trainee: bool) -> None:
        items = checklist.items(phase) if checklist else ()
        self.setVisible(bool(items))
        if checklist is None or not items:
            return
        if trainee:
            self.lines.setText(
                "\n".join(
                    f"{TICKED if checklist.is_ticked(item) else OPEN}  Ctrl+{number}  {item.text}"
                    for number, item in enumerate(items, 1)
                )
            )
            return
        open_items = [
            f"Ctrl+{number} {item.text}" for number, item in enumerate(items, 1) if not checklist.is_ticked(item)
        ]
        self.lines.setText(
            _("Still to do: {items}").format(items=" · ".join(open_items)) if open_items else _("All done ✓")
        )

    def text(self) -> str:
        return self.lines.text()
