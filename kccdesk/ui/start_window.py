"""The window as it first appears, while the rest of the app loads: the
main window's title and size, and a line that says it is starting. The main
window takes its place as soon as it is built."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QMainWindow

from kccdesk.i18n import _
from kccdesk.ui.screen_fit import fit_to_screen

MAIN_WINDOW_SIZE = (1440, 900)  # the main window's size at 100 % text, as it opens


class StartWindow(QMainWindow):
    def __init__(self, demo: bool) -> None:
        super().__init__()
        self.setWindowTitle(_("kccdesk — demo") if demo else "kccdesk")
        starting = QLabel(_("kccdesk is starting…"))
        starting.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setCentralWidget(starting)
        fit_to_screen(self, *MAIN_WINDOW_SIZE)
