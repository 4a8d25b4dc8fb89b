"""The main window wired to the services: Qt's event loop driving the
core's timers and the worker threads' results, the text size, the scripts
watched on disk and the SIP line's events."""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QObject, Qt, QTimer, Signal

from kccdesk import resource_path
from kccdesk.app.line_pump import attach_line
from kccdesk.app.script_watch import ScriptWatcher
from kccdesk.app.services import build_services
from kccdesk.app.workstation import Workstation, build_desk
from kccdesk.config.lock import LockedSettingError
from kccdesk.config.settings import SettingsError
from kccdesk.config.text_size import save_text_size
from kccdesk.core.clock import Clock
from kccdesk.core.desk import Desk
from kccdesk.i18n import _
from kccdesk.sip.line import SipLine
from kccdesk.ui.main_window import MainWindow
from kccdesk.ui.style import application, set_text_size, style_application

log = logging.getLogger(__name__)


class QtScheduler:
    """Runs core timers on Qt's event loop. The timers belong to ``owner``
    and end with it: parent it to the window that shows their effects."""

    def __init__(self) -> None:
        self.owner = QObject()

    def __call__(self, delay_seconds: float, action: Callable[[], None]) -> None:
        QTimer.singleShot(round(delay_seconds * 1000), self.owner, action)


class MainThreadPost(QObject):
    """Runs an action on the GUI thread: a worker thread posts it, Qt's event
    loop runs it. Posting after the window has gone does nothing."""

    _posted = Signal(object)

    def __init__(self) -> None:
        super().__init__()
        self._posted.connect(self._run, Qt.ConnectionType.QueuedConnection)

    def __call__(self, action: Callable[[], None]) -> None:
        try:
            self._posted.emit(action)
        except RuntimeError:  # the window, and this object with it, is gone
            pass

    def _run(self, action: Callable[[], None]) -> None:
        action()


def create_window(workstation: Workstation, clock: Clock, demo: bool, desk: Desk | None = None) -> MainWindow:
    """Settings → store → line → services → window (in the settings' text
    size), and the line started; or the services and the window on ``desk``,
    whose line was started ahead."""
    style_application(application(), workstation.settings.workstation.text_size)
    scheduler, post = QtScheduler(), MainThreadPost()
    desk, line = build_desk(workstation.settings, clock, scheduler) if desk is None else (desk, desk.line)
    services = build_services(workstation, desk, post, scheduler, demo)
    services.deliveries.start()
    window = MainWindow(workstation.settings.workstation, services, workstation.links)
    scheduler.owner.setParent(window)
    post.setParent(window)
    window.text_size_asked.connect(lambda size: change_text_size(workstation, window, size))
    watch_scripts(workstation, window)
    services.registrations.restore()
    if isinstance(line, SipLine):
        attach_line(line, window)
    line.start()
    return window


def change_text_size(workstation: Workstation, window: MainWindow, size: int) -> None:
    """The text size the agent asked for: kept in the settings file for the
    next start and shown at once; not at all when the supervisor locked it."""
    problem = ""
    try:
        save_text_size(workstation.profile.settings_file, size)
    except LockedSettingError as error:
        window.statusBar().showMessage(str(error), 10_000)
        return
    except (SettingsError, OSError) as error:
        log.warning("the text size cannot be kept: %s", error)
        problem = _("The text size cannot be kept for the next start: {error}").format(error=error)
    set_text_size(application(), size)
    window.show_text_size(size)
    if problem:
        window.statusBar().showMessage(problem, 10_000)


def watch_scripts(workstation: Workstation, window: MainWindow) -> None:
    """Scripts changed on disk reach the script service; a broken file, or
    one of the municipality's own left out at start, is said in the status bar."""
    own_scripts = workstation.profile.config_dir / "scripts"  # the municipality's own, watched for changes
    try:
        own_scripts.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        log.warning("the folder for the municipality's own scripts cannot be made: %s", error)
    watcher = ScriptWatcher([resource_path("scripts"), own_scripts], workstation.settings.scripts.set, window)
    watcher.reloaded.connect(window.services.script.set_script)
    watcher.broken.connect(
        lambda problem: window.statusBar().showMessage(
            _("A call script cannot be read; the last good one stays in use: {problem}").format(problem=problem),
            120_000,
        )
    )
    if workstation.script_problems:  # the shipped scripts are used instead; a supervisor should know
        window.statusBar().showMessage(
            _("Call scripts of the municipality's own were left out: {problems}").format(
                problems=workstation.script_problems.replace("\n", "; ")
            ),
            120_000,
        )
