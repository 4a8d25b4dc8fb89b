"""Reading call scripts and subject scripts from their TOML files: every
table and value is checked, and a mistake is refused with the file, its
line and the problem in plain words.

What the agent says is Dutch (the caller is Dutch). What the screen says
about the script itself — the titles of the phases and branches, the
guidance, the checklist items and a subject — is read in the screen's
language: ``title_en``, ``guidance_en``, ``text_en`` and ``subject_en`` give
the English beside the Dutch ``title``, ``guidance``, ``text`` and
``subject``; where a file gives none, the screen shows the Dutch."""

from __future__ import annotations

import re
from dataclasses import dataclass
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
from kccdesk.i18n import DEFAULT_LANGUAGE, LANGUAGES, _, current_language

_ID = re.compile(r"^[a-z][a-z0-9_]*$")


class ScriptError(FileProblem):
    """A call script or subject script that cannot be used, and why."""


def load_script(path: Path, language: str | None = None) -> CallScript:
    """The call script of ``path``, its words about itself in ``language``
    (default: the screen's)."""
    text, data = read_toml(path, ScriptError)
    shown = _Shown(path, text, language or current_language())
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
            title=shown.text_of(table, entry, "title", phase.value),
            prompts=_prompts(path, text, table, entry),
            guidance=shown.text_of(table, entry, "guidance", ""),
            checklist=shown.checklist(table, entry),
            branches=_branches(shown, table, branches),
        )
    ids = [item.id for phase in phases.values() for item in phase.checklist]
    doubled = sorted({i for i in ids if ids.count(i) > 1})
    if doubled:
        lines = [n for n, line in enumerate(text.splitlines(), 1) if f'"{doubled[0]}"' in line]
        raise ScriptError(
            path, _("checklist item {id!r} appears twice").format(id=doubled[0]), lines[1] if len(lines) > 1 else None
        )
    return CallScript(name=str(data.get("name", path.stem)), phases=phases)


def load_subject_script(path: Path, language: str | None = None) -> SubjectScript:
    """A subject script: ``subject = "…"``, optionally ``upl = "…"``, and per
    phase the prompts and checklist items it adds; its title and checklist
    in ``language`` (default: the screen's)."""
    text, data = read_toml(path, ScriptError)
    shown = _Shown(path, text, language or current_language())
    spoken = data.get("subject")
    if not isinstance(spoken, str) or not spoken.strip():
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
        checklist[phase] = shown.checklist(f"phases.{key}", entry)
    upl = data.get("upl", "")
    return SubjectScript(
        title=shown.text_of("", data, "subject", spoken),
        spoken=" ".join(spoken.split()),
        upl=upl if isinstance(upl, str) else "",
        prompts=prompts,
        checklist=checklist,
    )


@dataclass(frozen=True)
class _Shown:
    """Reads what the screen says about a script, in the screen's language:
    ``key_en`` beside the Dutch ``key``. The text in every language is
    checked, whichever language is read."""

    path: Path
    text: str  # the file's text, for the line of a mistake
    language: str

    def text_of(self, table: str, entry: dict[str, object], key: str, default: str) -> str:
        """``key`` of ``[table]`` (of the file itself when ``table`` is "")."""
        for variant in _variants(key):
            if isinstance(entry.get(variant, ""), str):
                continue
            if table:
                problem = _("{field!r} in [{table}] must be text").format(field=variant, table=table)
                raise ScriptError(self.path, problem, line_of(self.text, table, variant))
            problem = _("{field!r} must be text").format(field=variant)
            raise ScriptError(self.path, problem, _line_of_key(self.text, variant))
        translated = entry.get(f"{key}_{self.language}", "") if self.language != DEFAULT_LANGUAGE else ""
        return " ".join(str(translated or entry.get(key, default)).split())

    def checklist(self, table: str, entry: dict[str, object]) -> tuple[ChecklistItem, ...]:
        items = entry.get("checklist", [])
        if not isinstance(items, list):
            raise ScriptError(
                self.path,
                _("'checklist' in [{table}] must be a list").format(table=table),
                line_of(self.text, table, "checklist"),
            )
        checklist = []
        for item in items:
            if not (isinstance(item, dict) and isinstance(item.get("id"), str) and isinstance(item.get("text"), str)):
                raise ScriptError(
                    self.path,
                    _("a checklist item in [{table}] needs an id and a text").format(table=table),
                    line_of(self.text, table, "checklist"),
                )
            if not _ID.match(item["id"]):
                raise ScriptError(
                    self.path,
                    _("checklist id {id!r} may have only small letters, digits and _").format(id=item["id"]),
                    line_of(self.text, table, item["id"]),
                )
            checklist.append(ChecklistItem(item["id"], self.text_of(table, item, "text", "")))
        return tuple(checklist)


def _variants(key: str) -> list[str]:
    """``key`` and its versions in the other languages of the screen."""
    return [key, *(f"{key}_{language}" for language in LANGUAGES if language != DEFAULT_LANGUAGE)]


def _line_of_key(text: str, key: str) -> int | None:
    """The line of a top-level ``key = …``."""
    return next((n for n, line in enumerate(text.splitlines(), 1) if line.split("=")[0].strip() == key), None)


def _branches(shown: _Shown, table: str, entries: dict[str, object]) -> dict[Outcome, Branch]:
    """Phase 3's branches, each by the outcome its name (a code) stands for."""
    branches = {}
    for key, entry in entries.items():
        branch = _branch(shown, f"{table}.branches.{key}", key, entry)
        branches[branch.outcome] = branch
    return branches


def _branch(shown: _Shown, table: str, key: str, entry: object) -> Branch:
    path, text = shown.path, shown.text
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
        title=shown.text_of(table, entry, "title", key),
        prompts=_prompts(path, text, table, entry),
        guidance=shown.text_of(table, entry, "guidance", ""),
        checklist=shown.checklist(table, entry),
    )


def _prompts(path: Path, text: str, table: str, entry: dict[str, object]) -> tuple[Prompt, ...]:
    items = entry.get("prompts", [])
    if not isinstance(items, list):
        raise ScriptError(
            path, _("'prompts' in [{table}] must be a list").format(table=table), line_of(text, table, "prompts")
        )
    return tuple(_prompt(path, text, table, item) for item in items)


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
