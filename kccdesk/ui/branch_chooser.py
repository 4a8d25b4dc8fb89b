"""Phase 3: how the question is handled. One key per branch (Alt+1…); a
referral asks which organisation (type-ahead over the directory, always the
full name), a transfer or callback asks which colleague."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCompleter,
    QFormLayout,
    QFrame,
    QLabel,
    QLineEdit,
    QVBoxLayout,
)

from kccdesk.core.knowledge import KnowledgeItem
from kccdesk.core.organisations import Directory
from kccdesk.core.registration import Needs, Outcome
from kccdesk.core.script import Branch
from kccdesk.i18n import _
from kccdesk.ui.chip_row import ChipRow
from kccdesk.ui.colleague_completer import ColleagueCompleter
from kccdesk.ui.restyle import named, restyle
from kccdesk.ui.text import plain_label


class BranchChooser(QFrame):
    detail_edited = Signal(str)

    def __init__(
        self,
        branches: list[Branch],
        directory: Directory,
        colleagues: Callable[[str], Sequence[KnowledgeItem]] | None = None,
    ) -> None:
        super().__init__()
        self.setObjectName("branchChooser")
        self.branches = branches
        self.steps: dict[Outcome, QLabel] = {}
        row = ChipRow()
        for number, branch in enumerate(branches, 1):
            step = plain_label(f"Alt+{number}  {branch.title}", "branchStep", wrap=True)
            self.steps[branch.outcome] = step
            row.add(step)
        self.detail = named(QLineEdit(), "branchDetail")
        self.detail.textEdited.connect(self.detail_edited)
        self.organisations = QCompleter([o.name for o in directory.organisations], self)
        self.organisations.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.organisations.setFilterMode(Qt.MatchFlag.MatchContains)
        self.organisations.activated.connect(self.detail_edited)
        self.colleagues = ColleagueCompleter(self.detail, self, colleagues) if colleagues is not None else None
        if self.colleagues is not None:
            self.colleagues.activated.connect(self.detail_edited)  # a name picked from the list is typed too
        self.detail_label = QLabel()
        self.detail_label.setBuddy(self.detail)
        self.detail_row = QFormLayout()
        self.detail_row.addRow(self.detail_label, self.detail)
        self.found = plain_label(object_name="organisationFound", wrap=True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(plain_label(_("How is the question handled?"), "sectionTitle"))
        layout.addLayout(row)
        layout.addLayout(self.detail_row)
        layout.addWidget(self.found)

    def show_choice(self, branch: Outcome | None, detail: str, found: str) -> None:
        for key, step in self.steps.items():
            restyle(step, current=key == branch)
        asks = branch is not None and branch.needs_detail
        referral = branch is not None and branch.needs is Needs.ORGANISATION
        self.detail_row.setRowVisible(self.detail, asks)
        self.found.setVisible(referral and bool(found))
        self.found.setText(found)
        if not asks:
            return
        self.detail_label.setText(_("Or&ganisation") if referral else _("Collea&gue"))
        self.detail.setPlaceholderText(
            _("Type part of the name; the full name is used") if referral else _("The colleague's or team's name")
        )
        self.detail.setCompleter(self.organisations if referral else self.colleagues)  # type: ignore[arg-type]  # None: none
        if self.detail.text() != detail:
            self.detail.setText(detail)

    def ask_detail(self) -> None:
        self.detail.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.detail.selectAll()
