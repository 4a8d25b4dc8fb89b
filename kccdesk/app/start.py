"""Starting the app: the first-run wizard, then the window; a start that
cannot go on says why in plain words."""

from __future__ import annotations

from kccdesk.app.report import can_show_windows, report
from kccdesk.config.early import read_early
from kccdesk.config.paths import default_profile
from kccdesk.i18n import _, set_language

FAILED = 2


def run_app(demo: bool) -> int:
    profile = default_profile()
    if demo:
        profile = profile.demo()
    elif not profile.settings_file.is_file() and can_show_windows():
        from kccdesk.app.password_store import open_password_store
        from kccdesk.ui.wizard import run_first_run

        open_password_store(wizard_follows=True)  # a new encrypted-file store gets its password first
        run_first_run(profile)  # cancelled: nothing is written, the app starts with the defaults
    if not can_show_windows():
        from kccdesk.app.workstation import StartupError, prepare

        try:
            prepare(profile, demo).db.close()
        except StartupError as exc:
            report(str(exc))
            return FAILED
        report(_("kccdesk needs a screen: no display was found (DISPLAY or WAYLAND_DISPLAY is not set)."))
        return FAILED
    early = read_early(profile.settings_file)
    set_language(early.language)
    from kccdesk.app.lifecycle import run_window

    return run_window(profile, demo, early)
