"""``kccdesk dashboard`` as a real process."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest


@pytest.mark.skipif(sys.platform != "linux", reason="only Linux can lack a display server")
def test_dashboard_without_a_screen_says_so() -> None:
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    result = subprocess.run(
        [sys.executable, "-m", "kccdesk", "dashboard"], capture_output=True, text=True, timeout=60, env=env
    )
    assert result.returncode == 2
    assert "kccdesk heeft een beeldscherm nodig" in result.stderr


def test_dashboard_help_is_dutch() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "kccdesk", "dashboard", "--help"], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0
    assert "Toon het dashboard van de supervisor" in result.stdout
