"""The files that put kccdesk on a desktop are valid for the real tools."""

import shutil
import subprocess
from pathlib import Path

import pytest

PACKAGING = Path(__file__).resolve().parent.parent / "packaging"
DESKTOP_ENTRY = PACKAGING / "linux" / "nl.kccdesk.kccdesk.desktop"
METAINFO = PACKAGING / "linux" / "nl.kccdesk.kccdesk.metainfo.xml"


def test_desktop_entry_is_valid():
    validator = shutil.which("desktop-file-validate")
    if validator is None:
        pytest.fail("desktop-file-validate is missing: run packaging/debian/test-packages.sh")
    result = subprocess.run([validator, str(DESKTOP_ENTRY)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.strip() == "", result.stdout  # no warnings either


def test_the_desktop_entry_names_the_icon_that_ships_and_it_draws(qapp):
    from PySide6.QtGui import QIcon

    from kccdesk import resource_path

    entry = (DESKTOP_ENTRY).read_text(encoding="utf-8")
    name = next(line.split("=", 1)[1] for line in entry.splitlines() if line.startswith("Icon="))
    icon = QIcon(str(resource_path("icons", f"{name}.svg")))
    image = icon.pixmap(64, 64).toImage()
    assert not image.isNull()
    assert image.pixelColor(32, 8).name() == "#2f6fd0"  # the blue tile, drawn


def test_the_appstream_data_is_valid_and_names_the_desktop_entry_and_this_version():
    validator = shutil.which("appstreamcli")
    if validator is None:
        pytest.fail("appstreamcli is missing: run packaging/debian/test-packages.sh")
    result = subprocess.run([validator, "validate", "--no-net", str(METAINFO)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    from xml.etree import ElementTree

    from kccdesk import __version__

    document = ElementTree.parse(METAINFO).getroot()
    assert document.findtext("launchable") == DESKTOP_ENTRY.name  # the menu entry it describes
    assert document.find("releases/release").get("version") == __version__  # release notes for this version


def test_the_windows_installer_script_compiles_for_a_silent_install(tmp_path):
    """makensis (Debian's nsis) builds the installer around a placeholder
    payload: the script's syntax, its pages and its uninstaller are checked
    here; the real payload is the frozen app built on Windows."""
    import sys

    makensis = shutil.which("makensis")
    if makensis is None:
        pytest.fail("makensis is missing: run packaging/debian/test-packages.sh")
    icon = tmp_path / "kccdesk.ico"
    drawn = subprocess.run(
        [sys.executable, str(PACKAGING / "windows" / "make_icon.py"), str(icon)], capture_output=True, text=True
    )
    assert drawn.returncode == 0, drawn.stderr
    assert icon.read_bytes()[:4] == b"\0\0\1\0"  # an icon resource
    payload = tmp_path / "payload"
    payload.mkdir()
    (payload / "kccdesk.exe").write_bytes(b"MZ placeholder")
    installer = tmp_path / "kccdesk-0.0.0-windows-x64.exe"
    built = subprocess.run(
        [makensis, "-V2", "-WX", "-DVERSION=0.0.0", f"-DPAYLOAD={payload}", f"-DICON={icon}",
         f"-DOUTFILE={installer}", str(PACKAGING / "windows" / "kccdesk.nsi")],
        capture_output=True, text=True,
    )  # fmt: skip
    assert built.returncode == 0, built.stdout + built.stderr  # warnings count as errors
    assert installer.read_bytes()[:2] == b"MZ"
    script = (PACKAGING / "windows" / "kccdesk.nsi").read_text(encoding="utf-8")
    boxes = [line for line in script.splitlines() if line.strip().startswith("MessageBox")]
    assert boxes and all("/SD " in line for line in boxes)  # a silent install never waits for a click
    assert "QuietUninstallString" in script and "/PROFILE=" in script
