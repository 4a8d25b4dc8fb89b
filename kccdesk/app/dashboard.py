"""``kccdesk dashboard``: the supervisor's dashboard in a window of its own,
on the workstation's database and subject list, with the news published
under the workstation's agent name."""

from __future__ import annotations

from kccdesk.app.report import can_show_windows, report
from kccdesk.config.paths import default_profile
from kccdesk.config.settings import SettingsError, load_settings
from kccdesk.content.subjects import SubjectListError, configured_subjects
from kccdesk.core.clock import SystemClock
from kccdesk.i18n import _, set_language
from kccdesk.outbox.service import Outbox
from kccdesk.services.deliveries import Deliveries
from kccdesk.services.figures import TeamStats
from kccdesk.services.news import NewsDesk
from kccdesk.store import DatabaseError, open_database

EXIT_FAILED = 2


def run_dashboard() -> int:
    profile = default_profile()
    try:
        settings = load_settings(profile.settings_file)
        set_language(settings.workstation.language)
        subjects = configured_subjects(settings.registration.subjects_file)
        db = open_database(settings.database.url, profile.database_file)
    except (SettingsError, SubjectListError, DatabaseError) as exc:
        report(str(exc))
        return EXIT_FAILED
    if not can_show_windows():
        db.close()
        report(_("kccdesk needs a screen: no display was found (DISPLAY or WAYLAND_DISPLAY is not set)."))
        return EXIT_FAILED

    from kccdesk.app.pyside_feature_scan import skip_feature_scan
    from kccdesk.ui.style import application, style_application  # PySide6, before the charts

    skip_feature_scan()
    from kccdesk.ui.dashboard import Dashboard
    from kccdesk.ui.screen_fit import fit_to_screen

    app = application()
    style_application(app, settings.workstation.text_size)
    try:
        deliveries = Deliveries(Outbox(db, settings.sinks))  # read only: not started
        window = Dashboard(
            TeamStats(db, subjects, settings.rings.max_rings),
            refusals=lambda: deliveries.refresh().refusals,
            news=NewsDesk(db, SystemClock(), settings.workstation.agent_name),
        )
        fit_to_screen(window, 1300, 820)
        window.show()
        return app.exec()
    finally:
        db.close()
