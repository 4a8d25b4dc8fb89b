"""Line numbers for places in a TOML file, for error messages: tomllib says
where a syntax error is, but not where a value that parses yet is wrong."""

from __future__ import annotations

import re

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
