"""The knowledge search, beside the script (Ctrl+E): type, and the answers,
products and colleagues that fit appear at every key, grouped, the best
first. Down moves into the list, Enter opens one below it, Ctrl+Enter puts
it into the registration's answer field, Esc closes the search. Once the
registration has a subject from the list, its answers are offered here
without typing (and without taking the focus)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from html import escape

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QApplication,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from kccdesk.core.knowledge import Hit, KnowledgeItem, Source, grouped
from kccdesk.core.light_html import safe_html
from kccdesk.i18n import _
from kccdesk.i18n.names import source_name
from kccdesk.services.knowledge import MIN_LETTERS
from kccdesk.services.knowledge_sync import SyncState
from kccdesk.ui.text import plain_label

_HIT = Qt.ItemDataRole.UserRole


class KnowledgePanel(QWidget):
    used = Signal(object)  # the KnowledgeItem the agent put into the registration
    closed = Signal()

    def __init__(self, search: Callable[[str], Sequence[Hit]]) -> None:
        super().__init__()
        self.setObjectName("knowledgePanel")
        self._search = search
        self.title = plain_label(_("Knowledge"), "panelTitle")
        self.field = QLineEdit()
        self.field.setObjectName("knowledgeSearch")
        self.field.setPlaceholderText(_("Search answers, products and colleagues"))
        self.field.setAccessibleName(_("Search the knowledge"))
        self.results = QListWidget()
        self.results.setObjectName("knowledgeResults")
        self.results.setAccessibleName(_("What was found"))
        self.results.setWordWrap(True)
        self.shown = QTextBrowser()
        self.shown.setObjectName("knowledgeShown")
        self.shown.setOpenExternalLinks(True)
        self.shown.setAccessibleName(_("The answer"))
        self.shown.hide()
        self.hint = plain_label(
            _("Down: the list · Enter: open · Ctrl+Enter: into the registration · Esc: close"),
            "knowledgeHint",
            wrap=True,
        )
        self.status = QLabel()
        self.status.setObjectName("knowledgeStatus")
        self.synced = plain_label("", "knowledgeSynced", wrap=True)  # the Objects API's knowledge: how fresh
        self.synced.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        parts = ((self.title, 0), (self.field, 0), (self.status, 0), (self.results, 2), (self.shown, 3), (self.hint, 0))
        for widget, stretch in parts:
            layout.addWidget(widget, stretch)
        layout.addWidget(self.synced)
        self.field.textChanged.connect(self._typed)
        self.results.itemActivated.connect(lambda item: self._open(item.data(_HIT)))
        for watched in (self.field, self.results):
            watched.installEventFilter(self)
        self.opened: KnowledgeItem | None = None
        self._typed("")

    def start(self) -> None:
        """Ctrl+E: show the search, ready for typing (what was typed before, selected)."""
        self.show()
        self.field.setFocus()
        self.field.selectAll()

    def offer(self, subject: str, hits: Sequence[Hit]) -> None:
        """The answers for the registration's subject, shown without taking
        the focus; not while the agent has a search of their own typed."""
        if self.field.text().strip():
            return
        self._fill(hits)
        if hits:
            self.status.setText(_("For the subject {subject}:").format(subject=subject))
            self.status.show()
            self.show()
        elif self.isVisible() and not ((focus := QApplication.focusWidget()) and self.isAncestorOf(focus)):
            self._typed("")
            self.hide()

    def show_sync(self, state: SyncState) -> None:
        """When the knowledge from the Objects API was last brought up to date, or why it is not."""
        time = f"{state.synced_at:%H:%M}" if state.synced_at else ""
        if state.problem:
            when = _("last at {time}").format(time=time) if time else _("never yet")
            text = _("The knowledge is not up to date ({when}): {problem}").format(when=when, problem=state.problem)
        else:
            text = _("The knowledge was brought up to date at {time}.").format(time=time) if time else ""
        self.synced.setText(text)
        self.synced.setVisible(bool(text))

    def _typed(self, text: str) -> None:
        hits = self._search(text) if text.strip() else []
        self._fill(hits)
        if not text.strip():
            self.status.setText(_("Type what the question is about."))
        elif not hits and len(text.strip()) < MIN_LETTERS:
            self.status.setText(_("Type at least {count} letters.").format(count=MIN_LETTERS))
        else:
            self.status.setText(_("Nothing found.") if not hits else "")
        self.status.setVisible(bool(self.status.text()))

    def _fill(self, hits: Sequence[Hit]) -> None:
        self.results.clear()
        for source, group in grouped(hits):
            header = QListWidgetItem(source_name(source))
            header.setFlags(Qt.ItemFlag.NoItemFlags)  # a heading: not chosen, skipped by the arrows
            font = header.font()
            font.setBold(True)
            header.setFont(font)
            header.setForeground(self.palette().windowText())  # read as a heading, not as greyed out
            self.results.addItem(header)
            for hit in group:
                row = QListWidgetItem(_row_text(hit.item))
                row.setData(_HIT, hit.item)
                self.results.addItem(row)

    def _first_row(self) -> int:
        return next((i for i in range(self.results.count()) if self.results.item(i).data(_HIT) is not None), -1)

    def _current(self) -> KnowledgeItem | None:
        item = self.results.currentItem() if self.results.hasFocus() else None
        if item is None or item.data(_HIT) is None:
            first = self._first_row()
            item = self.results.item(first) if first >= 0 else None
        chosen = item.data(_HIT) if item is not None else None
        return chosen if isinstance(chosen, KnowledgeItem) else self.opened

    def _open(self, item: object) -> None:
        if not isinstance(item, KnowledgeItem):
            return
        self.opened = item
        self.shown.setHtml(_item_html(item))
        self.shown.show()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.KeyPress or not isinstance(event, QKeyEvent):
            return False
        key, control = event.key(), bool(event.modifiers() & Qt.KeyboardModifier.ControlModifier)
        if key == Qt.Key.Key_Escape:
            self.hide()
            self.closed.emit()
            return True
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            chosen = self._current()
            if chosen is not None:
                if control:
                    self.used.emit(chosen)
                else:
                    self._open(chosen)
            return True
        if watched is self.field and key == Qt.Key.Key_Down and self._first_row() >= 0:
            self.results.setFocus()
            self.results.setCurrentRow(self._first_row())
            return True
        if watched is self.results and key == Qt.Key.Key_Up and self.results.currentRow() <= self._first_row():
            self.field.setFocus()
            return True
        return False


def _row_text(item: KnowledgeItem) -> str:
    if item.source is Source.COLLEAGUE:
        return " · ".join(part for part in (item.title, item.role, item.department) if part)
    return item.title


def _item_html(item: KnowledgeItem) -> str:
    parts = [f"<h3>{escape(item.title)}</h3>"]
    if item.source is Source.COLLEAGUE:
        facts = (item.role, item.department, item.phone)
        parts.append("<p>" + escape(" · ".join(fact for fact in facts if fact)) + "</p>")
    parts.append(f"<div>{safe_html(item.body)}</div>")
    if item.department and item.source is not Source.COLLEAGUE:
        parts.append("<p>" + escape(_("Department: {name}").format(name=item.department)) + "</p>")
    if item.link:  # through the same filter: only a web, mail or phone address becomes a link
        parts.append("<p>" + safe_html(f'<a href="{escape(item.link, quote=True)}">{escape(item.link)}</a>') + "</p>")
    return "".join(parts)
