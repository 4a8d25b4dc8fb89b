"""A box for a few lines of the agent's own words (the question, the answer,
a note for a colleague): never lower than three lines of its text, at any
text size, so that boxes beside each other cannot shrink into each other."""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtWidgets import QPlainTextEdit

LINES = 3  # at the least
PREFERRED_LINES = 5


class TextBox(QPlainTextEdit):
    def __init__(self, name: str, placeholder: str) -> None:
        super().__init__()
        self.setObjectName(name)
        self.setPlaceholderText(placeholder)
        self.setTabChangesFocus(True)

    def minimumSizeHint(self) -> QSize:
        return QSize(super().minimumSizeHint().width(), self._height(LINES))

    def sizeHint(self) -> QSize:
        return QSize(super().sizeHint().width(), self._height(PREFERRED_LINES))

    def _height(self, lines: int) -> int:
        margins = self.contentsMargins()
        text = lines * self.fontMetrics().lineSpacing() + 2 * round(self.document().documentMargin())
        return text + margins.top() + margins.bottom()
