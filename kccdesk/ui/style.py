"""How every kccdesk window looks: Qt's own texts (buttons of dialogs) in the
app's language, the style sheet, the icon, and the text size.

The text size is a percentage of the system's own text size (which already
holds the system's scale and font DPI): the application's font and every
size in the style sheet, in points and in pixels, grow by it together.
"""

from __future__ import annotations

import re
import sys

from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator
from PySide6.QtGui import QFontDatabase, QIcon
from PySide6.QtWidgets import QApplication

from kccdesk import resource_path
from kccdesk.i18n import current_language

_SIZE = re.compile(r"(\d+(?:\.\d+)?)(pt|px)\b")
_SCALE = "kccdeskTextScale"  # the application's property that holds the text size's scale


def style_application(app: QApplication, text_size: int = 100) -> None:
    """Qt's own texts (buttons of dialogs) in the app's language, the style
    sheet and the icon, with the text at ``text_size`` percent."""
    app.setWindowIcon(QIcon(str(resource_path("icons", "kccdesk.svg"))))
    language = current_language()
    QLocale.setDefault(QLocale(language))
    for old in app.findChildren(QTranslator, "qtbase"):
        app.removeTranslator(old)
        old.deleteLater()
    translator = QTranslator(app)
    translator.setObjectName("qtbase")
    if translator.load(f"qtbase_{language}", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        app.installTranslator(translator)
    set_text_size(app, text_size)


def set_text_size(app: QApplication, text_size: int) -> None:
    """Every window's text at ``text_size`` percent of the system's, at once."""
    scale = text_size / 100
    font = QFontDatabase.systemFont(QFontDatabase.SystemFont.GeneralFont)
    if font.pointSizeF() > 0:
        font.setPointSizeF(font.pointSizeF() * scale)
    else:
        font.setPixelSize(round(font.pixelSize() * scale))
    app.setProperty(_SCALE, scale)
    sheet = scaled_style(resource_path("style.qss").read_text(encoding="utf-8"), scale)
    if app.font() != font:
        app.setFont(font)
    if app.styleSheet() != sheet:  # every widget is styled again: only when it differs
        app.setStyleSheet(sheet)


def text_scale() -> float:
    """The text size as a factor: 1.0 at 100 %."""
    app = QApplication.instance()
    scale = app.property(_SCALE) if app is not None else None
    return float(scale) if isinstance(scale, int | float) else 1.0


def scaled_style(sheet: str, scale: float) -> str:
    """The style sheet with its font sizes, spacing and borders grown by ``scale``."""

    def grow(match: re.Match[str]) -> str:
        value, unit = float(match.group(1)), match.group(2)
        if unit == "pt":
            return f"{value * scale:g}pt"
        return f"{max(int(value * scale), 1) if value else 0}px"  # down: a dot's radius stays within half its size

    return _SIZE.sub(grow, sheet)


def application() -> QApplication:
    """The process's Qt application, made when there is none yet (a window or a dialog needs one)."""
    app = QApplication.instance()
    return app if isinstance(app, QApplication) else QApplication(sys.argv)
