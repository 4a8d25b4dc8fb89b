"""The command line as a supervisor uses it: a real process each time."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

import kccdesk

SCREEN = ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")


def run(*args, env=None):
    """Run kccdesk without a screen: messages go to stderr, no dialog waits."""
    base = {k: v for k, v in os.environ.items() if k not in SCREEN}
    return subprocess.run(
        [sys.executable, "-m", "kccdesk", *args],
        capture_output=True,
        text=True,
        timeout=60,
        env={**base, **(env or {})},
    )


def test_version():
    result = run("--version")
    assert result.returncode == 0
    assert result.stdout.strip() == f"kccdesk {kccdesk.__version__}"
    assert kccdesk.__version__ != "0+unknown"


def test_help_is_dutch_and_names_the_demo():
    result = run("--help")
    assert result.returncode == 0
    assert result.stdout.startswith("gebruik: kccdesk")
    assert "--demo" in result.stdout
    assert "toon deze hulp en stop" in result.stdout
    assert "klant" not in result.stdout.lower().replace("kcc", "")


HEAVY = ("pydantic", "sqlalchemy", "alembic", "httpx", "keyring", "PySide6", "kccdesk.sip.line", "kccdesk.store")


@pytest.mark.parametrize("args", [["--version"], ["--help"]])
def test_the_command_line_loads_only_what_the_command_runs(args):
    """--version and --help answer at once: nothing of the app, the database,
    the network or the phone line is loaded for them."""
    probe = (
        "import sys\nfrom kccdesk.cli import main\ntry:\n    main(sys.argv[1:])\nexcept SystemExit:\n    pass\n"
        f"print('LOADED', *sorted(m for m in {HEAVY!r} if m in sys.modules))"
    )
    result = subprocess.run([sys.executable, "-c", probe, *args], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[-1] == "LOADED"


def test_help_lists_every_command():
    commands = sorted(p.stem for p in (Path(kccdesk.__file__).parent / "commands").glob("[!_]*.py"))
    listed = run("--help").stdout
    for command in commands:
        assert f"    {command} " in listed or f"    {command}\n" in listed, command


def test_broken_settings_stop_the_start_with_file_and_line(tmp_path):
    config = tmp_path / "config"
    config.mkdir()
    settings = config / "settings.toml"
    settings.write_text(
        '[workstation]\nmunicipality = "Voorbeeldstad"\n\n[rings]\nmax_rings = "drie"\n', encoding="utf-8"
    )
    result = run(env={"KCCDESK_CONFIG_DIR": str(config)})
    assert result.returncode == 2
    assert str(settings) in result.stderr
    assert "regel 5" in result.stderr
    assert "max_rings" in result.stderr
    # nothing was started half-way: no database was made
    assert not (tmp_path / "data" / "kccdesk.sqlite3").exists()


@pytest.mark.skipif(sys.platform != "linux", reason="only Linux can lack a display server")
def test_app_without_a_screen_says_so():
    result = run("--demo")
    assert result.returncode == 2
    assert "beeldscherm" in result.stderr


def test_a_mistyped_command_line_is_answered_in_dutch():
    result = run("--demoo")
    assert result.returncode == 2
    assert result.stderr.startswith("gebruik: kccdesk")
    assert "kccdesk: fout: onbekende argumenten: --demoo" in result.stderr

    result = run("records", "import")
    assert "deze argumenten zijn nodig" in result.stderr
