"""On a Linux desktop the passwords go to the desktop's own password store
through the Secret Service: here the real GNOME Keyring, on a D-Bus session
of the test's own, unlocked as a login does. kccdesk stores and reads there
without asking anything, and a locked store gives a plain message at once."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.supervisor.test_password_store import PROFILE

LOGIN_PASSWORD = "aanmeld-wachtwoord-93"


class Desktop:
    """A D-Bus session with GNOME Keyring on it, in a home of its own."""

    def __init__(self, root: Path) -> None:
        run = root / "run"
        run.mkdir(mode=0o700)
        home = root / "home"
        home.mkdir()
        self.home = home
        env = {k: v for k, v in os.environ.items() if k not in ("PYTHON_KEYRING_BACKEND", "DBUS_SESSION_BUS_ADDRESS")}
        self.env = dict(env, HOME=str(home), XDG_RUNTIME_DIR=str(run), XDG_DATA_HOME=str(home / ".local" / "share"))
        self.bus = subprocess.Popen(
            ["dbus-daemon", "--session", "--nofork", "--print-address=1"],
            stdout=subprocess.PIPE,
            text=True,
            env=self.env,
        )
        assert self.bus.stdout is not None
        self.env["DBUS_SESSION_BUS_ADDRESS"] = self.bus.stdout.readline().strip()
        self.keyring: subprocess.Popen[str] | None = None

    def start_keyring(self, unlocked: bool) -> None:
        """GNOME Keyring as a login starts it: unlocked with the login password, or locked."""
        args = ["gnome-keyring-daemon", "--foreground", "--components=secrets"]
        self.keyring = subprocess.Popen(
            [*args, "--unlock"] if unlocked else args,
            stdin=subprocess.PIPE,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            text=True,
            env=self.env,
        )
        assert self.keyring.stdin is not None
        if unlocked:
            self.keyring.stdin.write(LOGIN_PASSWORD)
        self.keyring.stdin.close()
        self._wait_for_the_store()

    def _wait_for_the_store(self) -> None:
        ask = [
            "dbus-send",
            "--session",
            "--print-reply",
            "--dest=org.freedesktop.DBus",
            "/org/freedesktop/DBus",
            "org.freedesktop.DBus.NameHasOwner",
            "string:org.freedesktop.secrets",
        ]
        for _ in range(500):  # a condition, not a time: at most a few seconds in all
            answer = subprocess.run(ask, capture_output=True, text=True, env=self.env, check=True)
            if "boolean true" in answer.stdout:
                return
            assert self.keyring is not None and self.keyring.poll() is None, "GNOME Keyring did not start"
        raise AssertionError("GNOME Keyring did not take its name on the bus")

    def stop_keyring(self) -> None:
        if self.keyring is not None:
            self.keyring.terminate()
            self.keyring.wait(timeout=10)
            self.keyring = None

    def stop(self) -> None:
        self.stop_keyring()
        self.bus.terminate()
        self.bus.wait(timeout=10)

    def kccdesk(self, *args: str, stdin: str | None = None, **env: str) -> subprocess.CompletedProcess[str]:
        return self.python("-m", "kccdesk", *args, stdin=stdin, **env)

    def python(self, *args: str, stdin: str | None = None, **env: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, *args],
            input=stdin,
            stdin=None if stdin is not None else subprocess.DEVNULL,
            capture_output=True,
            text=True,
            timeout=60,
            env={**self.env, **env},
        )

    def read_from_the_keyring(self, name: str) -> str:
        """What the desktop's store holds, read by the keyring library, as any program on the desktop would."""
        read = f"import keyring; print(keyring.get_password('kccdesk', '{name}:default'))"
        return self.python("-c", read).stdout.strip()


@pytest.fixture
def desktop(tmp_path: Path) -> Iterator[Desktop]:
    for program in ("dbus-daemon", "dbus-send", "gnome-keyring-daemon"):
        assert shutil.which(program), f"{program} is missing: run packaging/debian/test-packages.sh"
    session = Desktop(tmp_path)
    try:
        session.start_keyring(unlocked=True)
        yield session
    finally:
        session.stop()


def test_secret_set_stores_in_the_desktop_keyring_without_asking(desktop: Desktop) -> None:
    result = desktop.kccdesk("secret", "set", "sip-password", stdin="sip-geheim-4711\n")
    assert result.returncode == 0, result.stderr
    assert "SecretService" in result.stdout
    assert desktop.read_from_the_keyring("sip-password") == "sip-geheim-4711"
    status = desktop.kccdesk("secret", "status")
    assert "SecretService" in status.stdout
    assert not list(desktop.home.rglob("*.cfg"))  # no password file beside it


def test_provision_stores_in_the_desktop_keyring_and_kccdesk_reads_it_back(desktop: Desktop, tmp_path: Path) -> None:
    profile = tmp_path / "werkplek.toml"
    profile.write_text(PROFILE, encoding="utf-8")
    result = desktop.kccdesk("provision", str(profile), KCCDESK_SIP_PASSWORD="geheim-1234")
    assert result.returncode == 0, result.stderr
    assert "sip-password: bewaard" in result.stdout
    read = "from kccdesk.config.secrets import get_secret as g; print(g('sip-password'), g('api-token'))"
    answer = desktop.python("-c", read)  # as the app reads them at start: no store behind it is asked
    assert answer.stdout.split() == ["geheim-1234", "None"], answer.stderr


def test_a_locked_desktop_keyring_gives_a_plain_message_at_once(desktop: Desktop) -> None:
    assert desktop.kccdesk("secret", "set", "api-token", stdin="token-1\n").returncode == 0
    desktop.stop_keyring()
    desktop.start_keyring(unlocked=False)  # as after a login that did not unlock it
    result = desktop.kccdesk("secret", "set", "api-token", stdin="token-2\n")
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    assert "vergrendeld" in result.stderr and "Ontgrendel" in result.stderr
    assert "bewaard" not in result.stdout
