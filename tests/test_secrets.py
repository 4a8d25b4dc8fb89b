from __future__ import annotations

import argparse
import io
import os
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import keyring
import keyring.errors
import pytest
from keyring.backend import KeyringBackend
from keyring.backends import fail, null

import kccdesk
from kccdesk.cli import build_parser
from kccdesk.config.secrets import (
    NoKeyringError,
    SecretStoreError,
    delete_secret,
    get_secret,
    keyring_available,
    set_secret,
)
from tests.support.keyring_memory import MemoryKeyring

PASSWORD = "Zeer-geheim-7391"
# Names that stay the same in every translation of the message.
FIX_WORDS = ("gnome-keyring", "kwalletmanager", "keyrings.cryptfile", "PYTHON_KEYRING_BACKEND")


@contextmanager
def active_keyring(backend: KeyringBackend) -> Iterator[None]:
    previous = keyring.get_keyring()
    keyring.set_keyring(backend)
    try:
        yield
    finally:
        keyring.set_keyring(previous)


@pytest.fixture
def memory() -> Iterator[MemoryKeyring]:
    backend = MemoryKeyring()
    with active_keyring(backend):
        yield backend


@pytest.fixture
def no_keyring() -> Iterator[None]:
    with active_keyring(fail.Keyring()):
        yield


class LockedKeyring(MemoryKeyring):
    priority = 1  # below MemoryKeyring, so that keyring never picks it by itself

    asked = 0

    def get_password(self, service: str, username: str) -> str | None:
        self.asked += 1
        raise keyring.errors.KeyringLocked("Failed to unlock the collection!")


def run_handler(argv: list[str]) -> int:
    args: argparse.Namespace = build_parser(argv).parse_args(argv)
    return int(args.handler(args))


def test_set_get_delete(memory: MemoryKeyring) -> None:
    assert keyring_available()
    assert get_secret("sip-password") is None
    set_secret("sip-password", PASSWORD)
    set_secret("sip-password", "other", account="2001")
    assert get_secret("sip-password") == PASSWORD
    assert get_secret("sip-password", account="2001") == "other"
    assert get_secret("api-token") is None
    assert delete_secret("sip-password") is True
    assert get_secret("sip-password") is None
    assert delete_secret("sip-password") is False
    assert get_secret("sip-password", account="2001") == "other"


def test_secrets_are_kept_under_the_kccdesk_service(memory: MemoryKeyring) -> None:
    set_secret("api-token", PASSWORD)
    assert keyring.get_password("kccdesk", "api-token:default") == PASSWORD


def test_unknown_name_and_empty_value_are_refused(memory: MemoryKeyring) -> None:
    with pytest.raises(ValueError, match="sip-password"):
        set_secret("password", PASSWORD)
    with pytest.raises(ValueError):
        set_secret("api-token", "")
    assert memory.passwords == {}


def test_without_keyring_nothing_is_stored_and_the_fix_is_named(no_keyring: None) -> None:
    assert not keyring_available()
    with pytest.raises(NoKeyringError) as caught:
        set_secret("sip-password", PASSWORD)
    assert "no secure password store" in str(caught.value)
    for word in FIX_WORDS:
        assert word in str(caught.value)
    with pytest.raises(NoKeyringError):
        get_secret("sip-password")
    with pytest.raises(NoKeyringError):
        delete_secret("sip-password")


def test_null_backend_counts_as_no_keyring() -> None:
    with active_keyring(null.Keyring()):
        assert not keyring_available()
        with pytest.raises(NoKeyringError):
            get_secret("api-token")


class PlaintextKeyring(MemoryKeyring):
    """Looks like keyrings.alt's backend that writes secrets to a readable file."""

    priority = 0.5


PlaintextKeyring.__module__ = "keyrings.alt.file"


def test_plaintext_backend_is_refused_even_when_chosen() -> None:
    plaintext = PlaintextKeyring()
    with active_keyring(plaintext), pytest.raises(NoKeyringError):
        set_secret("sip-password", PASSWORD)
    assert plaintext.passwords == {}


def test_a_locked_store_says_what_to_do_and_is_asked_once_per_start() -> None:
    locked = LockedKeyring()
    with active_keyring(locked):
        with pytest.raises(SecretStoreError, match="it is locked") as first:
            get_secret("sip-password")
        assert "start kccdesk again" in str(first.value)
        with pytest.raises(SecretStoreError):
            get_secret("api-token")
        with pytest.raises(SecretStoreError):
            set_secret("api-token", "nieuw")
    assert locked.asked == 1  # a desktop store would have shown its unlock prompt once, not three times


def test_cli_set_from_env(
    memory: MemoryKeyring, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("PW", PASSWORD)
    assert run_handler(["secret", "set", "sip-password", "--account", "2001", "--from-env", "PW"]) == 0
    assert get_secret("sip-password", account="2001") == PASSWORD
    out = capsys.readouterr().out
    assert "saved in" in out and MemoryKeyring.name in out
    assert PASSWORD not in out


def test_cli_set_from_stdin(memory: MemoryKeyring, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdin", io.StringIO(PASSWORD + "\n"))
    assert run_handler(["secret", "set", "api-token"]) == 0
    assert get_secret("api-token") == PASSWORD


def test_cli_set_asks_twice_on_a_terminal(
    memory: MemoryKeyring, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    typed = iter([PASSWORD, PASSWORD + "x"])
    monkeypatch.setattr(sys.stdin, "isatty", lambda: True)
    monkeypatch.setattr("getpass.getpass", lambda prompt: next(typed))
    assert run_handler(["secret", "set", "sip-password"]) != 0
    assert memory.passwords == {}
    assert "nothing saved" in capsys.readouterr().err


def test_cli_set_with_missing_variable_saves_nothing(memory: MemoryKeyring, capsys: pytest.CaptureFixture[str]) -> None:
    os.environ.pop("KCCDESK_TEST_UNSET", None)
    assert run_handler(["secret", "set", "api-token", "--from-env", "KCCDESK_TEST_UNSET"]) != 0
    assert "KCCDESK_TEST_UNSET" in capsys.readouterr().err
    assert memory.passwords == {}


def test_cli_delete(memory: MemoryKeyring, capsys: pytest.CaptureFixture[str]) -> None:
    set_secret("api-token", PASSWORD)
    assert run_handler(["secret", "delete", "api-token"]) == 0
    assert get_secret("api-token") is None
    assert run_handler(["secret", "delete", "api-token"]) != 0


def test_cli_status(memory: MemoryKeyring, capsys: pytest.CaptureFixture[str]) -> None:
    assert run_handler(["secret", "status"]) == 0
    assert MemoryKeyring.name in capsys.readouterr().out


def test_cli_status_without_keyring(no_keyring: None, capsys: pytest.CaptureFixture[str]) -> None:
    assert run_handler(["secret", "status"]) == 2
    assert "keyrings.cryptfile" in capsys.readouterr().err


def test_cli_without_keyring_refuses_and_leaves_no_trace(tmp_path: Path) -> None:
    home, config, data = (tmp_path / name for name in ("home", "config", "data"))
    for folder in (home, config, data):
        folder.mkdir()
    env = {
        **os.environ,
        "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring",
        "KCCDESK_CONFIG_DIR": str(config),
        "KCCDESK_DATA_DIR": str(data),
        "HOME": str(home),
        "XDG_CONFIG_HOME": str(home / ".config"),
        "XDG_DATA_HOME": str(home / ".local" / "share"),
        "PYTHONPATH": str(Path(kccdesk.__file__).resolve().parent.parent),
        "PW": PASSWORD,
    }
    result = subprocess.run(
        [sys.executable, "-m", "kccdesk", "secret", "set", "sip-password", "--from-env", "PW"],
        env=env,
        cwd=tmp_path,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 2, result.stderr
    for word in FIX_WORDS:
        assert word in result.stderr
    assert PASSWORD not in result.stdout + result.stderr
    for path in tmp_path.rglob("*"):
        if path.is_file():
            assert PASSWORD.encode() not in path.read_bytes(), path
