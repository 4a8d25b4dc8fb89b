"""The short chooser when several people share the calling number."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QListWidget, QListWidgetItem

from kccdesk.core.caller import CallerRecord
from kccdesk.i18n import _
from kccdesk.ui.text import outside_text


def record_line(record: CallerRecord) -> str:
    """One line per record: name, year of birth or business, address."""
    caller = record.caller
    parts = [caller.full_name or caller.business_name]
    if caller.business_name and caller.full_name:
        parts.append(caller.business_name)
    if record.birth_date:
        parts.append(_("born {date}").format(date=record.birth_date.strftime("%d-%m-%Y")))
    if caller.address:
        parts.append(caller.address)
    if record.open_callbacks:
        parts.append(_("open callback request"))
    return outside_text(" · ".join(p for p in parts if p))


class RecordChooser(QListWidget):
    picked = Signal(object)  # CallerRecord

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("recordChooser")
        self.setAccessibleName(_("People who use this number"))
        self.itemActivated.connect(lambda item: self.picked.emit(item.data(Qt.ItemDataRole.UserRole)))

    def show_records(self, records: tuple[CallerRecord, ...]) -> None:
        self.clear()
        for record in records:
            item = QListWidgetItem(record_line(record))
            item.setData(Qt.ItemDataRole.UserRole, record)
            self.addItem(item)
        if records:
            self.setCurrentRow(0)
