"""The rules of a subject's questions in the core (which are asked, what
will do: required ones filled in, each of its kind), the answers kept in a
draft across a restart, and the internal task's text, which keeps within its
1000 characters."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime

import pytest

from kccdesk.core.callback_questions import (
    ANSWER_MAX,
    LABEL_MAX,
    MAX_QUESTIONS,
    AnswerProblem,
    Kind,
    Question,
    QuestionSet,
    QuestionSets,
    Unanswered,
    merged,
    problem,
)
from kccdesk.core.draft import CallbackDetails, CallFacts, Entry, Missing, compose, missing_fields
from kccdesk.core.registration import Outcome
from kccdesk.core.subjects import SubjectList
from kccdesk.outbox.klantcontact import TASK_TEXT_MAX, task_text
from kccdesk.store.drafts import open_drafts, save_draft

FINE = Question("Nummer van de boete", required=True)
DAY = Question("Datum van de boete", Kind.DATE, required=True)
TIMES = Question("Hoe vaak al gemeld?", Kind.NUMBER)
WHAT = Question("Soort", Kind.CHOICE, options=("Parkeren", "Snelheid"))
SETS = QuestionSets([QuestionSet(("parkeerbelasting", "Parkeer boete"), (FINE, DAY, TIMES, WHAT))])
FACTS = CallFacts("c1", "0612345678", "", False, datetime(2026, 11, 23, 10, tzinfo=UTC), 3.0, 1, "Sanne")
DUE = datetime(2026, 11, 24, 17, tzinfo=UTC)


def entry(answers: tuple[tuple[str, str], ...] = (), subject: str = "Parkeerbelasting ") -> Entry:
    return Entry(subject, "Boete onterecht?", "", Outcome.CALLBACK_REQUEST, "Team Parkeren",
                 callback_number="0612345678", callback_answers=answers)  # fmt: skip


def test_a_subject_asks_its_set_case_and_spaces_ignored() -> None:
    assert SETS.asked("PARKEER  boete") == (FINE, DAY, TIMES, WHAT)
    assert SETS.asked("afvalpas") == ()


@pytest.mark.parametrize(
    ("question", "text", "expected"),
    [
        (FINE, "", AnswerProblem.MISSING),
        (FINE, "   ", AnswerProblem.MISSING),
        (FINE, "PB-1", None),
        (TIMES, "", None),  # not required
        (TIMES, "3", None),
        (TIMES, "drie", AnswerProblem.NOT_A_NUMBER),
        (DAY, "5-11-2026", None),
        (DAY, "05/11/2026", None),
        (DAY, "31-11-2026", AnswerProblem.NOT_A_DATE),
        (DAY, "gisteren", AnswerProblem.NOT_A_DATE),
        (WHAT, "Snelheid", None),
        (WHAT, "Fiets", AnswerProblem.NOT_A_CHOICE),
    ],
)
def test_an_answer_of_its_kind(question, text, expected) -> None:
    assert problem(question, text) == expected


def test_the_draft_keeps_the_sets_answers_normalised_and_in_order() -> None:
    given = (("Soort", "Parkeren"), (DAY.label, " 5-11-2026 "), ("Zaaknummer", "Z-9"), (FINE.label, "PB  1"))
    draft = compose(FACTS, None, entry(given), SubjectList([]), None, SETS)
    assert draft.callback.answers == ((FINE.label, "PB 1"), (DAY.label, "05-11-2026"), ("Soort", "Parkeren"))
    assert missing_fields(draft, SETS) == []
    assert Entry.of(draft).callback_answers == draft.callback.answers


def test_required_and_wrong_answers_keep_it_open_after_the_callback_number() -> None:
    draft = compose(FACTS, None, entry(((DAY.label, "morgen"), (TIMES.label, "x"))), SubjectList([]), None, SETS)
    draft = replace(draft, callback=replace(draft.callback, number=""))
    assert missing_fields(draft, SETS) == [
        Missing.CALLBACK_NUMBER,
        Unanswered(FINE.label, AnswerProblem.MISSING),
        Unanswered(DAY.label, AnswerProblem.NOT_A_DATE),
        Unanswered(TIMES.label, AnswerProblem.NOT_A_NUMBER),
    ]
    assert missing_fields(draft) == [Missing.CALLBACK_NUMBER]  # no sets: nothing asked


def test_another_outcome_asks_nothing() -> None:
    resolved = Entry("parkeerbelasting", "Vraag", "Antwoord", Outcome.RESOLVED)
    draft = compose(FACTS, None, resolved, SubjectList([]), None, SETS)
    assert draft.callback is None and missing_fields(draft, SETS) == []


def test_answers_to_another_subjects_questions_stay_in_the_entry() -> None:
    assert merged((("Zaaknummer", "Z-9"), (FINE.label, "old")), ((FINE.label, "PB 1"), (DAY.label, ""))) == (
        ("Zaaknummer", "Z-9"),
        (FINE.label, "PB 1"),
    )


def test_a_restart_loses_no_answer(db) -> None:
    draft = compose(FACTS, None, entry(((FINE.label, "PB 1"), (DAY.label, "5-11-2026"))), SubjectList([]), None, SETS)
    save_draft(db, draft)
    [kept] = open_drafts(db)
    assert kept == draft
    assert Entry.of(kept).callback_answers == ((FINE.label, "PB 1"), (DAY.label, "05-11-2026"))


def test_the_task_text_says_label_and_answer_a_line_each() -> None:
    callback = CallbackDetails("Team Parkeren", True, "06 12345678", "Boete onterecht?", DUE, ((FINE.label, "PB 1"),))
    assert task_text(callback) == (
        "Terugbellen naar 06 12345678, uiterlijk 24-11-2026 17:00. Boete onterecht?\nNummer van de boete: PB 1"
    )


def test_the_answers_always_fit_and_a_long_question_is_shortened() -> None:
    answers = tuple(((f"{n}" * LABEL_MAX)[:LABEL_MAX], "a" * ANSWER_MAX) for n in range(MAX_QUESTIONS))
    callback = CallbackDetails("Team Parkeren", True, "06 12345678", "lang " * 300, DUE, answers)
    text = task_text(callback)
    assert len(text) == TASK_TEXT_MAX
    head, *lines = text.split("\n")
    assert lines == [f"{label}: {answer}" for label, answer in answers]  # whole
    assert head.startswith("Terugbellen naar 06 12345678, uiterlijk 24-11-2026 17:00. lang lang") and head.endswith("…")
