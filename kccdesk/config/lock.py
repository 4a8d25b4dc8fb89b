"""Settings a supervisor has locked (``supervisor.locked``).

A lock names a whole section ("sinks") or one setting ("sip.registrar").
Every write on behalf of an agent (the first-run wizard, a settings dialog)
goes through ``check_agent_change``; only ``kccdesk provision``, the
supervisor's own tool, may change a locked setting or the locks.
"""

from __future__ import annotations

from typing import Any

from kccdesk.config.settings import Settings
from kccdesk.i18n import _

LOCKS_KEY = "supervisor.locked"


class LockedSettingError(Exception):
    def __init__(self, names: list[str]) -> None:
        super().__init__(_("The supervisor has locked these settings: {names}").format(names=", ".join(names)))
        self.names = names


def is_locked(settings: Settings, name: str) -> bool:
    """Whether the setting ``name`` ("section.key") or its section is locked.
    The locks themselves are always locked for an agent."""
    section = name.partition(".")[0]
    locked = settings.supervisor.locked
    return name == LOCKS_KEY or section == "supervisor" or name in locked or section in locked


def flatten(settings: Settings) -> dict[str, Any]:
    """Every setting as "section.key" → value."""
    return {
        f"{section}.{key}": value for section, values in settings.model_dump().items() for key, value in values.items()
    }


def changed_settings(old: Settings, new: Settings) -> list[str]:
    before, after = flatten(old), flatten(new)
    return [name for name in after if before.get(name) != after[name]]


def check_agent_change(old: Settings, new: Settings) -> None:
    """Raise LockedSettingError when ``new`` changes a setting that ``old`` locks."""
    refused = [name for name in changed_settings(old, new) if is_locked(old, name)]
    if refused:
        raise LockedSettingError(refused)
