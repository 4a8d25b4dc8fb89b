"""How the app tells what it does and what went wrong: the application log,
and a message a person reads (a dialog, or the terminal without a screen)."""

from __future__ import annotations

import logging
import os
import sys

from kccdesk.config.paths import Profile


def setup_logging(profile: Profile) -> None:
    """The application log: events and errors, never personal data."""
    from logging.handlers import RotatingFileHandler  # once the window is there

    profile.log_dir.mkdir(parents=True, exist_ok=True)
    handler = RotatingFileHandler(profile.log_dir / "kccdesk.log", maxBytes=2_000_000, backupCount=5, encoding="utf-8")
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    root.addHandler(handler)
    root.setLevel(logging.INFO)


def can_show_windows() -> bool:
    if sys.platform != "linux" or os.environ.get("QT_QPA_PLATFORM"):
        return True
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def report(message: str) -> None:
    print(message, file=sys.stderr)
    if not can_show_windows():
        return
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QMessageBox

    from kccdesk.ui.style import application

    app = application()
    box = QMessageBox(QMessageBox.Icon.Critical, "kccdesk", message)
    box.setTextFormat(Qt.TextFormat.PlainText)  # the message may quote a hand-edited file
    box.exec()
    app.processEvents()
