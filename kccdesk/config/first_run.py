"""What the first-run wizard asks, turned into settings and secrets.

Nothing is written until the wizard is finished: ``save_first_run`` stores
the secrets in the keyring first and then writes the settings file in one
go, so a cancelled wizard or a refused keyring leaves nothing half-written.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from kccdesk import resource_path
from kccdesk.config.lock import check_agent_change
from kccdesk.config.secrets import set_secret
from kccdesk.config.settings import Settings, save_settings

LANGUAGE_RULES = "taalregels"  # resources/scripts holds the language rules beside the script sets


@dataclass
class Answers:
    municipality: str = ""
    agent_name: str = ""
    registrar: str = ""
    sip_user: str = ""
    sip_password: str = ""
    input_device: str | int = ""  # "" for the system's default
    output_device: str | int = ""
    ringtone_device: str | int = ""
    record_sources: list[str] = field(default_factory=lambda: ["local"])
    openklant_url: str = ""
    klantinteracties_url: str = ""
    webhook_url: str = ""
    api_token: str = ""
    script_set: str = "standaard"
    mode: str = "agent"
    text_size: int = 100  # percent of the system's text size


def settings_from(answers: Answers, base: Settings) -> Settings:
    """``base`` with the answers in it; raises pydantic's ValidationError for a bad value."""
    data = base.model_dump()
    data["workstation"].update(
        municipality=answers.municipality.strip(),
        agent_name=answers.agent_name.strip(),
        mode=answers.mode,
        text_size=answers.text_size,
    )
    data["sip"].update(
        registrar=answers.registrar.strip(),
        user=answers.sip_user.strip(),
        input_device=answers.input_device,
        output_device=answers.output_device,
        ringtone_device=answers.ringtone_device,
    )
    data["line"]["kind"] = "sip" if answers.registrar.strip() and answers.sip_user.strip() else "simulated"
    data["records"].update(sources=answers.record_sources or ["local"], openklant_url=answers.openklant_url.strip())
    data["sinks"].update(
        klantinteracties_url=answers.klantinteracties_url.strip(), webhook_url=answers.webhook_url.strip()
    )
    data["scripts"]["set"] = answers.script_set
    return Settings.model_validate(data)


def save_first_run(answers: Answers, base: Settings, settings_file: Path) -> Settings:
    """Secrets to the keyring, then the settings file. Raises LockedSettingError,
    NoKeyringError or SecretStoreError before anything is written."""
    settings = settings_from(answers, base)
    check_agent_change(base, settings)
    if answers.sip_password:
        set_secret("sip-password", answers.sip_password)
    if answers.api_token:
        set_secret("api-token", answers.api_token)
    save_settings(settings_file, settings)
    return settings


def script_sets() -> list[str]:
    return sorted(p.stem for p in resource_path("scripts").glob("*.toml") if p.stem != LANGUAGE_RULES)
