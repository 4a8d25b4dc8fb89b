"""The few settings the start needs before the settings file is checked in
full: the language and the text size of the first frame, and whether the
SIP process should be started at once. Read with the TOML parser alone, each
falling back to its default when it is missing or wrong: the full check
(``settings.load_settings``) follows and stops a start on any mistake."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any


@dataclass(frozen=True)
class EarlySettings:
    language: str = "nl"
    text_size: int = 100
    sip_line: bool = False


def read_early(path: Path) -> EarlySettings:
    try:
        document = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        return EarlySettings()
    workstation, line = _table(document, "workstation"), _table(document, "line")
    language = workstation.get("language")
    text_size = workstation.get("text_size")
    return EarlySettings(
        language=language if language in ("nl", "en") else "nl",
        text_size=text_size if type(text_size) is int and 100 <= text_size <= 200 else 100,
        sip_line=line.get("kind") == "sip",
    )


def _table(document: dict[str, Any], name: str) -> dict[str, Any]:
    table = document.get(name)
    return table if isinstance(table, dict) else {}
