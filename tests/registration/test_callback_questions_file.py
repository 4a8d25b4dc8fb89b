"""The question sets' files: the shipped ones read, the municipality's own
taking precedence, and a broken file named with its line and left out while
the rest keeps working (said in the log at start)."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from kccdesk import resource_path
from kccdesk.app.workstation import callback_questions
from kccdesk.config.paths import default_profile
from kccdesk.content.callback_questions import FOLDER, QuestionSetError, load_question_set, load_question_sets
from kccdesk.core.callback_questions import Kind, Question

GOOD = """subjects = ["parkeerbelasting", "Parkeerboete"]

[[question]]
label = "Nummer van de boete"
required = true
hint = "Staat bovenaan de brief"

[[question]]
label = "Soort boete"
kind = "choice"
options = ["Parkeren", "Snelheid"]
"""


def write(folder: Path, name: str, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def test_a_good_file(tmp_path) -> None:
    question_set = load_question_set(write(tmp_path, "boete.toml", GOOD))
    assert question_set.subjects == ("parkeerbelasting", "Parkeerboete")
    assert question_set.questions == (
        Question("Nummer van de boete", Kind.TEXT, required=True, hint="Staat bovenaan de brief"),
        Question("Soort boete", Kind.CHOICE, options=("Parkeren", "Snelheid")),
    )


NUMBER_LINE, HINT_LINE, OPTIONS_LINE = (
    'label = "Nummer van de boete"\n', 'hint = "Staat bovenaan de brief"\n', 'options = ["Parkeren", "Snelheid"]\n'
)  # fmt: skip
ENGLISH = (
    GOOD.replace(NUMBER_LINE, NUMBER_LINE + 'label_en = "Number of the fine"\n')
    .replace(HINT_LINE, HINT_LINE + 'hint_en = "At the top of the letter"\n')
    .replace(OPTIONS_LINE, OPTIONS_LINE + 'options_en = ["Parking", "Speed"]\n')
)


def test_a_screen_in_english_shows_the_sets_english_and_the_answers_travel_in_dutch(tmp_path) -> None:
    path = write(tmp_path, "boete.toml", ENGLISH)
    number, kind = load_question_set(path, "en").questions
    assert (number.on_screen, number.hint, number.label) == (
        "Number of the fine", "At the top of the letter", "Nummer van de boete"
    )  # fmt: skip
    assert kind.on_screen == "Soort boete"  # no English for it: the Dutch
    assert kind.options_on_screen() == (("Parking", "Parkeren"), ("Speed", "Snelheid"))
    number, kind = load_question_set(path, "nl").questions
    assert (number.on_screen, number.hint) == ("Nummer van de boete", "Staat bovenaan de brief")
    assert kind.options_on_screen() == (("Parkeren", "Parkeren"), ("Snelheid", "Snelheid"))


def test_every_shipped_set_reads() -> None:
    sets, problems = load_question_sets([resource_path(FOLDER)])
    assert problems == []
    assert [q.label for q in sets.asked("Parkeerbelasting")] == [
        "Nummer van de boete",
        "Datum van de boete",
        "Kenteken",
    ]
    assert sets.asked("bezwaar")[0].label == "Zaaknummer"
    assert sets.asked("afvalpas") == ()


@pytest.mark.parametrize(
    ("text", "line", "problem"),
    [
        (GOOD.replace("required = true", 'required = "ja"'), 5, "required is true or false"),
        (GOOD.replace('kind = "choice"', 'kind = "keuze"'), 10, "unknown kind 'keuze'"),
        (GOOD.replace('options = ["Parkeren", "Snelheid"]', ""), 8, "a choice needs its options"),  # its table
        (GOOD.replace('label = "Soort boete"', 'label = "Nummer van de boete"'), 9, "is asked twice"),
        (GOOD.replace('hint = "Staat', 'hnt = "Staat'), 6, "unknown key 'hnt'"),
        (GOOD.replace('label = "Soort boete"', 'label = ""'), 9, "a question has no label"),
        (GOOD.replace('subjects = ["parkeerbelasting", "Parkeerboete"]', "subjects = []"), 1, "write the subjects"),
        (GOOD.replace("required = true", 'required = true\noptions = ["a"]'), 6, 'only a question of kind = "choice"'),
        (GOOD.replace('label = "Soort boete"', 'label = "Soort boete'), 9, "at line 9"),  # TOML itself
        (GOOD + "".join(f'\n[[question]]\nlabel = "{n}"\n' for n in range(5)), 25, "at most 6 questions per subject"),
        (ENGLISH.replace('["Parking", "Speed"]', '["Parking"]'), 14, "options_en needs as many options as options"),
        (ENGLISH.replace('"Number of the fine"', '" "'), 5, "label_en is empty"),
    ],
    ids=[
        *("required", "kind", "options", "twice", "unknown key", "label", "subjects", "options?", "syntax", "too many"),
        *("options_en", "label_en"),
    ],
)
def test_a_broken_file_is_named_with_its_line(tmp_path, text, line, problem) -> None:
    path = write(tmp_path, "boete.toml", text)
    with pytest.raises(QuestionSetError) as raised:
        load_question_set(path)
    assert (raised.value.path, raised.value.line) == (path, line)
    assert problem in raised.value.problem


def test_the_municipalitys_own_file_takes_precedence_and_a_broken_one_is_left_out(tmp_path, caplog) -> None:
    own = default_profile().config_dir / FOLDER
    write(own, "parkeerboete.toml", GOOD)  # the shipped file of that name, replaced
    broken = write(
        own, "bezwaar.toml", 'subjects = ["bezwaar"]\n\n[[question]]\nlabel = "Zaaknummer"\nkind = "tekst"\n'
    )

    with caplog.at_level(logging.WARNING):
        sets = callback_questions(default_profile())

    assert [q.label for q in sets.asked("parkeerbelasting")] == ["Nummer van de boete", "Soort boete"]
    assert sets.asked("bezwaar") == ()  # left out
    assert sets.asked("melding openbare ruimte (straatverlichting)") != ()  # the rest works
    assert f"{broken}:5 is left out: unknown kind 'tekst'" in caplog.text


def test_script_check_checks_the_question_sets_too(tmp_path) -> None:
    """`kccdesk script check` (a real process): the shipped sets without
    findings (their English included); a set of one's own with the language rules' warnings on what the
    agent reads, and a broken one failing with its file and line."""
    from tests.test_script_command import check

    result = check()
    assert result.returncode == 0, result.stderr
    for name in ("parkeerboete.toml", "bezwaar.toml", "melding-openbare-ruimte.toml"):
        assert f"{name}: niets gevonden" in result.stdout

    own = write(tmp_path, "eigen.toml", GOOD.replace("Staat bovenaan de brief", "Vraag de klant even om de brief"))
    broken = write(tmp_path, "kapot.toml", GOOD.replace('kind = "choice"', 'kind = "keuze"'))
    result = check(own, broken)
    assert result.returncode == 1
    assert f'{own}, regel 6: waarschuwing: zeg "inwoner" of "ondernemer", niet "klant"' in result.stdout
    assert f"{own}, regel 4: waarschuwing: geen Engels bij deze tekst: vul label_en aan" in result.stdout
    assert f"{broken}:10: onbekende soort 'keuze'" in result.stderr
