"""Starting the app: settings, database, line and window, in that order.

Nothing starts half-configured: a broken settings file, database or script
stops the start with a message that names the file and the problem.
"""

from __future__ import annotations

import logging
import os
import sys
from dataclasses import dataclass, field
from logging.handlers import RotatingFileHandler
from pathlib import Path

from kccdesk.core.clock import Clock, SystemClock
from kccdesk.core.desk import Desk
from kccdesk.core.line import Line
from kccdesk.core.rings import RingCadence, RingNorm
from kccdesk.core.script import CallScript, ScriptError, SubjectScript
from kccdesk.core.script_library import ScriptLibrary
from kccdesk.core.simline import Scheduler, SimulatedLine
from kccdesk.core.subjects import SubjectList, SubjectListError, load_subjects
from kccdesk.i18n import _, set_language
from kccdesk.paths import Profile, default_profile
from kccdesk.resources import resource_path
from kccdesk.settings import Settings, SettingsError, load_settings, save_settings, settings_exist
from kccdesk.store import Database, DatabaseError, open_database

log = logging.getLogger(__name__)



class StartupError(Exception):
    """The app cannot start; the message says why in plain words."""


@dataclass
class Workstation:
    """Everything the window needs, set up from one profile."""

    profile: Profile
    settings: Settings
    db: Database
    script: CallScript
    subjects: SubjectList | None = None
    subject_scripts: dict[str, SubjectScript] = field(default_factory=dict)
    script_problems: str = ""  # the municipality's own script files that were left out, and why


def prepare(profile: Profile, demo: bool) -> Workstation:
    """Read settings, open (and migrate) the database, load the script."""
    from kccdesk import demo as demo_data

    if demo and not settings_exist(profile.settings_file):
        save_settings(profile.settings_file, demo_data.demo_settings())
    try:
        settings = load_settings(profile.settings_file)
    except SettingsError as exc:
        raise StartupError(_("The settings cannot be read: {error}").format(error=exc)) from exc
    set_language(settings.workstation.language)
    try:
        db = open_database(settings.database.url, profile.database_file)
    except DatabaseError as exc:
        raise StartupError(_("The database cannot be opened: {error}").format(error=exc)) from exc
    if demo:
        demo_data.seed(db)
    library = ScriptLibrary([resource_path("scripts"), profile.config_dir / "scripts"])
    try:
        script = library.main_script(settings.scripts.set)
        subject_scripts = library.subjects()
    except ScriptError as exc:
        db.close()
        raise StartupError(_("The call script cannot be read: {error}").format(error=exc)) from exc
    subjects_file = settings.registration.subjects_file
    try:
        subjects = load_subjects(Path(subjects_file) if subjects_file else resource_path("subjects", "upl.csv"))
    except SubjectListError as exc:
        db.close()
        raise StartupError(_("The subject list cannot be read: {error}").format(error=exc)) from exc
    if library.problems:
        log.warning("call scripts left out: %s", library.problem_text())
    return Workstation(profile, settings, db, script, subjects, subject_scripts, library.problem_text())


def build_desk(settings: Settings, clock: Clock, scheduler: Scheduler | None) -> tuple[Desk, Line]:
    rings = settings.rings
    if settings.line.kind == "sip":
        from kccdesk.sip.setup import line_from_settings

        line: Line = line_from_settings(settings.sip)
    else:
        line = SimulatedLine(clock, scheduler)
    desk = Desk(
        line,
        clock,
        RingCadence(rings.tone_seconds, rings.silence_seconds),
        RingNorm(rings.max_rings),
    )
    return desk, line


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
    from PySide6.QtWidgets import QApplication, QMessageBox

    app = QApplication.instance() or QApplication(sys.argv)  # a dialog needs one
    box = QMessageBox(QMessageBox.Icon.Critical, "kccdesk", message)
    box.setTextFormat(Qt.TextFormat.PlainText)  # the message may quote a hand-edited file
    box.exec()
    app.processEvents()


def run_app(demo: bool) -> int:
    profile = default_profile()
    if demo:
        profile = profile.demo()
    elif not settings_exist(profile.settings_file) and can_show_windows():
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
    from kccdesk.sip.account import AccountError
    from kccdesk.ui.application import run_window

    log.info("kccdesk starts%s", " in demo mode" if demo else "")
    try:
        return run_window(workstation, SystemClock(), demo)
    except AccountError as exc:
        report(_("The SIP line cannot start: {error}").format(error=exc))
        return 2
