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
    its property selectors when a property changes. Properties that are
    already so change nothing (applying the style sheet costs time on every
    tick of the clock and in the screen pop); without properties, the style
    sheet is applied again anyway (a parent's property changed)."""
    if properties and all(widget.property(name) == value for name, value in properties.items()):
        return
    for name, value in properties.items():
        widget.setProperty(name, value)
    style = widget.style()
    style.unpolish(widget)
    style.polish(widget)
