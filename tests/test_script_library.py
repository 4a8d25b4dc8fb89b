"""The municipality's own scripts next to the shipped ones, and subject scripts."""

from pathlib import Path

import pytest

from kccdesk import resource_path
from kccdesk.content.script_library import ScriptLibrary
from kccdesk.content.scripts import ScriptError, load_script, load_subject_script
from kccdesk.core.phases import Phase

SHIPPED = resource_path("scripts")


def own_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "scripts"
    (folder / "onderwerpen").mkdir(parents=True)
    return folder


def test_the_municipalitys_file_replaces_the_shipped_one_by_name(tmp_path):
    own = own_folder(tmp_path)
    text = (SHIPPED / "standaard.toml").read_text(encoding="utf-8")
    (own / "standaard.toml").write_text(
        text.replace("{greeting}, gemeente {municipality}.", "{greeting}, met de gemeente."), encoding="utf-8"
    )

    script = ScriptLibrary([SHIPPED, own]).main_script("standaard")

    assert script.prompts(Phase.OPENING, {"greeting": "Goedemorgen"})[0] == "Goedemorgen, met de gemeente."


def test_a_broken_own_file_is_reported_and_the_shipped_script_used(tmp_path):
    own = own_folder(tmp_path)
    (own / "standaard.toml").write_text("[phases.opening\n", encoding="utf-8")
    library = ScriptLibrary([SHIPPED, own])

    script = library.main_script("standaard")

    assert script.name == "Standaard gespreksstructuur"
    assert str(own / "standaard.toml") in library.problem_text()


def test_an_unknown_script_set_is_an_error(tmp_path):
    with pytest.raises(ScriptError):
        ScriptLibrary([SHIPPED, own_folder(tmp_path)]).main_script("bestaat-niet")


def test_subject_scripts_add_their_prompts_and_items_and_a_broken_one_is_left_out(tmp_path):
    own = own_folder(tmp_path)
    (own / "onderwerpen" / "parkeren.toml").write_text(
        'subject = "Parkeervergunning"\nupl = "parkeervergunning bewoners"\n'
        '[phases.analysis]\nprompts = ["Voor welke straat wilt u een vergunning?"]\n',
        encoding="utf-8",
    )
    (own / "onderwerpen" / "kapot.toml").write_text('[phases.analysis]\nprompts = ["?"]\n', encoding="utf-8")
    library = ScriptLibrary([SHIPPED, own])

    subjects = library.subjects()

    assert list(subjects) == [  # on an English screen; a subject without English shows its Dutch
        "Help in daily life",
        "Parkeervergunning",
        "Passport or identity card",
        "Waste and bulky waste",
    ]
    assert "kapot.toml" in library.problem_text() and 'subject = "…"' in library.problem_text()
    script = library.main_script("standaard").with_subject(subjects["Passport or identity card"])
    assert "Gaat het om een paspoort of om een identiteitskaart?" in script.prompts(Phase.ANALYSIS, {})
    assert "document_kind" in [item.id for item in script.checklist(Phase.ANALYSIS)]


def script_with(opening: str) -> str:
    """A script whose opening phase holds ``opening``."""
    rest = "".join(f"[phases.{p.value}]\nprompts = []\n" for p in Phase if p is not Phase.OPENING)
    return f"[phases.opening]\n{opening}\n{rest}"


def test_a_municipalitys_script_shows_its_own_english_beside_the_dutch_and_falls_back_to_the_dutch(tmp_path):
    own = own_folder(tmp_path)
    (own / "eigen.toml").write_text(
        script_with(
            'title = "Begin"\ntitle_en = "Start"\nguidance = "Neem snel op."\n'
            'checklist = [{ id = "greeted", text = "Gegroet", text_en = "Greeted" }]\n'
            'prompts = ["Goedemorgen."]'
        ),
        encoding="utf-8",
    )
    english = ScriptLibrary([SHIPPED, own], language="en").main_script("eigen")
    dutch = ScriptLibrary([SHIPPED, own], language="nl").main_script("eigen")

    assert (english.phases[Phase.OPENING].title, dutch.phases[Phase.OPENING].title) == ("Start", "Begin")
    assert [i.text for i in english.checklist(Phase.OPENING)] == ["Greeted"]
    assert english.guidance(Phase.OPENING) == ["Neem snel op."]  # no English given: the Dutch
    assert english.prompts(Phase.OPENING, {}) == ["Goedemorgen."]  # said to the caller: Dutch


@pytest.mark.parametrize(
    ("opening", "problem", "line"),
    [
        ('title = "Begin"\ntitle_en = 3', "'title_en' in [phases.opening] must be text", 3),
        (
            'checklist = [{ id = "greeted", text = "Gegroet", text_en = ["Greeted"] }]',
            "'text_en' in [phases.opening] must be text",
            2,
        ),
    ],
)
def test_english_that_is_not_text_is_refused_with_its_line(tmp_path, opening, problem, line):
    path = tmp_path / "eigen.toml"
    path.write_text(script_with(opening), encoding="utf-8")
    with pytest.raises(ScriptError) as error:
        load_script(path, "nl")  # whichever language the screen reads
    assert (error.value.problem, error.value.line) == (problem, line)


def test_a_subjects_english_that_is_not_text_is_refused_with_its_line(tmp_path):
    path = tmp_path / "parkeren.toml"
    path.write_text('subject = "Parkeren"\nsubject_en = false\n', encoding="utf-8")
    with pytest.raises(ScriptError) as error:
        load_subject_script(path, "nl")
    assert (error.value.problem, error.value.line) == ("'subject_en' must be text", 2)
