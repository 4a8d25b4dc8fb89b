"""The quick search for a caller whose number is unknown: name, postcode +
house number, or date of birth. Keyboard first: Tab between the fields,
Enter searches, the results list takes the focus, Enter picks."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from kccdesk.core.caller import CallerRecord
from kccdesk.i18n import _
from kccdesk.ui.record_chooser import record_line
from kccdesk.ui.restyle import named
from kccdesk.ui.text import plain_label

# The search: name, postcode, house number, date of birth -> the records found (and logged as shown).
Search = Callable[[str, str, str, date | None], list[CallerRecord]]


def parse_birth_date(text: str) -> date | None:
    """31-12-1980 or 1980-12-31; raises ValueError for anything else."""
    text = text.strip()
    if m := re.fullmatch(r"(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})", text):
        return date(int(m[3]), int(m[2]), int(m[1]))
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        return date.fromisoformat(text)
    raise ValueError(text)


class RecordSearch(QWidget):
    picked = Signal(object)  # CallerRecord

    def __init__(self, search: Search | None) -> None:
        super().__init__()
        self.setObjectName("recordSearch")
        self._search = search
        self.name = named(QLineEdit(), "searchName")
        self.postcode = named(QLineEdit(), "searchPostcode")
        self.house_number = named(QLineEdit(), "searchHouseNumber")
        self.birth_date = named(QLineEdit(), "searchBirthDate")
        self.birth_date.setPlaceholderText(_("dd-mm-yyyy"))
        form = QFormLayout()
        form.addRow(_("&Name"), self.name)
        form.addRow(_("&Postcode"), self.postcode)
        form.addRow(_("House nu&mber"), self.house_number)
        form.addRow(_("Date of b&irth"), self.birth_date)
        self.results = named(QListWidget(), "searchResults")
        self.results.setAccessibleName(_("Callers found"))
        self.status = plain_label(object_name="searchStatus", wrap=True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(plain_label(_("Search for the caller"), "sectionTitle"))
        layout.addLayout(form)
        layout.addWidget(self.status)
        layout.addWidget(self.results)
        for field in (self.name, self.postcode, self.house_number, self.birth_date):
            field.returnPressed.connect(self.search)
        self.results.itemActivated.connect(self._activated)

    def begin(self) -> None:
        """Put the cursor in the first field."""
        self.name.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.name.selectAll()

    def reset(self) -> None:
        for field in (self.name, self.postcode, self.house_number, self.birth_date):
            field.clear()
        self.results.clear()
        self.results.setVisible(False)  # an empty list box only looks like something is missing
        self.status.setText(_("Fill in one or more fields and press Enter."))

    def search(self) -> None:
        self.results.clear()
        self.results.setVisible(False)
        if self._search is None:
            return
        try:
            born = parse_birth_date(self.birth_date.text()) if self.birth_date.text().strip() else None
        except ValueError:
            self.status.setText(_("The date of birth is not a date like 31-12-1980."))
            return
        if self.house_number.text().strip() and not self.postcode.text().strip():
            self.status.setText(_("Give the postcode with the house number."))
            return
        found = self._search(self.name.text(), self.postcode.text(), self.house_number.text(), born)
        if not found:
            name, postcode = self.name.text().strip(), self.postcode.text().strip()
            self.status.setText(_("Nothing found.") if (name or postcode or born) else _("Fill in at least one field."))
            return
        self.status.setText(_("Choose with the arrow keys and Enter."))
        for record in found:
            item = QListWidgetItem(record_line(record))
            item.setData(Qt.ItemDataRole.UserRole, record)
            self.results.addItem(item)
        self.results.setVisible(True)
        self.results.setCurrentRow(0)
        self.results.setFocus(Qt.FocusReason.OtherFocusReason)

    def _activated(self, item: QListWidgetItem) -> None:
        self.picked.emit(item.data(Qt.ItemDataRole.UserRole))
