"""``kccdesk provision``: a supervisor rolls one profile out to a workstation."""

from __future__ import annotations

from pathlib import Path

import pytest

from kccdesk import resource_path
from kccdesk.cli import main
from kccdesk.config.lock import LockedSettingError, check_agent_change, is_locked
from kccdesk.config.paths import default_profile
from kccdesk.config.secrets import get_secret
from kccdesk.config.settings import Settings, load_settings, save_settings

PROFILE = """\
[workstation]
municipality = "Voorbeeldstad"
mode = "trainee"

[line]
kind = "sip"

[sip]
registrar = "sip:127.0.0.1:5060"
user = "kcc-12"

[sinks]
webhook_url = "http://127.0.0.1:9/registraties"

[supervisor]
locked = ["sip.registrar", "sinks", "scripts"]
"""


@pytest.fixture
def profile_file(tmp_path: Path) -> Path:
    path = tmp_path / "werkplek.toml"
    path.write_text(PROFILE, encoding="utf-8")
    return path


@pytest.fixture
def settings_file() -> Path:
    return default_profile().settings_file


def test_apply_keeps_what_the_profile_leaves_out_and_stores_the_secret(
    profile_file, settings_file, monkeypatch, capsys
) -> None:
    save_settings(settings_file, Settings.model_validate({"workstation": {"agent_name": "Anna"}}))
    monkeypatch.setenv("KCCDESK_SIP_PASSWORD", "geheim-uit-de-omgeving")
    assert main(["provision", str(profile_file)]) == 0
    settings = load_settings(settings_file)
    assert settings.workstation.municipality == "Voorbeeldstad"
    assert settings.workstation.agent_name == "Anna"
    assert settings.workstation.mode == "trainee"
    assert (settings.sip.registrar, settings.sip.user) == ("sip:127.0.0.1:5060", "kcc-12")
    assert get_secret("sip-password") == "geheim-uit-de-omgeving"
    assert "geheim-uit-de-omgeving" not in settings_file.read_text(encoding="utf-8")
    out = capsys.readouterr().out
    assert 'sip.registrar: "" → "sip:127.0.0.1:5060"' in out
    assert "sip-password" in out and "KCCDESK_SIP_PASSWORD" in out
    assert "geheim-uit-de-omgeving" not in out


def test_applying_again_changes_nothing(profile_file, settings_file, monkeypatch, capsys) -> None:
    monkeypatch.setenv("KCCDESK_SIP_PASSWORD", "geheim")
    assert main(["provision", str(profile_file)]) == 0
    written = settings_file.stat().st_mtime_ns, settings_file.read_bytes()
    capsys.readouterr()
    assert main(["provision", str(profile_file)]) == 0
    assert "Niets te wijzigen" in capsys.readouterr().out
    assert (settings_file.stat().st_mtime_ns, settings_file.read_bytes()) == written


def test_dry_run_shows_the_changes_and_writes_nothing(profile_file, settings_file, monkeypatch, capsys) -> None:
    monkeypatch.setenv("KCCDESK_SIP_PASSWORD", "geheim")
    assert main(["provision", "--dry-run", str(profile_file)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Dit zou veranderen:")
    assert 'workstation.municipality: "" → "Voorbeeldstad"' in out
    assert not settings_file.exists()
    assert get_secret("sip-password") is None


@pytest.mark.parametrize(
    ("broken", "line", "says"),
    [
        ('[rings]\nmax_rings = 3\n\n[sip]\nport = "vijf"\n', 5, "sip.port"),
        ('[workstation]\nmunicipality = "Stad\n', 2, "TOML"),
        ('[workstation]\nmunicipality = "Stad"\n[sip]\npassword = "geheim"\n', 4, "KCCDESK_SIP_PASSWORD"),
        ('[supervisor]\nlocked = ["sip.registrar", "sip.wachtwoord"]\n', 2, "supervisor.locked"),
    ],
)
def test_a_broken_profile_names_the_line_and_changes_nothing(
    tmp_path, settings_file, monkeypatch, capsys, broken, line, says
) -> None:
    before = Settings.model_validate({"workstation": {"agent_name": "Anna"}})
    save_settings(settings_file, before)
    content = settings_file.read_bytes()
    monkeypatch.setenv("KCCDESK_SIP_PASSWORD", "geheim")
    profile = tmp_path / "kapot.toml"
    profile.write_text(broken, encoding="utf-8")
    assert main(["provision", str(profile)]) == 1
    err = capsys.readouterr().err
    assert err.startswith("Er is niets gewijzigd.")
    assert f"{profile}, regel {line}" in err
    assert says in err
    assert settings_file.read_bytes() == content
    assert get_secret("sip-password") is None


def test_the_sample_profile_applies(settings_file, monkeypatch) -> None:
    monkeypatch.setenv("KCCDESK_API_TOKEN", "token-uit-de-omgeving")
    assert main(["provision", str(resource_path("provision", "voorbeeld.toml"))]) == 0
    assert load_settings(settings_file).workstation.municipality == "Voorbeeldstad"
    assert get_secret("api-token") == "token-uit-de-omgeving"


def test_locks_refuse_an_agents_change_of_a_locked_setting(profile_file, settings_file, monkeypatch) -> None:
    monkeypatch.setenv("KCCDESK_SIP_PASSWORD", "geheim")
    assert main(["provision", str(profile_file)]) == 0
    settings = load_settings(settings_file)
    assert is_locked(settings, "sip.registrar") and is_locked(settings, "sinks.webhook_url")
    assert not is_locked(settings, "sip.user")
    own_name = settings.model_copy(
        update={"workstation": settings.workstation.model_copy(update={"agent_name": "Bram"})}
    )
    check_agent_change(settings, own_name)  # not locked: allowed
    other_pbx = settings.model_copy(update={"sip": settings.sip.model_copy(update={"registrar": "sip:elders"})})
    with pytest.raises(LockedSettingError, match=r"sip\.registrar"):
        check_agent_change(settings, other_pbx)
    unlocked = settings.model_copy(update={"supervisor": settings.supervisor.model_copy(update={"locked": []})})
    with pytest.raises(LockedSettingError, match=r"supervisor\.locked"):
        check_agent_change(settings, unlocked)


def test_an_api_address_that_does_not_answer_like_the_api_is_warned_about(tmp_path, monkeypatch, capsys) -> None:
    from tests.support.klantinteracties_server import TOKEN, KlantinteractiesServer

    with KlantinteractiesServer() as api:
        root = api.base_url.removesuffix("/klantinteracties/api/v1")  # the path forgotten
        profile = tmp_path / "api.toml"
        profile.write_text(f'[sinks]\nklantinteracties_url = "{root}"\n', encoding="utf-8")
        monkeypatch.setenv("KCCDESK_API_TOKEN", TOKEN)
        assert main(["provision", str(profile)]) == 0  # a warning: the supervisor may know better
        err = capsys.readouterr().err
        assert f"Waarschuwing: {root} antwoordt niet zoals de API voor registraties." in err
        assert "HTTP 404" in err

        profile.write_text(f'[sinks]\nklantinteracties_url = "{api.base_url}"\n', encoding="utf-8")
        assert main(["provision", str(profile)]) == 0
        assert "Waarschuwing" not in capsys.readouterr().err
