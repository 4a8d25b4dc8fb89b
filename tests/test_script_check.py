from pathlib import Path

import pytest

from kccdesk import resource_path
from kccdesk.content.language_rules import load_word_lists
from kccdesk.content.organisations import load_directory
from kccdesk.content.script_check import check_script_file
from kccdesk.core.phases import PHASES

WORDS = load_word_lists(resource_path("scripts", "taalregels.toml"))
NO_ENGLISH = (
    "no English: a screen in English shows the titles, guidance and checklist in Dutch "
    "(add title_en, guidance_en, text_en, subject_en)"
)
SHIPPED = [
    *sorted(resource_path("scripts").glob("*.toml")),
    *sorted(resource_path("scripts", "onderwerpen").glob("*.toml")),
    resource_path("organisations", "organisaties.toml"),
]


@pytest.mark.parametrize("path", [p for p in SHIPPED if p.stem != "taalregels"], ids=lambda p: p.name)
def test_every_shipped_script_and_the_organisations_pass_without_warnings(path: Path) -> None:
    directory = load_directory(resource_path("organisations", "organisaties.toml"))
    result = check_script_file(
        path, load_word_lists(resource_path("scripts", "taalregels.toml"), directory.abbreviations)
    )
    assert result.passed, result.error
    assert result.warnings == []


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
        (18, 'abbreviation "UWV": write it in full'),
        (18, 'stop word "even"'),
    ]


def test_broken_script_fails_with_its_line(tmp_path: Path) -> None:
    path = tmp_path / "kapot.toml"
    path.write_text("name = 'x'\n[phases\n", encoding="utf-8")
    result = check_script_file(path, WORDS)
    assert not result.passed and "line 2" in str(result.error)


def test_a_subject_script_is_checked_on_its_subject_and_prompts_but_not_its_upl_code(tmp_path: Path) -> None:
    path = tmp_path / "onderwerp.toml"
    path.write_text(
        "# Een vraagje over de Wmo, in een opmerking: die telt niet.\n"
        'subject = "Hulp uit de Wmo"\n'
        'upl = "wmo-voorziening"\n'
        "[phases.analysis]\n"
        'prompts = ["Heeft u uw pasje bij de hand?"]\n'
        'checklist = [{ id = "kvk", text = "KvK-nummer gevraagd" }]\n',
        encoding="utf-8",
    )
    result = check_script_file(path, WORDS)
    assert result.passed
    assert [(f.line, f.message) for f in result.warnings] == [
        (2, 'write "Wet maatschappelijke ondersteuning" in full, not "Wmo"'),
        (2, NO_ENGLISH),
        (5, 'diminutive "pasje"'),
        (6, 'abbreviation "KvK": write it in full'),
    ]


def test_the_organisations_file_is_checked_on_the_names_said_not_on_numbers_and_addresses(tmp_path: Path) -> None:
    path = tmp_path / "organisaties.toml"
    path.write_text(
        "[[organisation]]\n"
        'name = "Dienst Uitvoering Onderwijs"\n'
        'abbreviation = "DUO"\n'
        'spoken = "de DUO"\n'
        'phone = "050 599 77 55"\n'
        'website = "https://duo.nl"\n'
        "[[organisation]]\n"
        'name = "Kamer van Koophandel (KvK)"\n'
        'spoken = "het loketje voor klanten"\n',
        encoding="utf-8",
    )
    words = load_word_lists(resource_path("scripts", "taalregels.toml"), load_directory(path).abbreviations)
    result = check_script_file(path, words)
    assert result.passed
    assert [(f.line, f.message) for f in result.warnings] == [
        (4, 'write "Dienst Uitvoering Onderwijs" in full, not "DUO"'),
        (8, 'abbreviation "KvK": write it in full'),
        (9, 'say "inwoner" or "ondernemer", not "klant"'),
        (9, 'diminutive "loketje"'),
    ]


def test_a_broken_organisations_file_fails_with_its_line(tmp_path: Path) -> None:
    path = tmp_path / "organisaties.toml"
    path.write_text('[[organisation]]\nname = "UWV"\nabbreviation = "UWV"\n', encoding="utf-8")
    result = check_script_file(path, WORDS)
    assert not result.passed and "is an abbreviation" in str(result.error) and ":1:" in str(result.error)


def test_a_script_with_some_english_is_warned_of_each_text_without_it(tmp_path: Path) -> None:
    """The English is not held to the Dutch rules ("even" is an English word)."""
    body = "".join(f"[phases.{p.value}]\nprompts = []\n" for p in PHASES if p.value != "opening")
    path = tmp_path / "eigen.toml"
    path.write_text(
        "[phases.opening]\n"
        'title = "Begin"\n'
        'title_en = "Start, even before the caller speaks"\n'
        'guidance = "Neem op."\n'
        'prompts = [{ text = "Goedemorgen.", if = "greeting" }]\n'
        'checklist = [{ id = "greeted", text = "Gegroet" }]\n' + body,
        encoding="utf-8",
    )
    result = check_script_file(path, WORDS)
    assert [(f.line, f.message) for f in result.warnings] == [
        (4, "no English for this text: add guidance_en"),
        (6, "no English for this text: add text_en"),
    ]


def test_a_script_without_any_english_is_warned_once(tmp_path: Path) -> None:
    body = "".join(f"[phases.{p.value}]\nprompts = []\ntitle = 'Fase'\n" for p in PHASES)
    path = tmp_path / "eigen.toml"
    path.write_text(body, encoding="utf-8")
    assert [(f.line, f.message) for f in check_script_file(path, WORDS).warnings] == [(3, NO_ENGLISH)]
