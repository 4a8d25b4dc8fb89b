"""Checking a script file: structure errors (which fail) and language
findings on the text the agent will say (warnings), each with its line."""

from __future__ import annotations

import tomllib
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from kccdesk.content.language_rules import Finding, WordLists, check_text
from kccdesk.content.scripts import ScriptError, load_script, load_subject_script


@dataclass
class CheckResult:
    path: Path
    error: ScriptError | None = None
    warnings: list[Finding] = field(default_factory=list)

    @property
    def passed(self) -> bool:
        return self.error is None


def check_script_file(path: Path, words: WordLists) -> CheckResult:
    result = CheckResult(path)
    try:
        text = path.read_text(encoding="utf-8")
        is_subject = "subject" in tomllib.loads(text)
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        is_subject = False  # the loader says what is wrong
    try:
        (load_subject_script if is_subject else load_script)(path)
    except ScriptError as exc:
        result.error = exc
        return result
    lines = text.splitlines()
    for value in _texts(tomllib.loads(text)):
        result.warnings.extend(check_text(" ".join(value.split()), _line_of_text(lines, value), words))
    result.warnings.sort(key=lambda finding: finding.line)
    return result


def _texts(data: object) -> Iterator[str]:
    """Every text in the script the agent will read (not ids or codes)."""
    if isinstance(data, dict):
        for key, value in data.items():
            if key not in ("id", "if", "unless"):
                yield from _texts(value)
    elif isinstance(data, list):
        for value in data:
            yield from _texts(value)
    elif isinstance(data, str):
        yield data


def _line_of_text(lines: list[str], value: str) -> int:
    """The line a text starts on: where its first line stands in the file."""
    first = next((part.strip() for part in value.splitlines() if part.strip()), "")
    for number, line in enumerate(lines, 1):
        if first and first in line.replace('\\"', '"'):
            return number
    return 1
