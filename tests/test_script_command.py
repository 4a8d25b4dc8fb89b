"""`kccdesk script check` as a supervisor runs it: a real process."""

import os
import subprocess
import sys

from kccdesk.core.phases import PHASES


def check(*files):
    return subprocess.run(
        [sys.executable, "-m", "kccdesk", "script", "check", *map(str, files)],
        capture_output=True,
        text=True,
        timeout=60,
        env={k: v for k, v in os.environ.items() if k not in ("DISPLAY", "QT_QPA_PLATFORM")},
    )


def test_the_active_script_has_no_findings():
    result = check()
    assert result.returncode == 0, result.stderr
    assert "standaard.toml: niets gevonden" in result.stdout


def test_language_findings_are_warnings_with_their_line(tmp_path):
    body = "".join(f"[phases.{p.value}]\nprompts = [\n  'Goedemorgen.',\n]\n" for p in PHASES)
    path = tmp_path / "eigen.toml"
    path.write_text(body.replace("'Goedemorgen.'", "'Goedemorgen, beste klant. Belt u even het UWV?'", 1), encoding="utf-8")
    result = check(path)
    assert result.returncode == 0
    assert f'{path}, regel 3: waarschuwing: zeg "inwoner" of "ondernemer", niet "klant"' in result.stdout
    assert f'{path}, regel 3: waarschuwing: schrijf "Uitvoeringsinstituut Werknemersverzekeringen" voluit, niet "UWV"' in result.stdout
    assert f'{path}, regel 3: waarschuwing: stopwoord "even"' in result.stdout


def test_a_broken_script_fails_naming_file_and_line(tmp_path):
    path = tmp_path / "kapot.toml"
    path.write_text("name = 'x'\n[phases\n", encoding="utf-8")
    result = check(path, tmp_path / "bestaat-niet.toml")
    assert result.returncode == 1
    assert "kapot.toml" in result.stderr and "line 2" in result.stderr
    assert "bestaat-niet.toml" in result.stderr
