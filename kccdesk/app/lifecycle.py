"""The window's life, from the first frame to quit.

The start window is shown first, in the language and text size of a quick
look at the settings file; after its first frame the SIP process is started
(it loads pjsua2 on the other processor meanwhile) and the rest is loaded:
the settings checked in full, the SIP line handed its account (it registers
while the window is built), the database, the scripts, the services, and
the main window, which takes the start window's place. A start that cannot
go on says why and ends with exit code 2. (Started before the first frame,
the SIP process would only delay it on a busy machine, and register no
sooner: the account needs the settings and the password first.)

At quit everything is taken down in order, while the interpreter is still
whole: the services and their threads (waited for), the window and its Qt
objects, the database, and last the Qt application itself.
"""

from __future__ import annotations

import gc
import logging
from subprocess import Popen
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QEvent

from kccdesk.app.first_paint import after_first_paint
from kccdesk.app.pyside_feature_scan import skip_feature_scan
from kccdesk.app.report import report, setup_logging
from kccdesk.app.start_probe import watch_first_frame, watch_window
from kccdesk.config.early import EarlySettings
from kccdesk.config.paths import Profile
from kccdesk.core.clock import SystemClock
from kccdesk.ui.start_window import StartWindow
from kccdesk.ui.style import application, style_application

if TYPE_CHECKING:
    from kccdesk.app.stall_watch import StallWatch
    from kccdesk.app.workstation import Workstation
    from kccdesk.core.desk import Desk
    from kccdesk.ui.main_window import MainWindow

log = logging.getLogger(__name__)

FAILED = 2
LOAD_AT_LATEST_MS = 500  # a start window that is never painted (started minimised) waits no longer


def run_window(profile: Profile, demo: bool, early: EarlySettings) -> int:
    skip_feature_scan()
    app = application()
    app.setApplicationName("kccdesk")
    app.setDesktopFileName("nl.kccdesk.kccdesk")  # the desktop entry (packaging/linux)
    app.setQuitOnLastWindowClosed(False)  # the start window goes when the main window comes
    style_application(app, early.text_size)
    start = StartWindow(demo)
    opened: list[tuple[Workstation, MainWindow]] = []
    stalls: list[StallWatch] = []

    def load() -> None:
        if not start.isVisible():  # closed before anything was loaded: the agent does not want it
            app.exit(0)
            return
        sip_process = _start_sip_process() if early.sip_line else None
        if not demo:  # an encrypted-file password store asks for its own password before the line reads one
            from kccdesk.app.password_store import open_password_store

            open_password_store(wizard_follows=False)
        try:
            opened.append(_open(profile, demo, sip_process))
        except _Stopped as stop:
            start.hide()
            report(stop.message)
            app.exit(FAILED)
            return
        window = opened[0][1]
        watch_window(window, window.services.desk)
        window.setGeometry(start.geometry())
        window.setWindowState(start.windowState())
        window.show()
        start.close()
        start.deleteLater()  # and its backing store with it
        app.setQuitOnLastWindowClosed(True)
        stalls.extend(watch_stalls(opened[0][0].settings.debug.stall_ms, window))
        gc.freeze()  # what the start made stays: the collector's later rounds, during calls, need not walk it

    after_first_paint(start, load, LOAD_AT_LATEST_MS)
    watch_first_frame(start)  # installed last, told first
    start.show()
    try:
        return app.exec()
    finally:
        for watch in stalls:
            watch.stop()
        if opened:
            workstation, window = opened[0]
            window.services.stop()
            window.deleteLater()
            QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
            workstation.db.close()
        if not opened:
            start.deleteLater()
        app.shutdown()


def _start_sip_process() -> Popen[bytes] | None:
    from kccdesk.sip.line import start_process

    try:
        return start_process()
    except OSError as error:  # the line tries again, and says why it cannot
        log.warning("the SIP process could not be started: %s", error)
        return None


class _Stopped(Exception):
    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def _open(profile: Profile, demo: bool, sip_process: Popen[bytes] | None) -> tuple[Workstation, MainWindow]:
    """Settings → the SIP line registering → store, scripts → services → window."""
    from kccdesk.app.workstation import StartupError, build_desk, open_workstation, read_settings
    from kccdesk.i18n import _
    from kccdesk.sip.account import AccountError

    clock = SystemClock()
    desk = None
    try:
        settings = read_settings(profile, demo)
        process, sip_process = sip_process, None
        if settings.line.kind == "sip":  # registering from now on, while the rest is loaded
            desk, line = build_desk(settings, clock, None, process)
            line.start()
        elif process is not None:
            from kccdesk.sip.line import end_process

            end_process(process)
        workstation = open_workstation(profile, settings, demo)
    except StartupError as exc:
        _close(desk, sip_process)
        raise _Stopped(str(exc)) from exc
    except AccountError as exc:
        _close(desk, sip_process)
        raise _Stopped(_("The SIP line cannot start: {error}").format(error=exc)) from exc
    setup_logging(profile)
    log.info("kccdesk starts%s", " in demo mode" if demo else "")
    from kccdesk.app.window import create_window  # the views and the services: loaded once the line registers

    return workstation, create_window(workstation, clock, demo, desk)


def _close(desk: Desk | None, sip_process: Popen[bytes] | None) -> None:
    from kccdesk.sip.line import SipLine, end_process

    if desk is not None and isinstance(desk.line, SipLine):  # only a SIP line is built this early
        desk.line.close()
    elif sip_process is not None:
        end_process(sip_process)


def watch_stalls(limit_ms: float, window: MainWindow) -> list[StallWatch]:
    """[debug] stall_ms: the window's stalls longer than it go to the log."""
    if not limit_ms:
        return []
    from kccdesk.app.stall_watch import StallWatch

    watch = StallWatch(limit_ms, window)
    watch.start()
    return [watch]
