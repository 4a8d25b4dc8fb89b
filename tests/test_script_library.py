"""The municipality's own scripts next to the shipped ones, and subject scripts."""

from pathlib import Path

import pytest

from kccdesk import resource_path
from kccdesk.content.script_library import ScriptLibrary
from kccdesk.content.scripts import ScriptError
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

    assert list(subjects) == [
        "Afval en grofvuil",
        "Hulp bij het dagelijks leven",
        "Parkeervergunning",
        "Paspoort of identiteitskaart",
    ]
    assert "kapot.toml" in library.problem_text() and 'subject = "…"' in library.problem_text()
    script = library.main_script("standaard").with_subject(subjects["Paspoort of identiteitskaart"])
    assert "Gaat het om een paspoort of om een identiteitskaart?" in script.prompts(Phase.ANALYSIS, {})
    assert "document_kind" in [item.id for item in script.checklist(Phase.ANALYSIS)]
