"""The Alt-letters (mnemonics) a person can press in a window as it is now,
found the way Qt finds them: the menu bar's menus, labels with a buddy,
buttons and group boxes, each only while it is visible and enabled; and the
letters inside each menu of the menu bar."""

from __future__ import annotations

from collections import defaultdict

from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QCheckBox,
    QComboBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QMainWindow,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
)

FIELDS = (QLineEdit, QPlainTextEdit, QTextEdit, QComboBox, QAbstractSpinBox, QCheckBox)


def letter(text: str) -> str:
    """The Alt-letter of a text ("Af&handeling" → "H"), or ""."""
    return QKeySequence.mnemonic(text).toString().removeprefix("Alt+").upper()


def active(window: QWidget) -> dict[str, list[str]]:
    """Each Alt-letter that works in ``window`` now, with the texts that carry it."""
    found: dict[str, list[str]] = defaultdict(list)
    if isinstance(window, QMainWindow):
        for action in window.menuBar().actions():
            if action.isVisible() and action.isEnabled() and letter(action.text()):
                found[letter(action.text())].append(f"menu {action.text()!r}")
    for widget in window.findChildren(QWidget):
        if not (widget.isVisible() and widget.isEnabled()) or widget.window() is not window:
            continue
        text = _mnemonic_text(widget)
        if text and letter(text):
            found[letter(text)].append(f"{type(widget).__name__} {text!r}")
    return dict(found)


def clashes(window: QWidget) -> dict[str, list[str]]:
    """The Alt-letters that more than one menu or control in ``window`` uses now."""
    return {key: texts for key, texts in active(window).items() if len(texts) > 1}


def menu_clashes(window: QMainWindow) -> dict[str, dict[str, list[str]]]:
    """Per menu of the menu bar, the letters more than one of its items uses."""
    result = {}
    for menu_action in window.menuBar().actions():
        found: dict[str, list[str]] = defaultdict(list)
        for action in menu_action.menu().actions():
            if letter(action.text()):
                found[letter(action.text())].append(action.text())
        if clash := {key: texts for key, texts in found.items() if len(texts) > 1}:
            result[menu_action.text()] = clash
    return result


def fields_without_letter(window: QWidget) -> list[str]:
    """The visible, enabled fields of ``window`` that no Alt-letter reaches."""
    reached = {
        id(label.buddy())
        for label in window.findChildren(QLabel)
        if label.buddy() is not None and label.isVisible() and letter(label.text())
    }
    missing = []
    for widget in window.findChildren(QWidget):
        if not isinstance(widget, FIELDS) or not (widget.isVisible() and widget.isEnabled()):
            continue
        if isinstance(widget.parent(), (QComboBox, QAbstractSpinBox)) or widget.window() is not window:
            continue  # the line edit inside a combo box or a date field
        if id(widget) not in reached and not (isinstance(widget, QCheckBox) and letter(widget.text())):
            missing.append(f"{type(widget).__name__} {widget.objectName()!r}")
    return missing


def _mnemonic_text(widget: QWidget) -> str:
    if isinstance(widget, QLabel):
        return widget.text() if widget.buddy() is not None else ""
    if isinstance(widget, QAbstractButton):
        return widget.text()
    if isinstance(widget, QGroupBox):
        return widget.title()
    return ""
