"""Reading call scripts and subject scripts from their TOML files: every
table and value is checked, and a mistake is refused with the file, its
line and the problem in plain words."""

from __future__ import annotations

import re
from pathlib import Path

from kccdesk.content.toml_lines import FileProblem, line_of, read_toml
from kccdesk.core.phases import PHASES, Phase
from kccdesk.core.registration import Outcome
from kccdesk.core.script import (
    PLACEHOLDERS,
    Branch,
    CallScript,
    ChecklistItem,
    PhaseScript,
    Prompt,
    SubjectScript,
)
from kccdesk.i18n import _

_ID = re.compile(r"^[a-z][a-z0-9_]*$")


class ScriptError(FileProblem):
    """A call script or subject script that cannot be used, and why."""


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
            branches=_branches(path, text, table, branches),
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


def _branches(path: Path, text: str, table: str, entries: dict[str, object]) -> dict[Outcome, Branch]:
    """Phase 3's branches, each by the outcome its name (a code) stands for."""
    branches = {}
    for key, entry in entries.items():
        branch = _branch(path, text, f"{table}.branches.{key}", key, entry)
        branches[branch.outcome] = branch
    return branches


def _branch(path: Path, text: str, table: str, key: str, entry: object) -> Branch:
    codes = [outcome.code for outcome in Outcome]
    if key not in codes:
        raise ScriptError(
            path,
            _("unknown branch {key!r}; the branches are: {choices}").format(key=key, choices=", ".join(codes)),
            line_of(text, table),
        )
    if not isinstance(entry, dict):
        raise ScriptError(path, _("branch {key!r} must be a table").format(key=key), line_of(text, table))
    return Branch(
        outcome=Outcome.from_code(key),
        title=_text(path, text, table, entry, "title", key),
        prompts=_prompts(path, text, table, entry),
        guidance=_text(path, text, table, entry, "guidance", ""),
        checklist=_checklist(path, text, table, entry),
    )


def _text(path: Path, text: str, table: str, entry: dict[str, object], key: str, default: str) -> str:
    value = entry.get(key, default)
    if not isinstance(value, str):
        raise ScriptError(
            path, _("{field!r} in [{table}] must be text").format(field=key, table=table), line_of(text, table, key)
        )
    return " ".join(value.split())


def _prompts(path: Path, text: str, table: str, entry: dict[str, object]) -> tuple[Prompt, ...]:
    items = entry.get("prompts", [])
    if not isinstance(items, list):
        raise ScriptError(
            path, _("'prompts' in [{table}] must be a list").format(table=table), line_of(text, table, "prompts")
        )
    return tuple(_prompt(path, text, table, item) for item in items)


def _checklist(path: Path, text: str, table: str, entry: dict[str, object]) -> tuple[ChecklistItem, ...]:
    items = entry.get("checklist", [])
    if not isinstance(items, list):
        raise ScriptError(
            path, _("'checklist' in [{table}] must be a list").format(table=table), line_of(text, table, "checklist")
        )
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
