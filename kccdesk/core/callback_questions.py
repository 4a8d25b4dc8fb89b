"""Question sets per callback-request subject: the extra facts a colleague
needs to call back about some subjects (the parking fine's number, the case
number), as a supervisor sets them in a file per subject.

The rules: which questions a subject asks, whether an answer will do
(required ones filled in, each of its kind), and the answers as they are kept
and travel: ``(label, answer)`` pairs in the order of the set, said as
"label: answer". The limits keep every answer of a set inside the internal
task's text (1000 characters): at most 6 questions, a label of at most 60
characters, an answer of at most 80.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

MAX_QUESTIONS = 6
LABEL_MAX = 60
ANSWER_MAX = 80

Answers = tuple[tuple[str, str], ...]  # (label, answer), in the order of the set


class Kind(enum.Enum):
    """What kind of answer a question takes."""

    TEXT = "text"
    NUMBER = "number"
    DATE = "date"
    CHOICE = "choice"


@dataclass(frozen=True)
class Question:
    """One question. Its label and options are the municipality's words, as
    the answers travel; on a screen in another language the set's own
    translation of them is shown (``shown_label``, ``shown_options``)."""

    label: str
    kind: Kind = Kind.TEXT
    required: bool = False
    options: tuple[str, ...] = ()  # the answers a choice offers
    hint: str = ""  # shown in the empty field, in the screen's language: where the caller finds it, how to write it
    shown_label: str = ""  # the label in the screen's language, when it is not the municipality's
    shown_options: tuple[str, ...] = ()  # the options so, in their order

    @property
    def on_screen(self) -> str:
        return self.shown_label or self.label

    def options_on_screen(self) -> tuple[tuple[str, str], ...]:
        """Each option as (shown, as it travels)."""
        return tuple(zip(self.shown_options or self.options, self.options, strict=True))


@dataclass(frozen=True)
class QuestionSet:
    """The questions of one file, asked for each of its subjects."""

    subjects: tuple[str, ...]
    questions: tuple[Question, ...]


class QuestionSets:
    """Every question set, found by the registration's subject (case ignored)."""

    def __init__(self, sets: Iterable[QuestionSet] = ()) -> None:
        self._by_subject: dict[str, QuestionSet] = {}
        for question_set in sets:  # a later set takes a subject over
            for subject in question_set.subjects:
                self._by_subject[_key(subject)] = question_set

    def __len__(self) -> int:
        return len(self._by_subject)

    def asked(self, subject: str) -> tuple[Question, ...]:
        """The questions a callback request about ``subject`` asks; none for most subjects."""
        found = self._by_subject.get(_key(subject))
        return found.questions if found else ()


NO_QUESTIONS = QuestionSets()


class AnswerProblem(enum.Enum):
    """Why an answer does not do yet (the view puts it in words)."""

    MISSING = "missing"
    NOT_A_NUMBER = "not_a_number"
    NOT_A_DATE = "not_a_date"
    NOT_A_CHOICE = "not_a_choice"


@dataclass(frozen=True)
class Unanswered:
    """A question that keeps the callback request from closing."""

    label: str  # as the answer travels (the municipality's words)
    problem: AnswerProblem
    shown: str = ""  # the label on screen, when that is in another language


_NUMBER = re.compile(r"\d+([.,]\d+)?")
_DATE = re.compile(r"(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})")


def normalised(question: Question, text: str) -> str:
    """An answer as it is kept: on one line, at most ANSWER_MAX characters,
    a date written as 23-11-2026."""
    answer = " ".join(text.split())[:ANSWER_MAX]
    if question.kind is Kind.DATE and (day := _date(answer)) is not None:
        return f"{day:%d-%m-%Y}"
    return answer


def problem(question: Question, text: str) -> AnswerProblem | None:
    """What is wrong with ``text`` as the answer to ``question``; None when it will do."""
    answer = normalised(question, text)
    if not answer:
        return AnswerProblem.MISSING if question.required else None
    if question.kind is Kind.NUMBER and not _NUMBER.fullmatch(answer.replace(" ", "")):
        return AnswerProblem.NOT_A_NUMBER
    if question.kind is Kind.DATE and _date(answer) is None:
        return AnswerProblem.NOT_A_DATE
    if question.kind is Kind.CHOICE and answer not in question.options:
        return AnswerProblem.NOT_A_CHOICE
    return None


def answers_for(questions: tuple[Question, ...], given: Answers) -> Answers:
    """The answers to ``questions`` among those given: normalised, the empty
    ones left out, in the order of the set."""
    by_label = dict(given)
    kept = ((q.label, normalised(q, by_label.get(q.label, ""))) for q in questions)
    return tuple((label, answer) for label, answer in kept if answer)


def unanswered(questions: tuple[Question, ...], given: Answers) -> list[Unanswered]:
    """The questions whose answer does not do yet, in the order of the set."""
    by_label = dict(given)
    found = ((q, problem(q, by_label.get(q.label, ""))) for q in questions)
    return [Unanswered(q.label, why, q.shown_label) for q, why in found if why is not None]


def merged(kept: Answers, shown: Answers) -> Answers:
    """The answers kept so far with those on screen over them: an answer to
    another subject's question stays, for when the agent goes back to it."""
    return tuple((label, answer) for label, answer in {**dict(kept), **dict(shown)}.items() if answer)


def answer_lines(answers: Answers) -> list[str]:
    """Each answer as it travels: "label: answer"."""
    return [f"{label}: {answer}" for label, answer in answers]


def _date(text: str) -> date | None:
    found = _DATE.fullmatch(text)
    if found is None:
        return None
    day, month, year = (int(part) for part in found.groups())
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _key(subject: str) -> str:
    return " ".join(subject.split()).casefold()
