"""Checking a script file: structure errors (which fail) and language
findings on the text the agent will say (warnings), each with its line."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from kccdesk.core.language import Finding, WordLists, check_text
from kccdesk.core.script import ScriptError, load_script

_QUOTED = re.compile(r'"((?:[^"\\]|\\.)*)"|\'([^\']*)\'')


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
        load_script(path)
    except ScriptError as exc:
        result.error = exc
        return result
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if line.lstrip().startswith("#"):
            continue
        for match in _QUOTED.finditer(line):
            result.warnings.extend(check_text(match.group(1) or match.group(2) or "", number, words))
    return result
