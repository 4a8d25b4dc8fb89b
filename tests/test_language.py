import pytest

from kccdesk import resource_path
from kccdesk.content.language_rules import WordLists, check_text, load_word_lists


@pytest.fixture
def words() -> WordLists:
    return load_word_lists(resource_path("scripts", "taalregels.toml"))


def test_plain_prompt_has_no_findings(words: WordLists) -> None:
    assert check_text("Wat kan ik voor u doen, {caller}?", 7, words) == []


def test_klant_for_a_resident_is_found_but_kcc_words_are_allowed(words: WordLists) -> None:
    assert [f.line for f in check_text("Dank u, beste klant.", 4, words)] == [4]
    assert check_text("U belt met het Klant Contact Centrum van het KCC.", 4, words) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Bel het UWV.", '"UWV"'),
        ("Een momentje graag.", 'diminutive "momentje"'),
        ("Dat kan misschien.", 'doubt word "misschien"'),
        ("Ik kijk het even na.", 'stop word "even"'),
        ("Een twee drie vier vijf zes zeven acht negen tien elf twaalf dertien veertien vijftien zestien.", "16 words"),
    ],
)
def test_style_findings_name_the_problem(words: WordLists, text: str, expected: str) -> None:
    findings = check_text(text, 9, words)
    assert len(findings) == 1 and expected in findings[0].message and findings[0].line == 9


def test_default_script_prompts_follow_the_language_rules(words: WordLists) -> None:
    lines = resource_path("scripts", "standaard.toml").read_text(encoding="utf-8").splitlines()
    findings = [
        f for number, text in enumerate(lines, 1) if not text.startswith("#") for f in check_text(text, number, words)
    ]
    assert findings == []
