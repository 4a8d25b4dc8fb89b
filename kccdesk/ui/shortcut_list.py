"""The window's keys: each key the window binds (a ``Shortcut``, in one list
that makes the menus too), and the list of them the agent opens with F1 — a
table of key and what it does, grouped, filtered as the agent types."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from enum import Enum

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QFont, QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from kccdesk.i18n import N_, _
from kccdesk.ui.restyle import named
from kccdesk.ui.screen_fit import fit_to_screen
from kccdesk.ui.text import plain_label


class Group(Enum):
    """Where a key stands in the list, in this order."""

    CALL = N_("Call")
    PHASES = N_("Phases and script")
    REGISTRATION = N_("Registration")
    CALLER = N_("Caller's record")
    KNOWLEDGE = N_("Knowledge")
    WINDOW = N_("Window")
    DEMO = N_("Demo (only in the demo, to practise)")


@dataclass(frozen=True)
class Shortcut:
    """A key the window binds: its menu, the menu item's text (with its
    Alt-letter), the key, what it runs, and its group in the list.
    ``together``: the one row of the list for a run of keys (Ctrl+1 … Ctrl+9)."""

    menu: str
    text: str
    keys: str
    handler: Callable[[], object]
    group: Group
    together: str = ""


@dataclass(frozen=True)
class Row:
    group: Group
    keys: str  # as the agent reads them
    text: str


def rows(shortcuts: Sequence[Shortcut]) -> list[Row]:
    """The list's rows, by group: one per key, one per run of keys together."""
    found: list[Row] = []
    for group in Group:
        members = [s for s in shortcuts if s.group is group]
        index = 0
        while index < len(members):
            first = members[index]
            run = [first]
            while first.together and index + len(run) < len(members):
                if members[index + len(run)].together != first.together:
                    break
                run.append(members[index + len(run)])
            keys = _shown(first.keys) if len(run) == 1 else f"{_shown(first.keys)} … {_shown(run[-1].keys)}"
            found.append(Row(group, keys, first.together or _without_letter(first.text)))
            index += len(run)
    return found


class ShortcutList(QDialog):
    """F1: the keys in a table, grouped; what the agent types filters it; Esc closes it."""

    def __init__(self, shortcuts: Sequence[Shortcut], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("shortcutList")
        self.setWindowTitle(_("Keyboard shortcuts"))
        self.search = named(QLineEdit(), "shortcutSearch")
        self.search.setPlaceholderText(_("Type part of a key or an action"))
        self.search.setClearButtonEnabled(True)
        search_label = QLabel(_("&Find:"))
        search_label.setBuddy(self.search)
        self.table = named(QTableWidget(0, 2), "shortcutTable")
        self.table.setAccessibleName(_("Keyboard shortcuts"))
        self.table.setHorizontalHeaderLabels([_("Key"), _("What it does")])
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setWordWrap(True)
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.horizontalHeader().sectionResized.connect(self._fit_rows)  # a text wraps to the width it gets
        self.none_found = plain_label(_("No key matches what you typed."), "shortcutNoneFound")
        self.none_found.setVisible(False)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(search_label)
        layout.addWidget(self.search)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.none_found)
        layout.addWidget(buttons)
        self._rows: list[tuple[int, Row | None, Group]] = []  # table row, its Row (None: a group's title), group
        self._fill(rows(shortcuts))
        self.search.textChanged.connect(self.show_matching)
        self.table.installEventFilter(self)
        self.search.setFocus()
        fit_to_screen(self, 720, 640)

    def _fill(self, found: list[Row]) -> None:
        title_font = QFont(self.font())
        title_font.setBold(True)
        group: Group | None = None
        for row in found:
            if row.group is not group:
                group = row.group
                self._add(None, group, _(group.value), "", title_font)
            self._add(row, row.group, row.keys, row.text)
        self.table.resizeColumnToContents(0)  # once, over every key: the column stays as the agent filters
        self.table.resizeRowsToContents()

    def _add(self, row: Row | None, group: Group, keys: str, text: str, font: QFont | None = None) -> None:
        index = self.table.rowCount()
        self.table.insertRow(index)
        for column, value in enumerate((keys, text)):
            item = QTableWidgetItem(value)
            if font is not None:
                item.setFont(font)
                item.setFlags(Qt.ItemFlag.ItemIsEnabled)  # a group's title: not a row to select
            self.table.setItem(index, column, item)
        if row is None:
            self.table.setSpan(index, 0, 1, 2)
        self._rows.append((index, row, group))

    def _fit_rows(self, *_changed: int) -> None:
        self.table.resizeRowsToContents()

    def show_matching(self, typed: str) -> None:
        """Only the rows whose key, text or group holds what was typed (any
        case), each under its group's title."""
        wanted = typed.strip().casefold()
        shown_groups = set()
        for index, row, group in self._rows:
            if row is None:
                continue
            match = not wanted or any(wanted in part.casefold() for part in (row.keys, row.text, _(group.value)))
            self.table.setRowHidden(index, not match)
            if match:
                shown_groups.add(group)
        for index, row, group in self._rows:
            if row is None:
                self.table.setRowHidden(index, group not in shown_groups)
        self.none_found.setVisible(not shown_groups)

    def shown(self) -> list[tuple[str, str]]:
        """The rows shown now, as (key, what it does); a group's title as (title, "")."""
        return [
            (row.keys, row.text) if row is not None else (_(group.value), "")
            for index, row, group in self._rows
            if not self.table.isRowHidden(index)
        ]

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Typing in the table goes on in the search field, as if typed there."""
        if watched is self.table and event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            text = event.text()
            plain = event.modifiers() & ~Qt.KeyboardModifier.ShiftModifier == Qt.KeyboardModifier.NoModifier
            if plain and text and text.isprintable():
                self.search.setFocus(Qt.FocusReason.OtherFocusReason)
                self.search.insert(text)
                return True
        return super().eventFilter(watched, event)


def _shown(keys: str) -> str:
    return QKeySequence(keys).toString(QKeySequence.SequenceFormat.NativeText)


def _without_letter(text: str) -> str:
    """A menu item's text without the & of its Alt-letter."""
    return re.sub(r"&(.)", r"\1", text)
