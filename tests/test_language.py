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
        ("Neemt u uw pasje mee?", 'diminutive "pasje"'),
        ("Ik heb nog een vraagje.", 'diminutive "vraagje"'),
        ("U krijgt een briefje thuis.", 'diminutive "briefje"'),
        ("Kies met de pijltjestoetsen.", 'diminutive "pijltjestoetsen"'),
        ("Geef uw KvK-nummer.", 'abbreviation "KvK"'),
        ("Dat valt onder de Wmo.", 'write "Wet maatschappelijke ondersteuning" in full, not "Wmo"'),
        ("Het valt onder de wmo.", 'write "Wet maatschappelijke ondersteuning" in full, not "wmo"'),
        ("Dat regelt de Wlz.", 'abbreviation "Wlz"'),
        ("Ik verbind u door met Dhr Jansen.", 'abbreviation "Dhr"'),
        ("Dat kan misschien.", 'doubt word "misschien"'),
        ("Ik kijk het even na.", 'stop word "even"'),
        ("Een twee drie vier vijf zes zeven acht negen tien elf twaalf dertien veertien vijftien zestien.", "16 words"),
    ],
)
def test_style_findings_name_the_problem(words: WordLists, text: str, expected: str) -> None:
    findings = check_text(text, 9, words)
    assert len(findings) == 1 and expected in findings[0].message and findings[0].line == 9


def test_words_that_only_look_like_abbreviations_or_diminutives_are_not_found(words: WordLists) -> None:
    """Capitals at the start of a sentence or a name, the capital IJ, words
    that end in -je after n, l or r, and the abbreviations the rules allow."""
    texts = [
        "Ik kijk het na. U woont in IJsselstein, aan de IJssel.",
        "U krijgt een oranje envelop uit Spanje.",
        "Log in met DigiD. Het KCC belt u terug.",
    ]
    assert [f.message for text in texts for f in check_text(text, 1, words)] == []


def test_an_organisations_abbreviation_is_answered_with_its_full_name(words: WordLists) -> None:
    known = load_word_lists(resource_path("scripts", "taalregels.toml"), {"DUO": "Dienst Uitvoering Onderwijs"})
    assert [f.message for f in check_text("Bel de Duo.", 1, known)] == [
        'write "Dienst Uitvoering Onderwijs" in full, not "Duo"'
    ]
