"""Guidance, checklists and the phase 3 branches of the default script, the
checklist of one call, and the directory of organisations."""

from pathlib import Path

import pytest

from kccdesk import resource_path
from kccdesk.content.organisations import DirectoryError, load_directory
from kccdesk.content.scripts import ScriptError, load_script
from kccdesk.core.checklist import CallChecklist
from kccdesk.core.phases import PHASES, Phase
from kccdesk.core.registration import Outcome

VALUES = {"greeting": "Goedemiddag", "municipality": "Voorbeeldstad", "caller": "mevrouw De Vries"}


@pytest.fixture(scope="module")
def script():
    return load_script(resource_path("scripts", "standaard.toml"))


def test_every_phase_explains_why_and_has_a_checklist(script):
    for phase in PHASES:
        assert script.guidance(phase), phase
        assert script.checklist(phase), phase
    assert [i.id for i in script.checklist(Phase.CLOSING)] == ["trial_close", "name_said"]


def test_phase_3_has_a_branch_for_each_outcome(script):
    assert sorted(b.outcome.code for b in script.branches(Phase.ACTION)) == sorted(o.code for o in Outcome)


def test_the_callback_branch_says_the_seeds_words_with_the_colleague(script):
    values = {**VALUES, "colleague": "Jan Smit"}
    prompts = script.prompts(Phase.ACTION, values, branch=Outcome.CALLBACK_REQUEST)
    assert prompts[0] == (
        "Het spijt me mevrouw De Vries. Jan Smit is momenteel niet bereikbaar. Ik zorg ervoor dat u wordt teruggebeld."
    )
    unnamed = script.prompts(Phase.ACTION, {}, branch=Outcome.CALLBACK_REQUEST)[0]
    assert unnamed == "Het spijt me. Mijn collega is momenteel niet bereikbaar. Ik zorg ervoor dat u wordt teruggebeld."


def test_the_referral_names_the_organisation_in_full(script):
    directory = load_directory(resource_path("organisations", "organisaties.toml"))
    duo = directory.find("DUO")
    assert duo is not None and duo.name == "Dienst Uitvoering Onderwijs"
    prompts = script.prompts(Phase.ACTION, {**VALUES, "organisation": duo.spoken}, branch=Outcome.REFERRAL)
    assert prompts[0] == "Voor deze vraag kunt u het beste terecht bij de Dienst Uitvoering Onderwijs."


def test_a_branch_adds_its_checklist_to_the_phase(script):
    checklist = CallChecklist(script)
    assert [i.id for i in checklist.items(Phase.ACTION)] == ["answer_checked"]
    checklist.branch = Outcome.REFERRAL
    assert [i.id for i in checklist.items(Phase.ACTION)] == ["answer_checked", "organisation_named_in_full"]


def test_ticking_by_number_and_the_name_reminder(script):
    checklist = CallChecklist(script)
    assert not checklist.name_reminder(Phase.ANALYSIS)
    assert checklist.name_reminder(Phase.CLOSING)
    item = checklist.toggle(Phase.CLOSING, 2)
    assert item is not None and item.id == "name_said" and checklist.is_ticked(item)
    assert not checklist.name_reminder(Phase.CLOSING)
    assert [i.id for i in checklist.open_items(Phase.CLOSING)] == ["trial_close"]
    checklist.toggle(Phase.CLOSING, 2)  # a second press unticks
    assert checklist.name_reminder(Phase.CLOSING)
    assert checklist.toggle(Phase.CLOSING, 9) is None


@pytest.mark.parametrize(
    ("extra", "problem", "line"),
    [
        ('[phases.action.branches.maybe]\ntitle = "?"\n', "unknown branch 'maybe'", 12),
        ('[phases.closing.branches.resolved]\ntitle = "?"\n', "only phase 'action' has branches", 12),
    ],
)
def test_a_wrong_branch_is_named_with_its_line(tmp_path: Path, extra, problem, line):
    path = tmp_path / "script.toml"
    path.write_text(
        "[phases.opening]\n[phases.analysis]\n[phases.action]\n[phases.closing]\n"
        'checklist = [{ id = "name_said", text = "Naam genoemd" }]\n'
        "\n\n\n\n\n\n" + extra,
        encoding="utf-8",
    )
    with pytest.raises(ScriptError) as error:
        load_script(path)
    assert problem in error.value.problem and error.value.line == line


def test_a_checklist_item_needs_an_id_and_a_text(tmp_path: Path):
    path = tmp_path / "script.toml"
    path.write_text(
        '[phases.opening]\nchecklist = [{ text = "Groet" }]\n[phases.analysis]\n[phases.action]\n[phases.closing]\n',
        encoding="utf-8",
    )
    with pytest.raises(ScriptError, match="needs an id and a text") as error:
        load_script(path)
    assert error.value.line == 2


def test_a_directory_entry_that_is_only_an_abbreviation_is_refused(tmp_path: Path):
    path = tmp_path / "organisaties.toml"
    path.write_text('[[organisation]]\nname = "DUO"\nabbreviation = "DUO"\n', encoding="utf-8")
    with pytest.raises(DirectoryError, match="write the name in full") as error:
        load_directory(path)
    assert error.value.line == 1
