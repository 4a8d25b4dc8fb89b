"""``kccdesk records`` as a supervisor runs it: a real process each time."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from kccdesk import resource_path

ROOT = Path(__file__).resolve().parents[2]


def run(*args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    return subprocess.run(
        [sys.executable, "-m", "kccdesk", "records", *args],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=ROOT,
        env=env,
    )


def test_import_then_lookup_shows_what_the_screen_pop_shows(tmp_path):
    sample = str(resource_path("records", "sample.csv"))
    first = run("import", sample)
    assert first.returncode == 0, first.stderr
    assert first.stdout.strip() == "4 toegevoegd, 0 waren er al, 0 foute regels overgeslagen"
    again = run("import", sample)
    assert again.stdout.strip() == "0 toegevoegd, 4 waren er al, 0 foute regels overgeslagen"

    found = run("lookup", "+31 6 1234 5678", "--json")
    assert found.returncode == 0, found.stderr
    data = json.loads(found.stdout)
    assert data["number"] == "+31612345678"
    [record] = data["records"]
    assert record["addressed_as"] == "mevrouw De Vries"
    assert record["bsn"] == "******333"  # masked, never whole
    assert "111222333" not in found.stdout

    text = run("lookup", "06-12345678")
    assert "mevrouw De Vries" in text.stdout and "******333" in text.stdout
    unknown = run("lookup", "0698765432")
    assert unknown.returncode == 0 and "Onbekend nummer" in unknown.stdout


def test_import_names_bad_rows_on_stderr_and_exits_with_3(tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text("name,phone\nAnna de Vries,0612345678\n,0622222222\nBert,geen nummer\n", encoding="utf-8")
    result = run("import", str(bad))
    assert result.returncode == 3
    assert result.stderr.splitlines() == [
        "regel 3: de naam ontbreekt",
        "regel 4: geen nummer is geen telefoonnummer",
    ]
    assert result.stdout.strip() == "1 toegevoegd, 0 waren er al, 2 foute regels overgeslagen"


def test_a_missing_file_is_a_clear_error(tmp_path):
    result = run("import", str(tmp_path / "nope.csv"))
    assert result.returncode == 1
    assert result.stderr.startswith("Niets ingelezen: ")
    assert "nope.csv" in result.stderr


def test_demo_makes_fictitious_residents_that_can_be_looked_up():
    result = run("demo", "--count", "500", "--contacts", "2")
    assert result.returncode == 0, result.stderr
    data = json.loads(run("lookup", "+31610000499", "--json").stdout)
    [record] = data["records"]
    assert len(record["earlier_contacts"]) == 2
    assert record["birth_date"] is not None
