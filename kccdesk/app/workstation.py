"""The workstation the window runs on: settings read, database opened and
migrated, scripts and the subject list loaded, the desk on its line.

Nothing starts half-configured: a broken settings file, database or script
stops the start with a message that names the file and the problem.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from kccdesk import resource_path
from kccdesk.config.paths import Profile
from kccdesk.config.settings import (
    Settings,
    SettingsError,
    load_settings,
    save_settings,
    settings_exist,
)
from kccdesk.core.callback_questions import QuestionSets
from kccdesk.core.desk import Desk
from kccdesk.core.rings import RingCadence, RingNorm
from kccdesk.i18n import _, set_language

if TYPE_CHECKING:  # only what the settings and the line need is loaded before the line registers
    from subprocess import Popen

    from kccdesk.core.clock import Clock
    from kccdesk.core.line import Line
    from kccdesk.core.links import QuickLink
    from kccdesk.core.script import CallScript, SubjectScript
    from kccdesk.core.subjects import SubjectList
    from kccdesk.demo.line import Scheduler
    from kccdesk.store import Database

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
    subjects: SubjectList
    subject_scripts: dict[str, SubjectScript] = field(default_factory=dict)
    script_problems: str = ""  # the municipality's own script files that were left out, and why
    links: list[QuickLink] = field(default_factory=list)  # the quick links (Ctrl+G)
    callback_questions: QuestionSets = field(default_factory=QuestionSets)  # per subject, in a callback request


def prepare(profile: Profile, demo: bool) -> Workstation:
    """Read settings, open (and migrate) the database, load the script."""
    return open_workstation(profile, read_settings(profile, demo), demo)


def read_settings(profile: Profile, demo: bool) -> Settings:
    """The settings, checked in full, and the screen's language set from them
    (the demo's own settings written on its first start)."""
    if demo and not settings_exist(profile.settings_file):
        from kccdesk.demo import people as demo_data

        save_settings(profile.settings_file, demo_data.demo_settings())
    try:
        settings = load_settings(profile.settings_file)
    except SettingsError as exc:
        raise StartupError(_("The settings cannot be read: {error}").format(error=exc)) from exc
    set_language(settings.workstation.language)
    return settings


def open_workstation(profile: Profile, settings: Settings, demo: bool) -> Workstation:
    """Open (and migrate) the database, load the scripts and the subject list.
    (Loaded here, not with the settings: a SIP line registers in between.)"""
    from kccdesk.content.script_library import ScriptLibrary
    from kccdesk.content.scripts import ScriptError
    from kccdesk.content.subjects import SubjectListError, configured_subjects
    from kccdesk.store import DatabaseError, open_database

    try:
        db = open_database(settings.database.url, profile.database_file)
    except DatabaseError as exc:
        raise StartupError(_("The database cannot be opened: {error}").format(error=exc)) from exc
    if demo:
        from kccdesk.demo import people as demo_data

        demo_data.seed(db)
        from kccdesk.services.knowledge import load_demo_set

        load_demo_set(db)
    library = ScriptLibrary([resource_path("scripts"), profile.config_dir / "scripts"])
    try:
        script = library.main_script(settings.scripts.set)
        subject_scripts = library.subjects()
    except ScriptError as exc:
        db.close()
        raise StartupError(_("The call script cannot be read: {error}").format(error=exc)) from exc
    subjects_file = settings.registration.subjects_file
    try:
        subjects = configured_subjects(subjects_file)
    except SubjectListError as exc:
        db.close()
        raise StartupError(_("The subject list cannot be read: {error}").format(error=exc)) from exc
    if library.problems:
        log.warning("call scripts left out: %s", library.problem_text())
    workstation = Workstation(profile, settings, db, script, subjects, subject_scripts, library.problem_text())
    workstation.links = quick_links(profile, demo)
    workstation.callback_questions = callback_questions(profile)
    return workstation


def callback_questions(profile: Profile) -> QuestionSets:
    """The questions a callback request asks per subject (shipped, and the
    municipality's own beside the settings). A broken file is left out, said
    in the log: the other sets and the form work without it."""
    from kccdesk.content.callback_questions import FOLDER, load_question_sets, problem_text

    sets, problems = load_question_sets([resource_path(FOLDER), profile.config_dir / FOLDER])
    if problems:
        log.warning("callback questions left out: %s", problem_text(problems))
    return sets


def quick_links(profile: Profile, demo: bool) -> list[QuickLink]:
    """The municipality's quick links (links.toml beside the settings; the
    demo's own in the demo). A broken file leaves them out, said in the log:
    the window works without them."""
    from kccdesk.content.links import LinksError, load_links

    path = profile.config_dir / "links.toml"
    if not path.exists():
        path = resource_path("links", "links.toml") if demo else path
    if not path.exists():
        return []
    try:
        return load_links(path)
    except LinksError as error:
        log.warning("the quick links are left out: %s", error)
        return []


def build_desk(
    settings: Settings, clock: Clock, scheduler: Scheduler | None, sip_process: Popen[bytes] | None = None
) -> tuple[Desk, Line]:
    """The desk on the line of the settings; a SIP line takes ``sip_process``
    when one was started ahead (and ends it when it is not a SIP line)."""
    rings = settings.rings
    if settings.line.kind == "sip":
        from kccdesk.sip.setup import line_from_settings

        try:
            line: Line = line_from_settings(settings.sip, process=sip_process)
        except BaseException:
            _end(sip_process)
            raise
    else:
        from kccdesk.demo.line import SimulatedLine

        _end(sip_process)
        line = SimulatedLine(clock, scheduler)
    desk = Desk(
        line,
        clock,
        RingCadence(rings.tone_seconds, rings.silence_seconds),
        RingNorm(rings.max_rings),
    )
    return desk, line


def _end(sip_process: Popen[bytes] | None) -> None:
    if sip_process is not None:
        from kccdesk.sip.line import end_process

        end_process(sip_process)
