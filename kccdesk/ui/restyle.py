"""Changing what the style sheet selects on: a widget's dynamic properties."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget


def restyle(widget: QWidget, **properties: object) -> None:
    """Set the properties and apply the style sheet again: Qt does not redo
    its property selectors when a property changes."""
    for name, value in properties.items():
        widget.setProperty(name, value)
    style = widget.style()
    style.unpolish(widget)
    style.polish(widget)
