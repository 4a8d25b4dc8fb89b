"""Where kccdesk keeps its settings and its data.

The platform's directories (platformdirs) by default; the environment
variables KCCDESK_CONFIG_DIR and KCCDESK_DATA_DIR override them for every
command, so that tests and supervisors can point elsewhere.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import platformdirs

APP_NAME = "kccdesk"
CONFIG_ENV = "KCCDESK_CONFIG_DIR"
DATA_ENV = "KCCDESK_DATA_DIR"
SETTINGS_FILE = "settings.toml"
DATABASE_FILE = "kccdesk.sqlite3"


@dataclass(frozen=True)
class Profile:
    """The folders of one profile: the workstation's own, or the demo's."""

    config_dir: Path
    data_dir: Path

    @property
    def settings_file(self) -> Path:
        return self.config_dir / SETTINGS_FILE

    @property
    def database_file(self) -> Path:
        return self.data_dir / DATABASE_FILE

    @property
    def log_dir(self) -> Path:
        return self.data_dir / "logs"

    def demo(self) -> Profile:
        """The demo profile lives beside the real one and never touches it."""
        return Profile(self.config_dir / "demo", self.data_dir / "demo")


def default_profile() -> Profile:
    config = os.environ.get(CONFIG_ENV) or platformdirs.user_config_dir(APP_NAME, appauthor=False)
    data = os.environ.get(DATA_ENV) or platformdirs.user_data_dir(APP_NAME, appauthor=False)
    return Profile(Path(config), Path(data))
