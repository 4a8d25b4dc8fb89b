"""Ctrl+G: the quick links in a list, grouped; typing filters it (part of a
name or a group), Down moves into the list, Enter opens the link in the
browser, Esc closes. A link with its own key opens from the window with it."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QEvent, QObject, Qt, QUrl
from PySide6.QtGui import QDesktopServices, QFont, QKeyEvent, QKeySequence
from PySide6.QtWidgets import QDialog, QLabel, QLineEdit, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from kccdesk.core.links import QuickLink, matching
from kccdesk.i18n import _
from kccdesk.ui.screen_fit import fit_to_screen
from kccdesk.ui.text import plain_label

_LINK = Qt.ItemDataRole.UserRole


def open_link(link: QuickLink) -> None:
    """In the computer's browser (or mail program, for a mailto link)."""
    QDesktopServices.openUrl(QUrl(link.url))


class QuickLinks(QDialog):
    def __init__(self, links: Sequence[QuickLink], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("quickLinks")
        self.setWindowTitle(_("Quick links"))
        self.links = list(links)
        self.search = QLineEdit()
        self.search.setObjectName("quickLinkSearch")
        self.search.setPlaceholderText(_("Type part of a name or a group"))
        self.search.setClearButtonEnabled(True)
        label = QLabel(_("&Find:"))
        label.setBuddy(self.search)
        self.list = QListWidget()
        self.list.setObjectName("quickLinkList")
        self.list.setAccessibleName(_("Quick links"))
        self.none = plain_label(
            _("No quick links yet: the municipality puts them in links.toml.")
            if not self.links
            else _("No link matches what you typed."),
            "quickLinksNone",
            wrap=True,
        )
        hint = plain_label(
            _("Down: the list · Enter: open it in the browser · Esc: close"), "quickLinksHint", wrap=True
        )
        layout = QVBoxLayout(self)
        layout.addWidget(label)
        layout.addWidget(self.search)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.none)
        layout.addWidget(hint)
        self.search.textChanged.connect(self.show_matching)
        self.search.installEventFilter(self)
        self.list.installEventFilter(self)
        self.list.itemActivated.connect(self._activated)
        self.show_matching("")
        self.search.setFocus()
        fit_to_screen(self, 560, 520)

    def show_matching(self, typed: str) -> None:
        self.list.clear()
        bold = QFont(self.font())
        bold.setBold(True)
        group: str | None = None
        found = matching(self.links, typed)
        for link in found:
            if link.group != group:
                group = link.group
                title = QListWidgetItem(group or _("Other links"))
                title.setFont(bold)
                title.setFlags(Qt.ItemFlag.ItemIsEnabled)  # a group's title: not a row to choose
                self.list.addItem(title)
            shown = QKeySequence(link.key).toString(QKeySequence.SequenceFormat.NativeText) if link.key else ""
            row = QListWidgetItem(f"{link.name}    {shown}".rstrip())
            row.setData(_LINK, link)
            self.list.addItem(row)
        self.none.setVisible(not found)

    def _rows(self) -> list[int]:
        return [i for i in range(self.list.count()) if self.list.item(i).data(_LINK) is not None]

    def _activated(self, item: QListWidgetItem) -> None:
        link = item.data(_LINK)
        if isinstance(link, QuickLink):
            open_link(link)
            self.accept()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.KeyPress or not isinstance(event, QKeyEvent):
            return super().eventFilter(watched, event)
        rows = self._rows()
        if watched is self.search and event.key() in (Qt.Key.Key_Down, Qt.Key.Key_Return, Qt.Key.Key_Enter) and rows:
            if event.key() == Qt.Key.Key_Down:
                self.list.setFocus()
                self.list.setCurrentRow(rows[0])
            else:  # Enter in the search: the first link found
                self._activated(self.list.item(rows[0]))
            return True
        if watched is self.list and event.key() == Qt.Key.Key_Up and rows and self.list.currentRow() <= rows[0]:
            self.search.setFocus()
            return True
        return super().eventFilter(watched, event)
