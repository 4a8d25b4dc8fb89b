"""The installed package, tried as IT and an agent would after
``apt-get install ./kccdesk_….deb``: the files where a desktop looks for
them, the frozen app (not the source tree) answering, its window opening,
and its SIP process registering at a real Kamailio with the password in
the desktop's real password store (GNOME Keyring on a D-Bus session of the
test's own)."""

from __future__ import annotations

import gzip
import os
import subprocess
from pathlib import Path
from xml.etree import ElementTree

import pytest

from kccdesk import __version__
from tests.sip.conftest import PASSWORD, USER, Kamailio
from tests.supervisor.test_secret_service import Desktop

pytestmark = pytest.mark.timeout(120)

APP_ID = "nl.kccdesk.kccdesk"
DESKTOP_ENTRY = Path(f"/usr/share/applications/{APP_ID}.desktop")
METAINFO = Path(f"/usr/share/metainfo/{APP_ID}.metainfo.xml")


def run(*command: str, env: dict[str, str] | None = None, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        list(command), input=stdin, capture_output=True, text=True, timeout=60, env=env, cwd="/",
        stdin=None if stdin is not None else subprocess.DEVNULL,
    )  # fmt: skip


def test_the_installed_command_is_the_frozen_app_of_this_version(installed):
    assert installed.resolve() == Path("/opt/kccdesk/kccdesk")
    result = run(str(installed), "--version")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"kccdesk {__version__}"
    files = run("dpkg", "-L", "kccdesk").stdout.split()
    assert "/opt/kccdesk/kccdesk" in files and "/usr/share/man/man1/kccdesk.1.gz" in files
    assert not [name for name in files if name.endswith(".py") and "migrations" not in name]  # frozen, not the source


def test_the_menu_entry_icon_and_appstream_data_are_valid(installed):
    assert run("desktop-file-validate", str(DESKTOP_ENTRY)).stdout == ""
    checked = run("appstreamcli", "validate", "--no-net", str(METAINFO))
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert ElementTree.parse(METAINFO).getroot().find("releases/release").get("version") == __version__
    assert Path("/usr/share/icons/hicolor/scalable/apps/kccdesk.svg").exists()
    manual = gzip.decompress(Path("/usr/share/man/man1/kccdesk.1.gz").read_bytes()).decode()
    assert ".TH KCCDESK" in manual and "\\-\\-demo" in manual  # help2man's page of --help


def test_the_demo_window_opens_and_stays(installed, tmp_path):
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", KCCDESK_START_PROBE="print")
    app = subprocess.Popen(
        [str(installed), "--demo"], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd="/"
    )
    try:
        assert app.stdout is not None
        seen: list[str] = []
        for line in app.stdout:  # up to the main window painted, all loaded (or the app's end)
            seen.append(line)
            if line.startswith("window-ready "):
                break
        assert seen[0].startswith("first-frame ") and seen[-1].startswith("window-ready "), seen
        with pytest.raises(subprocess.TimeoutExpired):  # and it keeps running: 5 s without ending
            app.wait(5)
    finally:
        app.terminate()
        _out, err = app.communicate(timeout=30)
    assert "Traceback" not in err, err


def test_the_dashboard_opens_with_its_charts(installed):
    """The supervisor's dashboard: pyqtgraph and numpy, frozen with the app."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    dashboard = subprocess.Popen(
        [str(installed), "dashboard"], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd="/"
    )
    try:
        with pytest.raises(subprocess.TimeoutExpired):  # it stays open: 5 s without ending
            dashboard.wait(5)
    finally:
        dashboard.terminate()
        _out, err = dashboard.communicate(timeout=30)
    assert "Traceback" not in err, err


def test_script_check_passes_on_the_shipped_scripts(installed):
    result = run(str(installed), "script", "check")
    assert result.returncode == 0, result.stdout + result.stderr


def test_a_provisioned_workstation_registers_through_the_frozen_sip_process(installed, tmp_path):
    desktop = Desktop(tmp_path)
    try:
        desktop.start_keyring(unlocked=True)
        with Kamailio(tmp_path / "kamailio") as kamailio:
            profile = tmp_path / "werkplek.toml"
            profile.write_text(f'[line]\nkind = "sip"\n\n[sip]\nregistrar = "{kamailio.registrar}"\nuser = "{USER}"\n')
            env = dict(desktop.env, KCCDESK_SIP_PASSWORD=PASSWORD)
            provisioned = run(str(installed), "provision", str(profile), env=env)
            assert provisioned.returncode == 0, provisioned.stderr
            assert "sip-password: bewaard" in provisioned.stdout  # in GNOME Keyring, through the frozen keyring
            tested = run(str(installed), "line", "test", env=desktop.env)
            assert tested.returncode == 0, tested.stdout + tested.stderr
            assert "pjproject 2.17 (kccdesk " in tested.stdout  # the own engine, frozen with the app
            assert f"sip:{USER}@127.0.0.1" in tested.stdout
    finally:
        desktop.stop()
