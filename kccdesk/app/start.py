"""Starting the app: the first-run wizard, the workstation, the log, and the
window; a start that cannot go on says why in plain words."""

from __future__ import annotations

import logging
import os
import sys
from logging.handlers import RotatingFileHandler

from kccdesk.app.workstation import StartupError, prepare
from kccdesk.config.paths import Profile, default_profile
from kccdesk.config.settings import settings_exist
from kccdesk.core.clock import SystemClock
from kccdesk.i18n import _

log = logging.getLogger(__name__)


def setup_logging(profile: Profile) -> None:
    """The application log: events and errors, never personal data."""
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


def run_app(demo: bool) -> int:
    profile = default_profile()
    if demo:
        profile = profile.demo()
    elif can_show_windows():
        from kccdesk.app.password_store import open_password_store

        first_run = not settings_exist(profile.settings_file)
        open_password_store(wizard_follows=first_run)
        if first_run:
            from kccdesk.ui.wizard import run_first_run

            run_first_run(profile)  # cancelled: nothing is written, the app starts with the defaults
    try:
        workstation = prepare(profile, demo)
    except StartupError as exc:
        report(str(exc))
        return 2
    setup_logging(profile)
    if not can_show_windows():
        report(_("kccdesk needs a screen: no display was found (DISPLAY or WAYLAND_DISPLAY is not set)."))
        return 2
    from kccdesk.app.window import run_window
    from kccdesk.sip.account import AccountError

    log.info("kccdesk starts%s", " in demo mode" if demo else "")
    try:
        return run_window(workstation, SystemClock(), demo)
    except AccountError as exc:
        report(_("The SIP line cannot start: {error}").format(error=exc))
        return 2
