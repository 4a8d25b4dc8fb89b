"""How every kccdesk window looks: Qt's own texts (buttons of dialogs) in the
app's language, the style sheet and the icon."""

from __future__ import annotations

import sys

from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication

from kccdesk import resource_path
from kccdesk.i18n import current_language


def style_application(app: QApplication) -> None:
    """Qt's own texts (buttons of dialogs) in the app's language, the style
    sheet and the icon."""
    app.setWindowIcon(QIcon(str(resource_path("icons", "kccdesk.svg"))))
    language = current_language()
    QLocale.setDefault(QLocale(language))
    translator = QTranslator(app)
    if translator.load(f"qtbase_{language}", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        app.installTranslator(translator)
    app.setStyleSheet(resource_path("style.qss").read_text(encoding="utf-8"))


def application() -> QApplication:
    """The process's Qt application, made when there is none yet (a window or a dialog needs one)."""
    app = QApplication.instance()
    return app if isinstance(app, QApplication) else QApplication(sys.argv)
