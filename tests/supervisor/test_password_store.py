"""A password store that fails says so in plain words, as a real process: the
encrypted-file store (keyrings.cryptfile, the real one) asks for its own
password, and kccdesk runs with no terminal to type it on. No traceback, a
non-zero exit, nothing reported as stored that was not, no settings written."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from kccdesk.config.paths import default_profile

PROFILE = """\
[line]
kind = "sip"

[sip]
registrar = "sip:127.0.0.1:5060"
user = "kcc-12"
"""


@pytest.fixture
def encrypted_file_store(tmp_path: Path) -> dict[str, str]:
    home = tmp_path / "home"
    home.mkdir()
    return dict(
        os.environ,
        HOME=str(home),
        XDG_DATA_HOME=str(home / ".local" / "share"),
        PYTHON_KEYRING_BACKEND="keyrings.cryptfile.cryptfile.CryptFileKeyring",
    )


def kccdesk(env: dict[str, str], *args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "kccdesk", *args],
        input=stdin,
        stdin=None if stdin is not None else subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=60,
        env=env,
    )


def test_provision_with_a_store_asking_for_its_password_stores_nothing_and_says_why(
    encrypted_file_store, tmp_path: Path
) -> None:
    profile = tmp_path / "werkplek.toml"
    profile.write_text(PROFILE, encoding="utf-8")
    env = {**encrypted_file_store, "KCCDESK_SIP_PASSWORD": "geheim-1234"}
    result = kccdesk(env, "provision", str(profile))
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert "De wachtwoordopslag" in result.stderr
    assert "hier is geen terminal om dat in te typen" in result.stderr
    assert "bewaard" not in result.stdout  # nothing claimed as stored
    assert not default_profile().settings_file.exists()  # and no settings written


def test_secret_set_with_a_piped_value_and_a_store_asking_for_its_password(encrypted_file_store) -> None:
    result = kccdesk(encrypted_file_store, "secret", "set", "api-token", stdin="token-uit-een-pijp\n")
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    assert "hier is geen terminal om dat in te typen" in result.stderr
