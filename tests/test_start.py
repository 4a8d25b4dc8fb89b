"""The start as an agent sees it, in real processes: the window is there at
once and the rest follows in its place; on a SIP line the SIP process is
started first and registers while the window is built. The start probe
(KCCDESK_START_PROBE) says when each is on the screen."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from kccdesk.config.early import EarlySettings, read_early
from tests.sip.conftest import PASSWORD, USER, Kamailio

ROOT = Path(__file__).resolve().parents[1]


def start(env: dict[str, str], *args: str) -> dict[str, float]:
    environment = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(ROOT), **env)
    result = subprocess.run(
        [sys.executable, "-m", "kccdesk", *args], env=environment, capture_output=True, text=True, timeout=90
    )
    assert result.returncode == 0, result.stderr
    stamps = dict(line.split(" ") for line in result.stdout.splitlines())
    return {what: float(at) for what, at in stamps.items()}


def test_the_window_is_painted_first_and_the_main_window_follows_in_its_place() -> None:
    stamps = start({"KCCDESK_START_PROBE": "frame"}, "--demo")
    assert stamps["first-frame"] < stamps["window-ready"]
    assert "line-ready" in stamps  # the demo line, ready with the window


def test_the_sip_line_registers_as_the_app_starts(tmp_path: Path) -> None:
    with Kamailio(tmp_path / "kamailio") as kamailio:
        config = Path(os.environ["KCCDESK_CONFIG_DIR"])
        config.mkdir(parents=True)
        (config / "settings.toml").write_text(
            f'[line]\nkind = "sip"\n\n[sip]\nregistrar = "{kamailio.registrar}"\nuser = "{USER}"\n', encoding="utf-8"
        )
        stamps = start(
            {
                "KCCDESK_START_PROBE": "ready",
                "PYTHON_KEYRING_BACKEND": "tests.support.keyring_env.EnvKeyring",
                "KCCDESK_TEST_SECRETS": json.dumps({"sip-password": PASSWORD}),
            }
        )
    assert stamps["first-frame"] < stamps["line-ready"]


def test_a_quick_look_at_the_settings_falls_back_to_the_defaults(tmp_path: Path) -> None:
    settings = tmp_path / "settings.toml"
    assert read_early(settings) == EarlySettings()  # no file yet
    settings.write_text('[workstation]\nlanguage = "en"\ntext_size = 150\n\n[line]\nkind = "sip"\n', encoding="utf-8")
    assert read_early(settings) == EarlySettings("en", 150, sip_line=True)
    settings.write_text('[workstation]\nlanguage = "fr"\ntext_size = true\nline = 3\n', encoding="utf-8")
    assert read_early(settings) == EarlySettings()  # the full check that follows names the mistakes
    settings.write_text("[workstation\n", encoding="utf-8")
    assert read_early(settings) == EarlySettings()
