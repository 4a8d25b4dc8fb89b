"""What the style sheet (and a test) selects on: a widget's object name, and
its dynamic properties, which can change."""

from __future__ import annotations

from typing import TypeVar

from PySide6.QtWidgets import QWidget

W = TypeVar("W", bound=QWidget)


def named(widget: W, name: str) -> W:
    """The widget, with its object name set."""
    widget.setObjectName(name)
    return widget


def restyle(widget: QWidget, **properties: object) -> None:
    """Set the properties and apply the style sheet again: Qt does not redo
    its property selectors when a property changes."""
    for name, value in properties.items():
        widget.setProperty(name, value)
    style = widget.style()
    style.unpolish(widget)
    style.polish(widget)
