"""Call scripts: what the agent says in each phase, with the caller's name,
the greeting and the municipality filled in.

A prompt is text with placeholders: ``{caller}``. A part in square brackets
is optional and left out when one of its placeholders has no value:
``Ik wens u een fijne dag verder[, {caller}].`` A placeholder outside brackets
with no value shows as "…", the gap the agent fills in. Values are inserted as
plain text: a caller's display name can never become markup or a placeholder.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from kccdesk.core.phases import PHASES, Phase
from kccdesk.core.toml_lines import line_of

PLACEHOLDERS = ("greeting", "municipality", "agent", "caller", "subject", "colleague", "organisation")
MISSING = "…"
MAX_VALUE_LENGTH = 80

_TOKEN = re.compile(r"\[(?P<optional>[^\[\]]*)\]|\{(?P<name>[a-z_]+)\}")
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2066-\u2069]")


class ScriptError(Exception):
    def __init__(self, path: Path, problem: str, line: int | None = None) -> None:
        super().__init__(f"{path}:{line}: {problem}" if line is not None else f"{path}: {problem}")
        self.path = path
        self.problem = problem
        self.line = line


@dataclass(frozen=True)
class Prompt:
    text: str
    only_if: str | None = None  # shown only when this placeholder has a value
    unless: str | None = None  # shown only when it has none

    def applies(self, values: Mapping[str, str]) -> bool:
        if self.only_if is not None and not values.get(self.only_if):
            return False
        if self.unless is not None and values.get(self.unless):
            return False
        return True


@dataclass(frozen=True)
class PhaseScript:
    phase: Phase
    title: str
    prompts: tuple[Prompt, ...]


@dataclass(frozen=True)
class CallScript:
    name: str
    phases: Mapping[Phase, PhaseScript]

    def prompts(self, phase: Phase, values: Mapping[str, str]) -> list[str]:
        clean = {key: plain_value(value) for key, value in values.items()}
        return [render(p.text, clean) for p in self.phases[phase].prompts if p.applies(clean)]


def plain_value(value: str) -> str:
    """A value as it may appear in a prompt: one line of plain text, limited
    in length, without control or direction-changing characters."""
    text = " ".join(_CONTROL.sub(" ", value).split())
    if len(text) > MAX_VALUE_LENGTH:
        text = text[: MAX_VALUE_LENGTH - 1].rstrip() + "…"
    return text


def render(text: str, values: Mapping[str, str]) -> str:
    def replace(match: re.Match[str]) -> str:
        optional = match.group("optional")
        if optional is not None:
            names = re.findall(r"\{([a-z_]+)\}", optional)
            if any(not values.get(name) for name in names):
                return ""
            return _TOKEN.sub(replace, optional)
        return values.get(match.group("name")) or MISSING

    line = " ".join(_TOKEN.sub(replace, text).split()).replace(MISSING + ".", MISSING)
    return line[:1].upper() + line[1:]


def load_script(path: Path) -> CallScript:
    try:
        text = path.read_text(encoding="utf-8")
        data = tomllib.loads(text)
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ScriptError(path, str(exc)) from exc
    phases_data = data.get("phases")
    if not isinstance(phases_data, dict):
        raise ScriptError(path, "the script has no [phases] table")
    phases: dict[Phase, PhaseScript] = {}
    for phase in PHASES:
        entry = phases_data.get(phase.value)
        if not isinstance(entry, dict):
            raise ScriptError(path, f"phase {phase.value!r} is missing")
        phases[phase] = PhaseScript(
            phase=phase,
            title=str(entry.get("title", phase.value)),
            prompts=tuple(_prompt(path, text, phase, item) for item in entry.get("prompts", [])),
        )
    return CallScript(name=str(data.get("name", path.stem)), phases=phases)


def _prompt(path: Path, text: str, phase: Phase, item: object) -> Prompt:
    table = f"phases.{phase.value}"
    if isinstance(item, str):
        prompt = Prompt(item)
    elif isinstance(item, dict) and isinstance(item.get("text"), str):
        prompt = Prompt(item["text"], only_if=item.get("if"), unless=item.get("unless"))
    else:
        raise ScriptError(path, f"a prompt in phase {phase.value!r} has no text", line_of(text, table))
    names = re.findall(r"\{([a-z_]+)\}", prompt.text)
    for name in (*names, prompt.only_if, prompt.unless):
        if name is not None and name not in PLACEHOLDERS:
            line = line_of(text, table, "{" + name + "}") if name in names else line_of(text, table, f'"{name}"')
            raise ScriptError(path, f"unknown placeholder {name!r} in phase {phase.value!r}", line)
    return prompt
