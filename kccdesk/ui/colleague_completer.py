"""Type-ahead for a colleague (a warm transfer, a callback request): as the
agent types, the colleagues whose name, role or work fits are offered, each
with what they do; the one chosen puts only their name into the field."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QCompleter, QLineEdit

from kccdesk.core.knowledge import KnowledgeItem

_NAME = Qt.ItemDataRole.UserRole  # a colleague's name, beside what the list shows of them
WIDEST = 0.5  # of the screen: a list wider than its field shows what a colleague does, up to this


class ColleagueCompleter(QCompleter):
    def __init__(
        self,
        field: QLineEdit,
        owner: QObject,
        colleagues: Callable[[str], Sequence[KnowledgeItem]],
        wanted: Callable[[], bool] = lambda: True,
    ) -> None:
        self._model = QStandardItemModel()
        # Owned by the view, not the field: a field deletes the completer it owns when given another.
        super().__init__(self._model, owner)
        self._model.setParent(self)
        self._field = field
        self._colleagues = colleagues
        self._wanted = wanted  # whether the field asks for a colleague now
        self.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        self.setCompletionRole(_NAME)
        field.textEdited.connect(self.offer)

    def offer(self, text: str) -> None:
        found = self._colleagues(text) if self._wanted() and self._field.completer() is self else []
        self._model.clear()
        for colleague in found:
            row = QStandardItem(" · ".join(part for part in (colleague.title, colleague.role, colleague.body) if part))
            row.setData(colleague.title, _NAME)
            self._model.appendRow(row)
        popup = self.popup()
        if popup is None:
            return
        if found and self._field.hasFocus():
            screen = self._field.screen().availableGeometry().width()
            popup.setMinimumWidth(min(popup.sizeHintForColumn(0) + 2 * popup.frameWidth() + 24, int(screen * WIDEST)))
            self.complete()
        else:
            popup.hide()
