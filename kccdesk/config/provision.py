"""Applying a workstation profile: the settings a supervisor rolls out to
many workstations, in the same TOML form as the settings file.

A profile holds no secrets. The SIP password, the API token and the case
system's client secret come from the environment variables in SECRET_ENV
(or a prompt on a terminal) and go to the keyring. A profile only sets what
it names: settings it leaves out keep their value on the workstation (the
agent's name, say). Applying the same profile twice changes nothing the
second time.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kccdesk.config.lock import changed_settings, flatten
from kccdesk.config.secrets import NoKeyringError, SecretStoreError, get_secret, set_secret
from kccdesk.config.settings import (
    Settings,
    SettingsError,
    load_settings,
    locate_key,
    save_settings,
)
from kccdesk.i18n import _

SECRET_ENV = {
    "sip-password": "KCCDESK_SIP_PASSWORD",
    "api-token": "KCCDESK_API_TOKEN",
    "zaken-secret": "KCCDESK_ZAKEN_SECRET",
    "objects-token": "KCCDESK_OBJECTS_TOKEN",
}
_SECRET_KEY = re.compile(r"password|passwd|wachtwoord|token|secret|geheim", re.IGNORECASE)

Ask = Callable[[str], str | None]


@dataclass(frozen=True)
class Change:
    name: str
    before: Any
    after: Any


@dataclass
class Plan:
    settings: Settings
    changes: list[Change]
    secrets: dict[str, str] = field(default_factory=dict)  # to store: differ from the keyring
    secret_sources: dict[str, str] = field(default_factory=dict)  # name → where it came from
    missing_secrets: list[str] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not self.changes and not self.secrets


def read_profile(path: Path) -> dict[str, Any]:
    """The profile's document, checked in full. Raises SettingsError with the line."""
    if not path.is_file():
        raise SettingsError(path, None, _("there is no such file"))
    text = path.read_text(encoding="utf-8-sig")
    try:
        document = tomllib.loads(text)
    except tomllib.TOMLDecodeError:
        document = {}  # load_settings below names the line
    for section, values in document.items():
        for key in values if isinstance(values, dict) else ():
            if _SECRET_KEY.search(key):
                raise SettingsError(
                    path,
                    locate_key(text, (section, key)),
                    _("{key}: a profile holds no secrets; give them with the environment variables {variables}").format(
                        key=f"{section}.{key}", variables=", ".join(SECRET_ENV.values())
                    ),
                )
    load_settings(path)  # every key and value checked, errors with their line
    return document


def plan(profile: Path, current: Settings, env: Mapping[str, str], ask: Ask | None = None) -> Plan:
    document = read_profile(profile)
    merged = current.model_dump()
    for section, values in document.items():
        merged[section].update(values)
    new = Settings.model_validate(merged)
    before, after = flatten(current), flatten(new)
    result = Plan(new, [Change(n, before[n], after[n]) for n in changed_settings(current, new)])
    for name in needed_secrets(new):
        variable = SECRET_ENV[name]
        value = env.get(variable) or None
        source = variable
        if value is None and ask is not None:
            value, source = ask(name), _("typed in")
        if value is None:
            if _stored(name) is None:
                result.missing_secrets.append(name)
        elif _stored(name) != value:
            result.secrets[name] = value
            result.secret_sources[name] = source
    return result


class ProvisionStopped(Exception):
    """The password store refused a secret: what was stored before it is
    named, and no settings were written."""

    def __init__(self, stored: list[str], error: Exception) -> None:
        super().__init__(str(error))
        self.stored = stored
        self.error = error


def apply(result: Plan, settings_file: Path) -> list[str]:
    """Secrets first, then the settings; returns the secrets stored. When the
    store refuses one, ProvisionStopped names those stored before it, and no
    settings are written."""
    stored: list[str] = []
    for name, value in result.secrets.items():
        try:
            set_secret(name, value)
        except (NoKeyringError, SecretStoreError) as error:
            raise ProvisionStopped(stored, error) from error
        stored.append(name)
    if result.changes or not settings_file.exists():
        save_settings(settings_file, result.settings)
    return stored


def _stored(name: str) -> str | None:
    """The stored secret; None also without a keyring (applying then says so)."""
    try:
        return get_secret(name)
    except NoKeyringError:
        return None


def needed_secrets(settings: Settings) -> list[str]:
    names = []
    if settings.sip.user:
        names.append("sip-password")
    if settings.sinks.klantinteracties_url or settings.records.openklant_url:
        names.append("api-token")
    if settings.cases.zaken_url:
        names.append("zaken-secret")
    if settings.knowledge.objects_url:
        names.append("objects-token")
    return names
