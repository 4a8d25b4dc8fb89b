"""Reading the question sets of callback requests: a TOML file per subject
with the questions a callback request about it asks (the parking fine's
number, the case number). They ship in resources/callback_questions/; a
folder ``callback_questions/`` of the municipality's own in the settings
folder adds to them, and its file with the same name replaces the shipped
one. A broken file is reported with its line and left out; the other sets
keep working.

A file::

    subjects = ["parkeerbelasting", "parkeerboete"]   # as the registration names its subject

    [[question]]
    label = "Nummer van de boete"
    label_en = "Number of the fine"   # on an English screen (the answer travels with the label)
    kind = "text"          # text, number, date or choice (with options = [...] and options_en = [...])
    required = true
    hint = "Staat bovenaan de brief"
    hint_en = "At the top of the letter"
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from kccdesk.content.toml_lines import FileProblem, read_toml
from kccdesk.core.callback_questions import (
    ANSWER_MAX,
    LABEL_MAX,
    MAX_QUESTIONS,
    Kind,
    Question,
    QuestionSet,
    QuestionSets,
)
from kccdesk.i18n import DEFAULT_LANGUAGE, _, current_language

FOLDER = "callback_questions"
_KEYS = {"subjects", "question"}
_TRANSLATED = ("label", "hint", "options")  # with a version for the English screen: label_en and so on
_QUESTION_KEYS = {"kind", "required", *_TRANSLATED, *(f"{key}_en" for key in _TRANSLATED)}
_HEADER = "[[question]]"
_SYNTAX_LINE = re.compile(r"at line (\d+)")


class QuestionSetError(FileProblem):
    """A question set cannot be used, and why."""


def load_question_sets(folders: list[Path], language: str | None = None) -> tuple[QuestionSets, list[QuestionSetError]]:
    """Every usable set from ``folders`` (shipped first, the municipality's
    last: a later file with the same name replaces an earlier one, and a
    later set takes over a subject), shown in ``language`` (the screen's
    when None), and what was left out."""
    by_file: dict[str, Path] = {}
    for folder in folders:
        for path in sorted(folder.glob("*.toml")):
            by_file[path.name] = path
    sets, problems = [], []
    for path in by_file.values():
        try:
            sets.append(load_question_set(path, language))
        except QuestionSetError as error:
            problems.append(error)
    return QuestionSets(sets), problems


def problem_text(problems: list[QuestionSetError]) -> str:
    """Each file left out, with the line of its mistake: "file:line is left out: why"."""
    return "\n".join(
        _("{path} is left out: {problem}").format(path=f"{p.path}:{p.line}" if p.line else p.path, problem=p.problem)
        for p in problems
    )


def load_question_set(path: Path, language: str | None = None) -> QuestionSet:
    """One file's set, shown in ``language`` (the screen's when None);
    QuestionSetError with the line of the mistake. The English words are
    checked whichever language is shown."""
    english = (language or current_language()) != DEFAULT_LANGUAGE
    try:
        text, data = read_toml(path, QuestionSetError)
    except QuestionSetError as error:
        line = _SYNTAX_LINE.search(error.problem)
        raise QuestionSetError(path, error.problem, int(line.group(1)) if line else None) from error
    lines = text.splitlines()
    for key in data:
        if key not in _KEYS:
            raise QuestionSetError(path, _("unknown key {key!r}").format(key=key), _key_line(lines, 0, key))
    subjects = data.get("subjects")
    if not isinstance(subjects, list) or not subjects or not all(_text(s) for s in subjects):
        problem = _('write the subjects it is for: subjects = ["…"], as the registration names them')
        raise QuestionSetError(path, problem, _key_line(lines, 0, "subjects"))
    entries = data.get("question")
    if not isinstance(entries, list) or not entries:
        raise QuestionSetError(path, _("it asks no questions: add a [[question]] table"))
    starts = [n for n, line in enumerate(lines) if line.strip() == _HEADER]
    questions: list[Question] = []
    for index, entry in enumerate(entries):
        start = starts[index] if index < len(starts) else 0
        where = _Where(path, lines, start)
        if index == MAX_QUESTIONS:
            raise where.error(_("at most {n} questions per subject").format(n=MAX_QUESTIONS))
        question = _question(entry, where, english)
        if any(q.label.casefold() == question.label.casefold() for q in questions):
            raise where.error(_("{label!r} is asked twice").format(label=question.label), "label")
        questions.append(question)
    return QuestionSet(tuple(" ".join(s.split()) for s in subjects), tuple(questions))


class _Where:
    """Where a question stands in its file, for the line of a mistake."""

    def __init__(self, path: Path, lines: list[str], start: int) -> None:
        self.path, self.lines, self.start = path, lines, start

    def error(self, problem: str, key: str | None = None) -> QuestionSetError:
        line = _key_line(self.lines, self.start, key) if key else None
        return QuestionSetError(self.path, problem, line or self.start + 1)


def _question(entry: Any, where: _Where, english: bool) -> Question:
    if not isinstance(entry, dict):
        raise where.error(_("a question needs a [[question]] table"))
    for key in entry:
        if key not in _QUESTION_KEYS:
            raise where.error(_("unknown key {key!r}").format(key=key), key)
    label = _label(entry, "label", where)
    label_en = _label(entry, "label_en", where) if "label_en" in entry else ""
    try:
        kind = Kind(entry.get("kind", Kind.TEXT.value))
    except ValueError:
        problem = _("unknown kind {kind!r}: use text, number, date or choice").format(kind=entry.get("kind"))
        raise where.error(problem, "kind") from None
    required = entry.get("required", False)
    if not isinstance(required, bool):
        raise where.error(_("required is true or false"), "required")
    hint, hint_en = (_hint(entry, key, where) for key in ("hint", "hint_en"))
    options = _options(entry, "options", kind, where)
    options_en = _options(entry, "options_en", kind, where) if "options_en" in entry else ()
    if options_en and len(options_en) != len(options):
        raise where.error(_("options_en needs as many options as options, in the same order"), "options_en")
    if not english:
        return Question(label, kind, required, options, hint)
    return Question(label, kind, required, options, hint_en or hint, label_en, options_en)


def _label(entry: dict[str, Any], key: str, where: _Where) -> str:
    label = entry.get(key)
    if not isinstance(label, str) or not label.strip():
        raise where.error(_("a question has no label") if key == "label" else _("{key} is empty").format(key=key), key)
    label = " ".join(label.split())
    if len(label) > LABEL_MAX:
        raise where.error(_("the label is longer than {n} characters").format(n=LABEL_MAX), key)
    return label


def _hint(entry: dict[str, Any], key: str, where: _Where) -> str:
    hint = entry.get(key, "")
    if not isinstance(hint, str):
        raise where.error(_("the hint must be text"), key)
    return " ".join(hint.split())


def _options(entry: dict[str, Any], key: str, kind: Kind, where: _Where) -> tuple[str, ...]:
    options = entry.get(key)
    if kind is not Kind.CHOICE:
        if options is not None:
            raise where.error(_('only a question of kind = "choice" has options'), key)
        return ()
    if not isinstance(options, list) or not options or not all(_text(o) for o in options):
        raise where.error(_('a choice needs its options: options = ["…", "…"]'), key)
    cleaned = tuple(" ".join(o.split()) for o in options)
    if any(len(option) > ANSWER_MAX for option in cleaned):
        raise where.error(_("an option is longer than {n} characters").format(n=ANSWER_MAX), key)
    if len(set(cleaned)) != len(cleaned):
        raise where.error(_("an option is there twice"), key)
    return cleaned


def _text(value: object) -> bool:
    return isinstance(value, str) and bool(value.strip())


def _key_line(lines: list[str], start: int, key: str) -> int | None:
    """The 1-based line of ``key = …`` from line ``start`` (0-based) up to the
    next [[question]]; None when it is not written there."""
    pattern = re.compile(rf"^\s*{re.escape(key)}\s*=")
    for number, line in _block(lines, start):
        if pattern.match(line):
            return number
    return None


def _block(lines: list[str], start: int) -> Iterator[tuple[int, str]]:
    for index in range(start, len(lines)):
        if index > start and lines[index].strip() == _HEADER:
            return
        yield index + 1, lines[index]
