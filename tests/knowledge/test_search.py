"""Search as the agent types: Dutch words meet in their stems, accents do
not matter, keywords weigh more than the question and that more than the
text, the word being typed counts as a beginning, and answers past their
date are gone."""

from __future__ import annotations

from datetime import datetime, time

import pytest

from kccdesk.core.clock import ManualClock
from kccdesk.core.knowledge import Source, grouped
from kccdesk.knowledge.words import query, stem_set
from kccdesk.services.knowledge import Knowledge
from tests.knowledge.fixed_set import TODAY, load_fixed_set


@pytest.fixture
def knowledge(db, tmp_path):
    load_fixed_set(db, tmp_path)
    return Knowledge(db, ManualClock(datetime.combine(TODAY, time(10)).astimezone()))


def titles(hits):
    return [hit.item.title for hit in hits]


def test_dutch_words_meet_in_their_stems_and_accents_are_folded():
    assert stem_set("paspoorten") == stem_set("Paspoort")
    assert stem_set("verhuizing") == stem_set("verhuizen")
    assert stem_set("Café") == stem_set("cafe")
    assert stem_set("hoe vraag ik een paspoort aan") == stem_set("vraag paspoort")  # common words do not count


@pytest.mark.parametrize(
    "text",
    [
        "Uw paspoort/ID-kaart (of rijbewijs) is 10 jaar geldig; kosten: € 84,60.",
        "de en het",
        "Verhuizing doorgeven?? Verhuizen, verhuisd... VERHUIZING!",
        "Één café, twee cafés: e-mail naar info@voorbeeldstad.nl",
        "",
    ],
)
def test_a_texts_stems_are_its_words_stems_the_first_time_and_every_time_after(text):
    """A large import makes the stems of each piece of text once and looks
    them up after: the answer is found by each of its words all the same."""
    words = {stem for word in text.split() for stem in query(word + " ").words}
    assert stem_set(text) == words
    assert stem_set(text) == words  # now from what was kept


def test_a_plural_finds_the_singular_and_the_keyword_weighs_most(knowledge):
    found = knowledge.search("paspoorten ")
    assert titles(found)[0] == "Hoe vraag ik een paspoort aan?"  # paspoort in its keywords and question
    assert titles(found)[1] == "Ik ga op reis. Wat heb ik nodig?"  # only in the text
    assert "Fatima El Amrani" in titles(found)  # a colleague who handles passports


def test_the_question_weighs_more_than_the_text(knowledge):
    found = titles(knowledge.search("verhuizing "))
    # "verhuizing" in the question of the first; "verhuizen" in the question of the second, equal:
    # the title decides; the colleague (text only) comes after both.
    assert found == [
        "Hoe geef ik door dat ik ga verhuizen?",
        "Welke papieren heb ik nodig bij een verhuizing?",
        "Fatima El Amrani",
    ]


def test_results_are_grouped_by_source_the_best_group_first(knowledge):
    groups = grouped(knowledge.search("paspoort "))
    assert [source for source, _hits in groups] == [Source.VAC, Source.COLLEAGUE]


def test_the_word_being_typed_is_a_beginning(knowledge):
    assert titles(knowledge.search("pasp"))[0] == "Hoe vraag ik een paspoort aan?"
    assert titles(knowledge.search("Paspoorten"))[0] == "Hoe vraag ik een paspoort aan?"  # a whole word, no space yet
    assert titles(knowledge.search("rijbewijs kos")) == ["Wat kost een rijbewijs?"]
    assert knowledge.search("verhuiz")  # the stem ends in s: verhuis


def test_accents_typed_or_not_find_the_same(knowledge):
    terrace = ["Wat is het tarief voor een café-terras?"]
    assert titles(knowledge.search("cafe ")) == titles(knowledge.search("café ")) == terrace


def test_an_answer_past_its_date_is_not_shown(knowledge, db):
    assert "Kan ik een oud paspoort nog gebruiken?" not in titles(knowledge.search("paspoort "))
    earlier = Knowledge(db, ManualClock(datetime(2026, 1, 31, 17, 0).astimezone()))
    assert "Kan ik een oud paspoort nog gebruiken?" in titles(earlier.search("paspoort "))  # on its last day


def test_nothing_for_only_common_words_or_nothing_known(knowledge):
    assert knowledge.search("hoe kan ik ") == []
    assert knowledge.search("zonnepanelen ") == []
    assert knowledge.search("") == []
