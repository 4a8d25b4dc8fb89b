"""Ctrl+J with more than one case: which case the call is about. The
caller's cases as the caller's panel shows them, open ones first; Up and
Down choose, Enter links the case to the registration, Esc closes."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from kccdesk.core.cases import Case
from kccdesk.i18n import _
from kccdesk.ui.cases_panel import case_text
from kccdesk.ui.screen_fit import fit_to_screen
from kccdesk.ui.text import plain_label

_CASE = Qt.ItemDataRole.UserRole


class CaseChooser(QDialog):
    def __init__(self, cases: Sequence[Case], today: date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("caseChooser")
        self.setWindowTitle(_("Which case is the call about?"))
        self.chosen: Case | None = None
        self.list = QListWidget()
        self.list.setObjectName("caseChoices")
        self.list.setAccessibleName(_("The caller's cases"))
        self.list.setWordWrap(True)
        self.list.setAlternatingRowColors(True)
        for case in cases:
            text, _overdue = case_text(case, today)
            row = QListWidgetItem(text)
            row.setData(_CASE, case)
            self.list.addItem(row)
        self.list.setCurrentRow(0)
        self.list.itemActivated.connect(self._chosen)
        layout = QVBoxLayout(self)
        layout.addWidget(plain_label(_("Which case is the call about?"), "sectionTitle", wrap=True))
        layout.addWidget(self.list, 1)
        layout.addWidget(
            plain_label(_("Up, Down: choose · Enter: link it to the registration · Esc: close"), wrap=True)
        )
        self.list.setFocus()
        fit_to_screen(self, 560, 480)

    def _chosen(self, row: QListWidgetItem) -> None:
        case = row.data(_CASE)
        if isinstance(case, Case):
            self.chosen = case
            self.accept()
