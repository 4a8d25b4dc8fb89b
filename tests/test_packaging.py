"""The files that put kccdesk on a desktop are valid for the real tools."""

import shutil
import subprocess
from pathlib import Path

import pytest

PACKAGING = Path(__file__).resolve().parent.parent / "packaging"


def test_desktop_entry_is_valid():
    validator = shutil.which("desktop-file-validate")
    if validator is None:
        pytest.fail("desktop-file-validate is missing: run packaging/debian/test-packages.sh")
    result = subprocess.run(
        [validator, str(PACKAGING / "linux" / "kccdesk.desktop")], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.strip() == "", result.stdout  # no warnings either
