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


def test_the_files_in_use_have_no_findings():
    """The script set, every subject script and the organisations."""
    result = check()
    assert result.returncode == 0, result.stderr
    for name in ("standaard.toml", "afval.toml", "paspoort.toml", "wmo.toml", "organisaties.toml"):
        assert f"{name}: niets gevonden" in result.stdout


def test_an_organisations_file_is_checked_for_the_names_it_says(tmp_path):
    path = tmp_path / "organisaties.toml"
    path.write_text('[[organisation]]\nname = "Sociaal Loket"\nspoken = "het loketje van de Wmo"\n', encoding="utf-8")
    result = check(path)
    assert result.returncode == 0, result.stderr
    assert f'{path}, regel 3: waarschuwing: verkleinwoord "loketje"' in result.stdout
    assert (
        f'{path}, regel 3: waarschuwing: schrijf "Wet maatschappelijke ondersteuning" voluit, niet "Wmo"'
        in result.stdout
    )


def test_language_findings_are_warnings_with_their_line(tmp_path):
    body = "".join(f"[phases.{p.value}]\nprompts = [\n  'Goedemorgen.',\n]\n" for p in PHASES)
    path = tmp_path / "eigen.toml"
    path.write_text(
        body.replace("'Goedemorgen.'", "'Goedemorgen, beste klant. Belt u even het UWV?'", 1), encoding="utf-8"
    )
    result = check(path)
    assert result.returncode == 0
    assert f'{path}, regel 3: waarschuwing: zeg "inwoner" of "ondernemer", niet "klant"' in result.stdout
    assert (
        f'{path}, regel 3: waarschuwing: schrijf "Uitvoeringsinstituut Werknemersverzekeringen" voluit, niet "UWV"'
        in result.stdout
    )
    assert f'{path}, regel 3: waarschuwing: stopwoord "even"' in result.stdout


def test_a_broken_script_fails_naming_file_and_line(tmp_path):
    path = tmp_path / "kapot.toml"
    path.write_text("name = 'x'\n[phases\n", encoding="utf-8")
    result = check(path, tmp_path / "bestaat-niet.toml")
    assert result.returncode == 1
    assert "kapot.toml" in result.stderr and "line 2" in result.stderr
    assert "bestaat-niet.toml" in result.stderr


def preview(*args):
    return subprocess.run(
        [sys.executable, "-m", "kccdesk", "script", "preview", *args],
        capture_output=True,
        text=True,
        timeout=60,
        env={k: v for k, v in os.environ.items() if k not in ("DISPLAY", "QT_QPA_PLATFORM")},
    )


def test_preview_prints_every_phase_as_the_agent_sees_it():
    result = preview("--at", "14:30", "--caller-name", "de Vries", "--salutation", "mevrouw",
                     "--municipality", "Voorbeeldstad", "--branch", "callback_request")  # fmt: skip
    assert result.returncode == 0, result.stderr
    lines = result.stdout.rstrip().splitlines()
    assert lines[:3] == [
        "Fase 1: Aanvang",
        "  Goedemiddag, gemeente Voorbeeldstad.",
        "  Spreek ik met mevrouw De Vries?",
    ]
    assert "  [Terugbelverzoek]" in lines and "  [Doorverwijzen]" not in lines
    assert any(line.startswith("    Het spijt me mevrouw De Vries. Mijn collega is momenteel") for line in lines)
    assert lines[-1] == "  Dank u voor het bellen. Ik wens u een fijne dag verder, mevrouw De Vries."
    assert "{" not in result.stdout


def test_preview_without_a_name_leaves_no_gap_and_a_bad_time_is_refused():
    result = preview("--at", "20:15", "--municipality", "Voorbeeldstad")
    assert result.returncode == 0
    assert "  Goedenavond, gemeente Voorbeeldstad." in result.stdout
    assert "  Mag ik uw naam?" in result.stdout
    assert "  Dank u voor het bellen. Ik wens u een fijne dag verder." in result.stdout

    refused = preview("--at", "9 uur")
    assert refused.returncode == 2
    assert "'9 uur' is geen tijd zoals 09:30" in refused.stderr
