"""``kccdesk dashboard``: the supervisor's dashboard in a window of its own."""

from __future__ import annotations

import argparse
import sys

from kccdesk.config.paths import default_profile
from kccdesk.config.settings import SettingsError, load_settings
from kccdesk.i18n import _, set_language
from kccdesk.store import DatabaseError, open_database

EXIT_FAILED = 2


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "dashboard",
        help=_("show the supervisor's dashboard: the team's figures and charts"),
        description=_("Show the supervisor's dashboard: the team's figures against the KCC norms, with charts."),
    )
    parser.set_defaults(handler=_dashboard)


def _dashboard(args: argparse.Namespace) -> int:
    from kccdesk.app.start import can_show_windows, report

    profile = default_profile()
    try:
        settings = load_settings(profile.settings_file)
        set_language(settings.workstation.language)
        db = open_database(settings.database.url, profile.database_file)
    except (SettingsError, DatabaseError) as exc:
        report(str(exc))
        return EXIT_FAILED
    if not can_show_windows():
        db.close()
        report(_("kccdesk needs a screen: no display was found (DISPLAY or WAYLAND_DISPLAY is not set)."))
        return EXIT_FAILED
    from PySide6.QtWidgets import QApplication

    from kccdesk.ui.dashboard import Dashboard, team_stats
    from kccdesk.ui.style import style_application

    app = QApplication.instance() or QApplication(sys.argv)
    style_application(app)
    try:
        window = Dashboard(team_stats(db, settings))
        window.resize(1300, 820)
        window.show()
        return app.exec()
    finally:
        db.close()
