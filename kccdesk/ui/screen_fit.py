"""A window opens at a comfortable size for its text, and never larger than
the screen it opens on: when the screen has less room, the window takes all
it has (maximised)."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import QWidget

from kccdesk.ui.style import text_scale

FRAME = QSize(16, 48)  # room for the window's frame and title bar, which are not known before it is shown


def fit_to_screen(window: QWidget, width: int, height: int) -> None:
    """Size ``window`` to ``width`` x ``height`` (the size at 100 % text,
    grown with the text size), or maximise it when its screen is smaller."""
    scale = text_scale()
    wanted = QSize(round(width * scale), round(height * scale))
    room = window.screen().availableGeometry().size() - FRAME
    if wanted.width() <= room.width() and wanted.height() <= room.height():
        window.resize(wanted)
        return
    window.resize(wanted.boundedTo(room))
    window.setWindowState(window.windowState() | Qt.WindowState.WindowMaximized)
