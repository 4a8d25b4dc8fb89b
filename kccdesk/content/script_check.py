"""Checking a file a municipality edits before it is used: a call script, a
subject script or the directory of organisations. Structure errors fail; the
language rules give warnings on the Dutch text the agent reads or says (not
on ids, codes, phone numbers or web addresses, nor on the English), each
with its line. A script's words about itself (titles, guidance, checklist
items, a subject) without their English are warned about too: a screen in
English would show them in Dutch."""

from __future__ import annotations

import tomllib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from kccdesk.content.callback_questions import load_question_set
from kccdesk.content.language_rules import Finding, WordLists, check_text
from kccdesk.content.organisations import load_directory
from kccdesk.content.scripts import load_script, load_subject_script
from kccdesk.content.toml_lines import FileProblem
from kccdesk.i18n import _

_NOT_TEXT = {"id", "if", "unless", "upl"}  # names and codes, not words
ENGLISH = "_en"  # the English beside a Dutch text: title_en beside title
_SHOWN = ("title", "guidance", "text", "subject")  # what the screen says about a script (text: a checklist item's)
_DIRECTORY_TEXT = ("name", "spoken")  # an organisation's phone, website and abbreviation are not said as text


@dataclass
class CheckResult:
    path: Path
    error: FileProblem | None = None
    warnings: list[Finding] = field(default_factory=list)

    @property
    def passed(self) -> bool:
        return self.error is None


def check_script_file(path: Path, words: WordLists) -> CheckResult:
    result = CheckResult(path)
    try:
        text = path.read_text(encoding="utf-8")
        data = tomllib.loads(text)
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        text, data = "", {}  # the loader says what is wrong
    load, texts = _kind(data)
    try:
        load(path)
    except FileProblem as exc:
        result.error = exc
        return result
    lines = text.splitlines()
    for value in texts(data):
        result.warnings.extend(check_text(" ".join(value.split()), _line_of_text(lines, value), words))
    if texts is _texts:
        result.warnings.extend(_without_english(data, lines))
    elif texts is _question_texts:
        result.warnings.extend(_questions_without_english(data, lines))
    result.warnings.sort(key=lambda finding: finding.line)
    return result


def _without_english(data: object, lines: list[str]) -> list[Finding]:
    """The script's words about itself that have no English: one warning for
    a file without any English, else one for each text that lacks it."""
    shown = list(_shown(data))
    missing = [(entry[key], key) for entry, key in shown if not entry.get(key + ENGLISH)]
    if not missing:
        return []
    if len(missing) == len(shown):
        problem = _(
            "no English: a screen in English shows the titles, guidance and checklist in Dutch "
            "(add title_en, guidance_en, text_en, subject_en)"
        )
        return [Finding(_line_of_text(lines, missing[0][0]), problem)]
    return [
        Finding(_line_of_text(lines, value), _("no English for this text: add {key}").format(key=key + ENGLISH))
        for value, key in missing
    ]


def _questions_without_english(data: object, lines: list[str]) -> list[Finding]:
    """A question's label, hint or options that a screen in English would show in Dutch."""
    entries = data.get("question", []) if isinstance(data, dict) else []
    found = []
    for entry in entries:
        for key in ("label", "hint", "options"):
            value = entry.get(key)
            if value and not entry.get(key + ENGLISH):
                first = value if isinstance(value, str) else str(value[0])
                problem = _("no English for this text: add {key}").format(key=key + ENGLISH)
                found.append(Finding(_line_of_text(lines, first), problem))
    return found


def _shown(data: object) -> Iterator[tuple[dict[str, str], str]]:
    """Each table with a text the screen shows about the script, and its key."""
    if isinstance(data, dict):
        for key in _SHOWN:
            if isinstance(data.get(key), str) and (key != "text" or "id" in data):  # a prompt's text is said
                yield data, key
        for value in data.values():
            yield from _shown(value)
    elif isinstance(data, list):
        for value in data:
            yield from _shown(value)


def _kind(data: dict[str, object]) -> tuple[Callable[[Path], object], Callable[[object], Iterator[str]]]:
    """How to read the file, and where its text is."""
    if "organisation" in data:
        return load_directory, _directory_texts
    if "question" in data:
        return load_question_set, _question_texts
    if "subject" in data:
        return load_subject_script, _texts
    return load_script, _texts


def _texts(data: object) -> Iterator[str]:
    """Every Dutch text in a script the agent will read or say."""
    if isinstance(data, dict):
        for key, value in data.items():
            if key not in _NOT_TEXT and not key.endswith(ENGLISH):
                yield from _texts(value)
    elif isinstance(data, list):
        for value in data:
            yield from _texts(value)
    elif isinstance(data, str):
        yield data


def _question_texts(data: object) -> Iterator[str]:
    """A callback request's questions as the agent reads them: labels, hints, options."""
    entries = data.get("question", []) if isinstance(data, dict) else []
    for entry in entries:
        for value in (entry.get("label"), entry.get("hint"), *entry.get("options", ())):
            if isinstance(value, str):
                yield value


def _directory_texts(data: object) -> Iterator[str]:
    """Each organisation's full name and how it is said."""
    entries = data.get("organisation", []) if isinstance(data, dict) else []
    for entry in entries:
        for key in _DIRECTORY_TEXT:
            value = entry.get(key)
            if isinstance(value, str):
                yield value


def _line_of_text(lines: list[str], value: str) -> int:
    """The line a text starts on: where its first line stands in the file
    (outside the comments)."""
    first = next((part.strip() for part in value.splitlines() if part.strip()), "")
    for number, line in enumerate(lines, 1):
        if first and first in line.replace('\\"', '"') and not line.lstrip().startswith("#"):
            return number
    return 1
