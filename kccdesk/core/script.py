"""Call scripts: what the agent says in each phase, with the caller's name,
the greeting and the municipality filled in; why (guidance, for trainees);
what to have done (a checklist); and in phase 3 (actie) one branch for each
way the question is handled, whose id is the registration's outcome.

A prompt is text with placeholders: ``{caller}``. A part in square brackets
is optional and left out when one of its placeholders has no value:
``Ik wens u een fijne dag verder[, {caller}].`` A placeholder outside brackets
with no value shows as "…", the gap the agent fills in. Values are inserted as
plain text: a caller's display name can never become markup or a placeholder.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path

from kccdesk.core.phases import PHASES, Phase
from kccdesk.core.toml_lines import FileProblem, line_of, read_toml
from kccdesk.i18n import _

PLACEHOLDERS = ("greeting", "municipality", "agent", "caller", "subject", "colleague", "organisation")
BRANCHES = ("resolved", "warm_transfer", "callback_request", "referral", "email_request")  # Outcome codes
MISSING = "…"
MAX_VALUE_LENGTH = 80

_TOKEN = re.compile(r"\[(?P<optional>[^\[\]]*)\]|\{(?P<name>[a-z_]+)\}")
_ID = re.compile(r"^[a-z][a-z0-9_]*$")
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2066-\u2069]")


class ScriptError(FileProblem):
    """A call script or subject script that cannot be used, and why."""


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
class ChecklistItem:
    id: str
    text: str


@dataclass(frozen=True)
class Branch:
    """One way phase 3 ends; ``id`` is an outcome code (kccdesk.core.registration)."""

    id: str
    title: str
    prompts: tuple[Prompt, ...] = ()
    guidance: str = ""
    checklist: tuple[ChecklistItem, ...] = ()


@dataclass(frozen=True)
class PhaseScript:
    phase: Phase
    title: str
    prompts: tuple[Prompt, ...]
    guidance: str = ""
    checklist: tuple[ChecklistItem, ...] = ()
    branches: Mapping[str, Branch] = field(default_factory=dict)


@dataclass(frozen=True)
class CallScript:
    name: str
    phases: Mapping[Phase, PhaseScript]

    def prompts(self, phase: Phase, values: Mapping[str, str], branch: str | None = None) -> list[str]:
        """What to say in the phase (and in its chosen branch), values filled in."""
        clean = {key: plain_value(value) for key, value in values.items()}
        prompts = self.phases[phase].prompts + self._branch(phase, branch, "prompts")
        return [render(p.text, clean) for p in prompts if p.applies(clean)]

    def checklist(self, phase: Phase, branch: str | None = None) -> tuple[ChecklistItem, ...]:
        return self.phases[phase].checklist + self._branch(phase, branch, "checklist")

    def guidance(self, phase: Phase, branch: str | None = None) -> list[str]:
        texts = [self.phases[phase].guidance, *self._branch_guidance(phase, branch)]
        return [text for text in texts if text]

    def branches(self, phase: Phase) -> list[Branch]:
        return list(self.phases[phase].branches.values())

    def with_subject(self, subject: SubjectScript | None) -> CallScript:
        """This script with a subject's prompts and checklist items added to its phases."""
        if subject is None:
            return self
        phases = {
            phase: replace(
                part,
                prompts=part.prompts + subject.prompts.get(phase, ()),
                checklist=part.checklist + subject.checklist.get(phase, ()),
            )
            for phase, part in self.phases.items()
        }
        return CallScript(name=f"{self.name} · {subject.title}", phases=phases)


    def _branch(self, phase: Phase, branch: str | None, part: str) -> tuple:  # type: ignore[type-arg]
        chosen = self.phases[phase].branches.get(branch or "")
        return getattr(chosen, part) if chosen else ()

    def _branch_guidance(self, phase: Phase, branch: str | None) -> list[str]:
        chosen = self.phases[phase].branches.get(branch or "")
        return [chosen.guidance] if chosen else []


@dataclass(frozen=True)
class SubjectScript:
    """Prompts and checklist items for one subject (passport, waste, Wmo…),
    added to the phases of the main script once the agent picks the subject."""

    title: str
    upl: str = ""  # the subject's name in the UPL, for the registration
    prompts: Mapping[Phase, tuple[Prompt, ...]] = field(default_factory=dict)
    checklist: Mapping[Phase, tuple[ChecklistItem, ...]] = field(default_factory=dict)


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
    text, data = read_toml(path, ScriptError)
    phases_data = data.get("phases")
    if not isinstance(phases_data, dict):
        raise ScriptError(path, _("the script has no [phases] table"))
    phases: dict[Phase, PhaseScript] = {}
    for phase in PHASES:
        entry = phases_data.get(phase.value)
        if not isinstance(entry, dict):
            raise ScriptError(path, _("phase {phase!r} is missing").format(phase=phase.value))
        table = f"phases.{phase.value}"
        branches = entry.get("branches", {})
        if branches and phase is not Phase.ACTION:
            first = next(iter(branches))
            raise ScriptError(path, _("only phase 'action' has branches"), line_of(text, f"{table}.branches.{first}"))
        if not isinstance(branches, dict):
            raise ScriptError(path, _("'branches' must be a table of branches"), line_of(text, table))
        phases[phase] = PhaseScript(
            phase=phase,
            title=_text(path, text, table, entry, "title", phase.value),
            prompts=_prompts(path, text, table, entry),
            guidance=_text(path, text, table, entry, "guidance", ""),
            checklist=_checklist(path, text, table, entry),
            branches={key: _branch(path, text, f"{table}.branches.{key}", key, value) for key, value in branches.items()},
        )
    ids = [item.id for phase in phases.values() for item in phase.checklist]
    doubled = sorted({i for i in ids if ids.count(i) > 1})
    if doubled:
        lines = [n for n, line in enumerate(text.splitlines(), 1) if f'"{doubled[0]}"' in line]
        raise ScriptError(
            path, _("checklist item {id!r} appears twice").format(id=doubled[0]), lines[1] if len(lines) > 1 else None
        )
    return CallScript(name=str(data.get("name", path.stem)), phases=phases)


def load_subject_script(path: Path) -> SubjectScript:
    """A subject script: ``subject = "…"``, optionally ``upl = "…"``, and per
    phase the prompts and checklist items it adds."""
    text, data = read_toml(path, ScriptError)
    title = data.get("subject")
    if not isinstance(title, str) or not title.strip():
        raise ScriptError(path, _('a subject script needs subject = "…"'))
    phases_data = data.get("phases", {})
    if not isinstance(phases_data, dict):
        raise ScriptError(path, _("the script has no [phases] table"))
    prompts: dict[Phase, tuple[Prompt, ...]] = {}
    checklist: dict[Phase, tuple[ChecklistItem, ...]] = {}
    for key, entry in phases_data.items():
        phase = next((p for p in PHASES if p.value == key), None)
        if phase is None or not isinstance(entry, dict):
            raise ScriptError(path, _("unknown phase {phase!r}").format(phase=key), line_of(text, f"phases.{key}"))
        prompts[phase] = _prompts(path, text, f"phases.{key}", entry)
        checklist[phase] = _checklist(path, text, f"phases.{key}", entry)
    upl = data.get("upl", "")
    return SubjectScript(" ".join(title.split()), upl if isinstance(upl, str) else "", prompts, checklist)


def _branch(path: Path, text: str, table: str, key: str, entry: object) -> Branch:
    if key not in BRANCHES:
        raise ScriptError(
            path,
            _("unknown branch {key!r}; the branches are: {choices}").format(key=key, choices=", ".join(BRANCHES)),
            line_of(text, table),
        )
    if not isinstance(entry, dict):
        raise ScriptError(path, _("branch {key!r} must be a table").format(key=key), line_of(text, table))
    return Branch(
        id=key,
        title=_text(path, text, table, entry, "title", key),
        prompts=_prompts(path, text, table, entry),
        guidance=_text(path, text, table, entry, "guidance", ""),
        checklist=_checklist(path, text, table, entry),
    )


def _text(path: Path, text: str, table: str, entry: dict[str, object], key: str, default: str) -> str:
    value = entry.get(key, default)
    if not isinstance(value, str):
        raise ScriptError(path, _("{field!r} in [{table}] must be text").format(field=key, table=table), line_of(text, table, key))
    return " ".join(value.split())


def _prompts(path: Path, text: str, table: str, entry: dict[str, object]) -> tuple[Prompt, ...]:
    items = entry.get("prompts", [])
    if not isinstance(items, list):
        raise ScriptError(path, _("'prompts' in [{table}] must be a list").format(table=table), line_of(text, table, "prompts"))
    return tuple(_prompt(path, text, table, item) for item in items)


def _checklist(path: Path, text: str, table: str, entry: dict[str, object]) -> tuple[ChecklistItem, ...]:
    items = entry.get("checklist", [])
    if not isinstance(items, list):
        raise ScriptError(path, _("'checklist' in [{table}] must be a list").format(table=table), line_of(text, table, "checklist"))
    checklist = []
    for item in items:
        if not (isinstance(item, dict) and isinstance(item.get("id"), str) and isinstance(item.get("text"), str)):
            raise ScriptError(
                path,
                _("a checklist item in [{table}] needs an id and a text").format(table=table),
                line_of(text, table, "checklist"),
            )
        if not _ID.match(item["id"]):
            raise ScriptError(
                path,
                _("checklist id {id!r} may have only small letters, digits and _").format(id=item["id"]),
                line_of(text, table, item["id"]),
            )
        checklist.append(ChecklistItem(item["id"], " ".join(item["text"].split())))
    return tuple(checklist)


def _prompt(path: Path, text: str, table: str, item: object) -> Prompt:
    if isinstance(item, str):
        prompt = Prompt(item)
    elif isinstance(item, dict) and isinstance(item.get("text"), str):
        prompt = Prompt(item["text"], only_if=item.get("if"), unless=item.get("unless"))
    else:
        raise ScriptError(path, _("a prompt in [{table}] has no text").format(table=table), line_of(text, table))
    names = re.findall(r"\{([a-z_]+)\}", prompt.text)
    for name in (*names, prompt.only_if, prompt.unless):
        if name is not None and name not in PLACEHOLDERS:
            line = line_of(text, table, "{" + name + "}") if name in names else line_of(text, table, f'"{name}"')
            raise ScriptError(path, _("unknown placeholder {name!r} in [{table}]").format(name=name, table=table), line)
    return prompt
