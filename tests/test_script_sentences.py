"""Every prompt of every shipped script reads as a whole sentence, whichever
of its values are known: with and without each optional value, nothing is
glued together, left dangling or left over from the template."""

import itertools
import re

import pytest

from kccdesk import resource_path
from kccdesk.content.script_library import SUBJECTS
from kccdesk.content.scripts import load_script, load_subject_script
from kccdesk.core.phases import PHASES, Phase
from kccdesk.core.registration import Outcome
from kccdesk.core.script import PLACEHOLDERS, CallScript

VALUES = {
    "greeting": "Goedemiddag",
    "municipality": "Voorbeeldstad",
    "agent": "Sanne",
    "caller": "mevrouw De Vries",
    "subject": "paspoort of identiteitskaart",
    "colleague": "Jan Jansen",
    "organisation": "de Dienst Uitvoering Onderwijs",
}
WORD = re.compile(r"[^\W\d_]+")
# A sentence or clause does not end on an article, a preposition that needs
# its object, or a conjunction: that word lost what followed it.
DANGLING = re.compile(r"\b(de|het|een|en|of|met|van|naar|tot|om)\s*(?:[,.?!:;]|$)", re.IGNORECASE)
BROKEN = {
    "two spaces": re.compile(r"\s{2}"),
    "space at an end": re.compile(r"^\s|\s$"),
    "space before a mark": re.compile(r"\s[,.?!:;]"),
    "two marks": re.compile(r"[,.?!:;]\s*[,.:;]"),
    "a placeholder or bracket left over": re.compile(r"[{}\[\]]"),
    "starts with a mark": re.compile(r"^[,.?!:;]"),
}


def shipped_scripts() -> dict[str, CallScript]:
    """Each script set, and each set with each subject script added."""
    sets = {
        path.name: load_script(path)
        for path in sorted(resource_path("scripts").glob("*.toml"))
        if "phases" in path.read_text(encoding="utf-8")
    }
    subjects = {p.name: load_subject_script(p) for p in sorted(resource_path("scripts", SUBJECTS).glob("*.toml"))}
    combined = {
        f"{name} + {subject_name}": script.with_subject(subject)
        for name, script in sets.items()
        for subject_name, subject in subjects.items()
    }
    return {**sets, **combined}


SCRIPTS = shipped_scripts()


def words(text: str) -> set[str]:
    return {word.casefold() for word in WORD.findall(text)}


def template_words(script: CallScript) -> set[str]:
    """The words the script's prompts are written with, each on its own:
    brackets and placeholders split words, they never join them."""
    found: set[str] = set()
    for part in script.phases.values():
        prompts = part.prompts + tuple(p for branch in part.branches.values() for p in branch.prompts)
        for prompt in prompts:
            found |= words(re.sub(r"\{[a-z_]+\}|[\[\]]", " ", prompt.text))
    return found


def every_set_of_values():
    """Every combination of known and unknown values."""
    for known in itertools.product((True, False), repeat=len(PLACEHOLDERS)):
        yield {name: VALUES[name] for name, is_known in zip(PLACEHOLDERS, known, strict=True) if is_known}


def renderings(script: CallScript):
    for phase in PHASES:
        branches = [None, *(b.outcome for b in script.branches(phase))] if phase is Phase.ACTION else [None]
        for branch in branches:
            for values in every_set_of_values():
                for line in script.prompts(phase, values, branch):
                    yield line, values


def sentence_problems(script: CallScript) -> set[str]:
    allowed = template_words(script) | words(" ".join(VALUES.values()))
    problems = set()
    for line, values in renderings(script):
        for problem, pattern in BROKEN.items():
            if pattern.search(line):
                problems.add(f"{problem}: {line!r}")
        if DANGLING.search(line):
            problems.add(f"a dangling word: {line!r}")
        glued = words(line) - allowed
        if glued:
            problems.add(f"words that are not in the script: {sorted(glued)} in {line!r} with {sorted(values)}")
    return problems


@pytest.mark.parametrize("name", sorted(SCRIPTS))
def test_every_prompt_is_a_whole_sentence_with_and_without_each_value(name):
    assert sorted(sentence_problems(SCRIPTS[name])) == []


def test_the_warm_transfer_without_a_colleagues_name_reads_well():
    script = SCRIPTS["standaard.toml"]
    said = script.prompts(Phase.ACTION, {}, Outcome.WARM_TRANSFER)[0]
    named = script.prompts(Phase.ACTION, {"colleague": "Jan Jansen"}, Outcome.WARM_TRANSFER)[0]
    assert said == "Ik verbind u door met een collega die u hierbij verder kan helpen."
    assert named == "Ik verbind u door met Jan Jansen, een collega die u hierbij verder kan helpen."


def test_the_sentence_check_finds_what_a_template_can_break(tmp_path):
    """The check itself: a glued word and a dangling word."""
    body = "".join(f"[phases.{p.value}]\nprompts = []\n" for p in PHASES).replace(
        "[phases.opening]\nprompts = []",
        '[phases.opening]\nprompts = ["Ik verbind u door met[ {colleague}, ]een collega.", '
        '"Bel dan met[ {colleague}]."]',
    )
    path = tmp_path / "kapot.toml"
    path.write_text(body, encoding="utf-8")
    problems = " | ".join(sorted(sentence_problems(load_script(path))))
    assert "'meteen'" in problems
    assert "a dangling word: 'Bel dan met.'" in problems
