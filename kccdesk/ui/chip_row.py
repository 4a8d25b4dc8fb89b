"""A row of chips of equal width (the phases, the phase 3 choices): as many
side by side as the panel has room for, the rest on the next rows. A narrow
panel or a large text size wraps the row instead of widening the window."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect, QSize, Qt
from PySide6.QtWidgets import QLabel, QLayout, QLayoutItem, QWidget, QWidgetItem


class ChipRow(QLayout):
    def __init__(self, spacing: int = 4) -> None:
        super().__init__()
        self._items: list[QLayoutItem] = []
        self._heights: dict[int, int] = {}  # by width, until a chip or its text changes
        self.setSpacing(spacing)
        self.setContentsMargins(0, 0, 0, 0)

    def add(self, widget: QWidget) -> None:
        self.addChildWidget(widget)
        self.addItem(QWidgetItem(widget))

    # -- QLayout ---------------------------------------------------------------

    def addItem(self, item: QLayoutItem) -> None:
        self._items.append(item)
        self.invalidate()

    def count(self) -> int:
        return len(self._items)

    def itemAt(self, index: int) -> QLayoutItem | None:
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int) -> QLayoutItem | None:
        if not 0 <= index < len(self._items):
            return None
        self.invalidate()
        return self._items.pop(index)

    def expandingDirections(self) -> Qt.Orientation:
        return Qt.Orientation.Horizontal

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        height = self._heights.get(width)
        if height is None:
            height = self._heights[width] = self._arrange(QRect(0, 0, width, 0), place=False)
        return height

    def invalidate(self) -> None:
        """A chip came, went or changed (Qt says so here): the heights are worked out afresh."""
        self._heights.clear()
        super().invalidate()

    def setGeometry(self, rect: QRect) -> None:
        super().setGeometry(rect)
        self._arrange(rect, place=True)

    def sizeHint(self) -> QSize:
        """All chips in one row."""
        shown = self._shown()
        if not shown:
            return QSize(0, 0)
        width = len(shown) * max(map(_wanted_width, shown)) + (len(shown) - 1) * self.spacing()
        return QSize(width, self.heightForWidth(width))

    def minimumSizeHint(self) -> QSize:
        """One chip to a row, as narrow as the widest chip may be."""
        shown = self._shown()
        if not shown:
            return QSize(0, 0)
        width = max(map(_least_width, shown))
        return QSize(width, self.heightForWidth(width))

    # -- inside ----------------------------------------------------------------

    def _shown(self) -> list[QLayoutItem]:
        return [item for item in self._items if not item.isEmpty()]

    def _arrange(self, rect: QRect, place: bool) -> int:
        """Lay the chips out in ``rect`` (when ``place``); returns the height they take."""
        shown = self._shown()
        if not shown:
            return 0
        margins = self.contentsMargins()
        area = rect.adjusted(margins.left(), margins.top(), -margins.right(), -margins.bottom())
        gap = self.spacing()
        fit = max(1, min(len(shown), (area.width() + gap) // (max(map(_least_width, shown)) + gap)))
        columns = -(-len(shown) // -(-len(shown) // fit))  # rows as full as each other: 2 + 2, not 3 + 1
        cell = max(1, (area.width() - (columns - 1) * gap) // columns)
        y = area.y()
        for start in range(0, len(shown), columns):
            row = shown[start : start + columns]
            height = max(item.heightForWidth(cell) if item.hasHeightForWidth() else item.sizeHint().height()
                         for item in row)  # fmt: skip
            for column, item in enumerate(row):
                if place:
                    item.setGeometry(QRect(QPoint(area.x() + column * (cell + gap), y), QSize(cell, height)))
            y += height + gap
        return y - gap - area.y() + margins.top() + margins.bottom()


def _wanted_width(item: QLayoutItem) -> int:
    """The width the chip asks for, even when it lets its layout decide (a label that wraps)."""
    widget = item.widget()
    return widget.sizeHint().width() if widget is not None else item.sizeHint().width()


def _least_width(item: QLayoutItem) -> int:
    """The narrowest the chip can be: a label that wraps, as wide as its longest word."""
    widget = item.widget()
    if widget is None:
        return item.minimumSize().width()
    if not isinstance(widget, QLabel) or not widget.wordWrap():
        return widget.minimumSizeHint().width()
    metrics, margins = widget.fontMetrics(), widget.contentsMargins()
    longest = max((metrics.horizontalAdvance(word) for word in widget.text().split()), default=0)
    return longest + margins.left() + margins.right() + 2 * widget.margin()
