"""The news and work instructions, above the script (Ctrl+N): important
items first, then the newest; unread ones marked. Up and Down choose an
item and show its text; moving onto an ordinary item reads it, an important
one is read only when the agent confirms it with Enter; Esc closes.

The window opens it by itself at start and between calls when something
unread came in (without taking the focus), and closes what it opened when a
call comes in.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from kccdesk.core.news import NewsItem, ShownItem
from kccdesk.core.stats import TIME_ZONE
from kccdesk.i18n import _, ngettext
from kccdesk.ui.scroll_panel import ScrollPanel
from kccdesk.ui.text import outside_text, plain_label

_ITEM = Qt.ItemDataRole.UserRole


class NewsPanel(QWidget):
    read = Signal(int)  # the id of the item the agent read (or confirmed)
    closed = Signal()

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("newsPanel")
        self.title = plain_label(_("News and work instructions"), "panelTitle")
        self.status = plain_label(object_name="newsStatus", wrap=True)
        self.items = QListWidget()
        self.items.setObjectName("newsItems")
        self.items.setAccessibleName(_("News and work instructions"))
        self.items.setWordWrap(True)
        self.items.setSpacing(2)
        self.items.setFocusPolicy(Qt.FocusPolicy.ClickFocus)  # reached by Ctrl+N: never the focus a window starts with
        self.heading = plain_label(object_name="newsHeading", wrap=True)
        self.facts = plain_label(object_name="newsFacts", wrap=True)
        self.text = plain_label(object_name="newsText", wrap=True)
        self.confirm = plain_label(object_name="newsConfirm", wrap=True)
        shown = QWidget()
        shown_layout = QVBoxLayout(shown)
        shown_layout.setContentsMargins(0, 0, 0, 0)
        self.heading.setStyleSheet("font-weight: 600;")  # the size follows the window's text size
        self.confirm.setStyleSheet("font-weight: 600; color: #7a5200;")
        for label in (self.heading, self.facts, self.confirm, self.text):  # what to do, above a long text
            shown_layout.addWidget(label)
        shown_layout.addStretch(1)
        self.shown = ScrollPanel(shown)
        self.hint = plain_label(_("Up, Down: choose · Enter: I have read it · Esc: close"), "newsHint", wrap=True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for widget, stretch in ((self.title, 0), (self.status, 0), (self.items, 2), (self.shown, 3), (self.hint, 0)):
            layout.addWidget(widget, stretch)
        self.items.currentItemChanged.connect(lambda _now, _before: self._show_current())
        self.items.installEventFilter(self)
        self.board: list[ShownItem] = []
        self.by_itself = False  # opened by the window, not by the agent: it goes when a call comes in
        self.problem = ""

    # -- what the window calls ---------------------------------------------

    def show_board(self, board: Sequence[ShownItem], problem: str = "") -> None:
        """The items as the agent sees them now; the one chosen stays chosen."""
        chosen = self.current()
        self.board = list(board)
        self.problem = problem
        self.items.blockSignals(True)
        self.items.clear()
        for one in self.board:
            row = QListWidgetItem(_row_text(one))
            row.setData(_ITEM, one.item.id)
            font = row.font()
            font.setBold(one.unread)
            row.setFont(font)
            self.items.addItem(row)
        ids = [one.item.id for one in self.board]
        row_number = ids.index(chosen.id) if chosen is not None and chosen.id in ids else 0
        self.items.setCurrentRow(row_number if self.board else -1)
        self.items.blockSignals(False)
        self._show_status()
        self._show_current(read=False)

    def start(self) -> None:
        """Ctrl+N: the news, ready for the arrows."""
        self.by_itself = False
        self.show()
        self.items.setFocus()
        self._show_current()

    def open_by_itself(self) -> None:
        """Something unread came in while no call is on: shown, the focus left where it is."""
        if not self.isVisible():
            self.by_itself = True
            self.show()

    def close_by_itself(self) -> None:
        """A call came in: what the window opened by itself makes room for the script."""
        if self.by_itself and self.isVisible():
            self.hide()
            self.by_itself = False

    def current(self) -> NewsItem | None:
        row = self.items.currentRow()
        return self.board[row].item if 0 <= row < len(self.board) else None

    # -- showing -------------------------------------------------------------

    def _show_status(self) -> None:
        unread = sum(one.unread for one in self.board)
        to_confirm = sum(one.unread and one.item.important for one in self.board)
        if self.problem:
            text = _("The news cannot be read now; what is shown may be old.")
        elif not self.board:
            text = _("There is no news.")
        elif to_confirm:
            text = ngettext(
                "{count} important item to confirm", "{count} important items to confirm", to_confirm
            ).format(count=to_confirm)
        elif unread:
            text = ngettext("{count} unread", "{count} unread", unread).format(count=unread)
        else:
            text = _("Everything read.")
        self.status.setText(text)

    def _show_current(self, read: bool = True) -> None:
        """The chosen item's text; an ordinary item the agent moves onto is read."""
        row = self.items.currentRow()
        one = self.board[row] if 0 <= row < len(self.board) else None
        self.shown.setVisible(one is not None)
        if one is None:
            return
        item = one.item
        self.heading.setText(outside_text(item.title))
        self.facts.setText(_facts(item))
        self.text.setText(item.text)
        if item.important:
            self.confirm.setText(
                _("Important: press Enter to confirm you have read this.") if one.unread else _("You confirmed this.")
            )
        self.confirm.setVisible(item.important)
        if read and one.unread and not item.important and self.items.hasFocus() and item.id is not None:
            self.read.emit(item.id)

    # -- keys ----------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.KeyPress or not isinstance(event, QKeyEvent):
            return False
        if event.key() == Qt.Key.Key_Escape:
            self.hide()
            self.by_itself = False
            self.closed.emit()
            return True
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            item = self.current()
            if item is not None and item.id is not None:
                self.read.emit(item.id)
            return True
        return False


def _row_text(one: ShownItem) -> str:
    marks = []
    if one.item.important:
        marks.append(_("Important"))
    if one.unread:
        marks.append(_("not confirmed yet") if one.item.important else _("unread"))
    title = outside_text(one.item.title)
    return f"{title}\n{' · '.join(marks)}" if marks else title


def _facts(item: NewsItem) -> str:
    parts = [_("since {moment}").format(moment=_when(item.since))]
    if item.ends is not None:
        parts.append(_("until {moment}").format(moment=_when(item.ends)))
    if item.teams:
        parts.append(_("for {teams}").format(teams=", ".join(item.teams)))
    return " · ".join(parts)


def _when(moment: datetime) -> str:
    return moment.astimezone(TIME_ZONE).strftime("%d-%m-%Y %H:%M")
