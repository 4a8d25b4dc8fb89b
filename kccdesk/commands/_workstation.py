"""What the commands that read or write the store open first: this
workstation's settings and its database; None (and why, on stderr) when
either cannot be opened."""

from __future__ import annotations

import sys

from kccdesk.config.paths import default_profile
from kccdesk.config.settings import Settings, SettingsError, load_settings
from kccdesk.store import Database, DatabaseError, open_database


def open_workstation() -> tuple[Settings, Database] | None:
    profile = default_profile()
    try:
        settings = load_settings(profile.settings_file)
        return settings, open_database(settings.database.url, profile.database_file)
    except (SettingsError, DatabaseError) as error:
        print(error, file=sys.stderr)
        return None
