"""Rendering the call script: placeholders, optional parts, hostile values."""

from pathlib import Path

import pytest

from kccdesk import resource_path
from kccdesk.content.scripts import ScriptError, load_script
from kccdesk.core.phases import PHASES, Phase
from kccdesk.core.script import render

VALUES = {"greeting": "Goedemiddag", "municipality": "Voorbeeldstad", "caller": "mevrouw De Vries"}


def default_script():
    return load_script(resource_path("scripts", "standaard.toml"))


def test_default_script_opens_as_the_seed_says():
    script = default_script()
    assert script.prompts(Phase.OPENING, VALUES)[0] == "Goedemiddag, gemeente Voorbeeldstad."
    assert "Spreek ik met mevrouw De Vries?" in script.prompts(Phase.OPENING, VALUES)
    closing = script.prompts(Phase.CLOSING, VALUES)
    assert "Kan ik u nog ergens anders mee van dienst zijn?" in closing
    assert "Dank u voor het bellen. Ik wens u een fijne dag verder, mevrouw De Vries." in closing


def test_unknown_caller_is_asked_for_a_name():
    prompts = default_script().prompts(Phase.OPENING, {**VALUES, "caller": ""})
    assert "Mag ik uw naam?" in prompts
    assert not any("Spreek ik met" in p for p in prompts)


def test_missing_values_never_show_a_placeholder():
    script = default_script()
    for phase in PHASES:
        for prompt in script.prompts(phase, {}):
            assert "{" not in prompt and "[" not in prompt
    assert script.prompts(Phase.CLOSING, {})[-1] == "Dank u voor het bellen. Ik wens u een fijne dag verder."
    assert script.prompts(Phase.OPENING, {"greeting": "Goedemorgen"})[0] == "Goedemorgen, gemeente …"


def test_values_are_plain_text():
    hostile = "<b>{municipality}</b>\n[x]\u202e" + "A" * 500
    text = render("Spreek ik met {caller}?", {"caller": hostile, "municipality": "X"})
    # the value is not expanded again, and the line stays one short line
    assert "{municipality}" in text
    assert "X</b>" not in text
    script = default_script()
    prompt = script.prompts(Phase.OPENING, {**VALUES, "caller": hostile})[1]
    assert "\n" not in prompt and "\u202e" not in prompt
    assert len(prompt) < 120


def test_first_letter_of_a_prompt_is_a_capital():
    assert render("[{caller}, ]wat is uw vraag?", {"caller": "mevrouw De Vries"}).startswith("Mevrouw De Vries,")


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        ("name = 'x'", "no [phases] table"),
        ("[phases.opening]\nprompts = ['x']", "'analysis' is missing"),
        ("[phases\n", "line 1"),
    ],
)
def test_broken_script_names_file_and_problem(tmp_path: Path, content, problem):
    path = tmp_path / "kapot.toml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(ScriptError) as err:
        load_script(path)
    assert "kapot.toml" in str(err.value)
    assert problem in str(err.value)


def test_unknown_placeholder_is_refused(tmp_path: Path):
    phases = "".join(f"[phases.{p.value}]\nprompts = ['Hallo {{naam}}']\n" for p in PHASES)
    path = tmp_path / "s.toml"
    path.write_text(phases, encoding="utf-8")
    with pytest.raises(ScriptError, match="unknown placeholder 'naam'"):
        load_script(path)


def test_unknown_placeholder_error_gives_the_line_it_is_on(tmp_path: Path):
    phases = "".join(
        f"[phases.{p.value}]\nprompts = [\n  'Goedemorgen.',\n"
        f"  'Hallo {{{'naam' if p is PHASES[1] else 'caller'}}}',\n]\n"
        for p in PHASES
    )
    path = tmp_path / "s.toml"
    path.write_text(phases, encoding="utf-8")
    with pytest.raises(ScriptError) as err:
        load_script(path)
    assert err.value.line == 9
    assert str(err.value).startswith(f"{path}:9: unknown placeholder 'naam'")
