"""Contrast as WCAG 2.1 computes it, on the colours Qt paints with: a text's
colour from its palette (as the style sheet sets it), the background of the
nearest widget that paints one of its own."""

from __future__ import annotations

import re

from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QWidget

TEXT = 4.5  # AA: normal text
NON_TEXT = 3.0  # AA: the parts of a control or a graphic one needs to see


def ratio(one: QColor, other: QColor) -> float:
    """The contrast ratio of two opaque colours, 1 to 21."""
    light, dark = sorted((_luminance(one), _luminance(other)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def over(colour: QColor, background: QColor) -> QColor:
    """``colour`` as it shows on ``background`` (a placeholder is often half transparent)."""
    alpha = colour.alphaF()
    return QColor.fromRgbF(
        *(alpha * c + (1 - alpha) * b for c, b in zip(_rgb(colour), _rgb(background), strict=True)), 1.0
    )


def background(widget: QWidget) -> QColor:
    """The colour behind ``widget``'s text: its own background, if the style
    sheet gives it one, else that of the nearest parent that has one."""
    current: QWidget | None = widget
    while current is not None:
        palette = current.palette()
        if palette.isBrushSet(QPalette.ColorGroup.Active, QPalette.ColorRole.Window) or current.isWindow():
            return palette.color(QPalette.ColorRole.Window)
        current = current.parentWidget()
    raise AssertionError("a widget outside any window")


def text_contrast(widget: QWidget) -> float:
    """The contrast of ``widget``'s text against what is behind it."""
    behind = background(widget)
    return ratio(over(widget.palette().color(widget.foregroundRole()), behind), behind)


def sheet_pairs(sheet: str) -> list[tuple[str, QColor, QColor]]:
    """The text colours of a style sheet with the background they are set
    on: the rule's own, or that of the rule for the widget around it
    (``QFrame#a[status="x"] QLabel#b`` on ``QFrame#a[status="x"]``)."""
    rules: dict[str, dict[str, str]] = {}
    for selectors, body in re.findall(r"([^{}]+)\{([^}]*)\}", re.sub(r"/\*.*?\*/", "", sheet, flags=re.DOTALL)):
        parts = (declaration.partition(":") for declaration in body.split(";"))
        declarations = {name.strip(): value.strip() for name, _colon, value in parts}
        for selector in selectors.split(","):
            rules.setdefault(" ".join(selector.split()), {}).update(declarations)
    pairs = []
    for selector, declarations in rules.items():
        if "color" not in declarations:
            continue
        around = rules.get(selector.rpartition(" ")[0], {})
        behind = declarations.get("background") or around.get("background")
        if behind:
            pairs.append((selector, QColor(declarations["color"]), QColor(behind)))
    return pairs


def _rgb(colour: QColor) -> tuple[float, float, float]:
    return colour.redF(), colour.greenF(), colour.blueF()


def _luminance(colour: QColor) -> float:
    def linear(c: float) -> float:
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (linear(c) for c in _rgb(colour))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b
