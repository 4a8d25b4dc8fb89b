"""Checking a file a municipality edits before it is used: a call script, a
subject script or the directory of organisations. Structure errors fail; the
language rules give warnings on the text the agent reads or says (not on
ids, codes, phone numbers or web addresses), each with its line."""

from __future__ import annotations

import tomllib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from kccdesk.content.language_rules import Finding, WordLists, check_text
from kccdesk.content.organisations import load_directory
from kccdesk.content.scripts import load_script, load_subject_script
from kccdesk.content.toml_lines import FileProblem

_NOT_TEXT = {"id", "if", "unless", "upl"}  # names and codes, not words
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
    result.warnings.sort(key=lambda finding: finding.line)
    return result


def _kind(data: dict[str, object]) -> tuple[Callable[[Path], object], Callable[[object], Iterator[str]]]:
    """How to read the file, and where its text is."""
    if "organisation" in data:
        return load_directory, _directory_texts
    if "subject" in data:
        return load_subject_script, _texts
    return load_script, _texts


def _texts(data: object) -> Iterator[str]:
    """Every text in a script the agent will read or say."""
    if isinstance(data, dict):
        for key, value in data.items():
            if key not in _NOT_TEXT:
                yield from _texts(value)
    elif isinstance(data, list):
        for value in data:
            yield from _texts(value)
    elif isinstance(data, str):
        yield data


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
