"""The Qt application around the main window."""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QApplication

from kccdesk import resource_path
from kccdesk.app.line_pump import attach_line
from kccdesk.app.record_sources import remote_sources
from kccdesk.app.script_watch import ScriptWatcher
from kccdesk.app.workstation import Workstation, build_desk
from kccdesk.content.organisations import DirectoryError, load_directory
from kccdesk.core.clock import Clock
from kccdesk.core.organisations import Directory
from kccdesk.demo.line import SimulatedLine
from kccdesk.i18n import _
from kccdesk.outbox.service import Outbox
from kccdesk.services.recorder import CallRecorder
from kccdesk.sip.line import SipLine
from kccdesk.ui.backlog_indicator import BacklogIndicator
from kccdesk.ui.main_window import MainWindow
from kccdesk.ui.style import style_application

log = logging.getLogger(__name__)


class QtScheduler:
    """Runs core timers on Qt's event loop. The timers belong to ``owner``
    and end with it: parent it to the window that shows their effects."""

    def __init__(self) -> None:
        self.owner = QObject()

    def __call__(self, delay_seconds: float, action: Callable[[], None]) -> None:
        QTimer.singleShot(round(delay_seconds * 1000), self.owner, action)


def organisations() -> Directory:
    """The directory of organisations for referrals; without it a referral
    still works, the agent types the organisation's full name."""
    try:
        return load_directory(resource_path("organisations", "organisaties.toml"))
    except DirectoryError as error:
        log.warning("the directory of organisations cannot be read: %s", error)
        return Directory([])


def create_window(workstation: Workstation, clock: Clock, demo: bool) -> MainWindow:
    scheduler = QtScheduler()
    desk, line = build_desk(workstation.settings, clock, scheduler)
    outbox = Outbox(workstation.db, workstation.settings.sinks)
    outbox.start()
    records = workstation.settings.records
    recorder = CallRecorder(
        workstation.db,
        workstation.settings.workstation.agent_name,
        records.pbx_prefix,
        remote_sources(records),
        local="local" in records.sources,
        outbox=outbox,
    )
    demo_line = line if demo and isinstance(line, SimulatedLine) else None
    window = MainWindow(
        workstation.settings, desk, recorder, workstation.script, demo_line=demo_line, subjects=workstation.subjects,
        directory=organisations(), subject_scripts=workstation.subject_scripts,
    )
    window.statusBar().addPermanentWidget(BacklogIndicator(outbox))
    own_scripts = workstation.profile.config_dir / "scripts"  # the municipality's own, watched for changes
    try:
        own_scripts.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        log.warning("the folder for the municipality's own scripts cannot be made: %s", error)
    watcher = ScriptWatcher([resource_path("scripts"), own_scripts], workstation.settings.scripts.set, window)
    watcher.reloaded.connect(window.script_control.set_script)
    watcher.broken.connect(
        lambda problem: window.statusBar().showMessage(
            _("A call script cannot be read; the last good one stays in use: {problem}").format(problem=problem), 120_000
        )
    )
    if workstation.script_problems:  # the shipped scripts are used instead; a supervisor should know
        window.statusBar().showMessage(
            _("Call scripts of the municipality's own were left out: {problems}").format(
                problems=workstation.script_problems.replace("\n", "; ")
            ),
            120_000,
        )
    scheduler.owner.setParent(window)
    if isinstance(line, SipLine):
        attach_line(line, window)
    line.start()
    return window


def run_window(workstation: Workstation, clock: Clock, demo: bool) -> int:
    app = QApplication.instance() or QApplication(sys.argv)
    app.setApplicationName("kccdesk")
    app.setDesktopFileName("kccdesk")
    style_application(app)
    window = create_window(workstation, clock, demo)
    window.resize(1200, 760)
    window.show()
    try:
        return app.exec()
    finally:
        window.remote_lookups.shutdown()
        window.desk.line.stop()
        if window.recorder.outbox is not None:
            window.recorder.outbox.stop()
        workstation.db.close()
