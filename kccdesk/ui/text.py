"""Helpers for showing text that comes from outside (callers, records)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from kccdesk.core.script import plain_value


def plain_label(text: str = "", object_name: str = "", wrap: bool = False) -> QLabel:
    """A label that never interprets its text as rich text or a link."""
    label = QLabel()
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    label.setWordWrap(wrap)
    if object_name:
        label.setObjectName(object_name)
    label.setText(text)
    return label


def outside_text(value: str) -> str:
    """A value from the line or a record, made safe and short for one line."""
    return plain_value(value)


def minutes(seconds: float) -> str:
    seconds = max(0, int(seconds))
    return f"{seconds // 60}:{seconds % 60:02d}"
