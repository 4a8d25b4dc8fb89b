"""Reading a TOML file a person edits, and saying where it is wrong: tomllib
says where a syntax error is, but not where a value that parses yet is wrong."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path
from typing import Any


class FileProblem(Exception):
    """What is wrong with a file, and on which line when that is known."""

    def __init__(self, path: Path, problem: str, line: int | None = None) -> None:
        super().__init__(f"{path}:{line}: {problem}" if line is not None else f"{path}: {problem}")
        self.path = path
        self.problem = problem
        self.line = line


def read_toml(path: Path, error: type[FileProblem]) -> tuple[str, dict[str, Any]]:
    """The file's text and its tables; ``error`` when it cannot be read or parsed."""
    try:
        text = path.read_text(encoding="utf-8")
        return text, tomllib.loads(text)
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise error(path, str(exc)) from exc


_HEADER = re.compile(r"^\s*\[+\s*([^\]]+?)\s*\]+\s*(#.*)?$")


def line_of(text: str, table: str, needle: str | None = None) -> int | None:
    """The 1-based line of ``[table]``, or of the first line in that table
    containing ``needle``; None when it is not there."""
    current: str | None = None
    header_line: int | None = None
    for number, line in enumerate(text.splitlines(), 1):
        header = _HEADER.match(line)
        if header:
            current = header.group(1)
            if current == table:
                header_line = number
                if needle is None:
                    return number
            continue
        if current == table and needle is not None and needle in line:
            return number
    return header_line
