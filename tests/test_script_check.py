from pathlib import Path

from kccdesk import resource_path
from kccdesk.content.language_rules import load_word_lists
from kccdesk.content.script_check import check_script_file
from kccdesk.core.phases import PHASES

WORDS = load_word_lists(resource_path("scripts", "taalregels.toml"))


def test_default_script_passes_without_warnings() -> None:
    result = check_script_file(resource_path("scripts", "standaard.toml"), WORDS)
    assert result.passed and result.warnings == []


def test_non_compliant_script_warns_on_the_right_lines(tmp_path: Path) -> None:
    body = "".join(f"[phases.{p.value}]\nprompts = [\n  'Goedemorgen.',\n]\n" for p in PHASES)
    body = body.replace("'Goedemorgen.'", "'Goedemorgen beste klant.'", 1)
    body += "[phases.closing.extra]\nx = 'Belt u even het UWV?'\n"
    path = tmp_path / "s.toml"
    path.write_text(body, encoding="utf-8")
    result = check_script_file(path, WORDS)
    assert result.passed
    assert [(f.line, f.message) for f in result.warnings] == [
        (3, 'say "inwoner" or "ondernemer", not "klant"'),
        (18, 'write the organisation in full, not "UWV"'),
        (18, 'stop word "even"'),
    ]


def test_broken_script_fails_with_its_line(tmp_path: Path) -> None:
    path = tmp_path / "kapot.toml"
    path.write_text("name = 'x'\n[phases\n", encoding="utf-8")
    result = check_script_file(path, WORDS)
    assert not result.passed and "line 2" in str(result.error)
