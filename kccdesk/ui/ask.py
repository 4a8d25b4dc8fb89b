"""Asking the agent one thing without blocking the window: a small dialog
that answers through a callback and is gone once closed."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QInputDialog, QLineEdit, QWidget


def ask(
    parent: QWidget,
    name: str,
    title: str,
    label: str,
    answer: Callable[[str], None],
    choices: Sequence[str] = (),
    current: str = "",
) -> QInputDialog:
    """Open a dialog for a line of text (or one of ``choices``); ``answer``
    gets it when the agent confirms. ``name`` is the dialog's object name."""
    dialog = QInputDialog(parent)
    dialog.setObjectName(name)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.setWindowTitle(title)
    dialog.setLabelText(label)
    if choices:
        dialog.setComboBoxItems(list(choices))
    else:
        dialog.setTextEchoMode(QLineEdit.EchoMode.Normal)
    if current:
        dialog.setTextValue(current)
    dialog.textValueSelected.connect(answer)
    dialog.open()
    return dialog
