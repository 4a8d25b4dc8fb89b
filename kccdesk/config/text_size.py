"""The text size the agent chooses in the window (Ctrl++, Ctrl+-, Ctrl+0):
its steps, and keeping it in the settings file for the next start."""

from __future__ import annotations

from pathlib import Path

from kccdesk.config.lock import check_agent_change
from kccdesk.config.settings import Settings, load_settings, save_settings

NORMAL = 100
STEPS = (100, 125, 150, 175, 200)  # percent of the system's text size; the settings file takes any in between


def larger(size: int) -> int:
    return next((step for step in STEPS if step > size), STEPS[-1])


def smaller(size: int) -> int:
    return next((step for step in reversed(STEPS) if step < size), STEPS[0])


def normal(_size: int) -> int:
    return NORMAL


def save_text_size(settings_file: Path, size: int) -> None:
    """Write ``size`` to the settings file as it is now. Raises
    LockedSettingError when the supervisor has locked it, SettingsError when
    the file cannot be read, OSError when it cannot be written, pydantic's
    ValidationError for a size out of range."""
    settings = load_settings(settings_file)
    data = settings.model_dump()
    data["workstation"]["text_size"] = size
    changed = Settings.model_validate(data)
    check_agent_change(settings, changed)
    save_settings(settings_file, changed)
