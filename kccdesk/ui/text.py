"""Helpers for showing text that comes from outside (callers, records)."""

from __future__ import annotations

import re

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QSizePolicy

from kccdesk.core.script import plain_value

BREAK = "\u200b"  # a zero-width space: where a line may break
_LONG_WORD = re.compile(r"[^\s\u200b]{14}(?=[^\s\u200b]{3})")  # never before a last letter or two


def plain_label(text: str = "", object_name: str = "", wrap: bool = False) -> QLabel:
    """A label that never interprets its text as rich text or a link. One
    that wraps takes the width its panel gives it: its text, whatever its
    length, never widens the panel or the window."""
    label = QLabel()
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    label.setWordWrap(wrap)
    if wrap:
        reflowing(label)
    if object_name:
        label.setObjectName(object_name)
    label.setText(text)
    return label


def reflowing(label: QLabel) -> QLabel:
    """The label's lines wrap to the width it is given, and no word of its
    text (a 2 kB name without a space) asks for more."""
    policy = label.sizePolicy()
    policy.setHorizontalPolicy(QSizePolicy.Policy.Ignored)
    label.setSizePolicy(policy)
    return label


def shrinkable(label: QLabel) -> QLabel:
    """A one-line label (in the status bar) that is cut, rather than widen
    the window, when there is no room for all of it."""
    label.setMinimumWidth(1)
    return label


def outside_text(value: str) -> str:
    """A value from the line or a record, made safe and short for one line;
    a word too long for a panel (a name without a space, a long Dutch word
    such as "parkeervergunning" in a narrow panel at 200 % text) may break
    after every 14 characters, not before its last two, so that a label can wrap it."""
    return _LONG_WORD.sub(lambda run: run.group(0) + BREAK, plain_value(value))


def minutes(seconds: float) -> str:
    seconds = max(0, int(seconds))
    return f"{seconds // 60}:{seconds % 60:02d}"
