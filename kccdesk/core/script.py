"""Call scripts: what the agent says in each phase, with the caller's name,
the greeting and the municipality filled in; why (guidance, for trainees);
what to have done (a checklist); and in phase 3 (actie) one branch for each
way the question is handled: each branch is an Outcome of the registration.

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

from kccdesk.core.phases import Phase
from kccdesk.core.registration import Outcome

PLACEHOLDERS = ("greeting", "municipality", "agent", "caller", "subject", "colleague", "organisation")
MISSING = "…"
MAX_VALUE_LENGTH = 80

_TOKEN = re.compile(r"\[(?P<optional>[^\[\]]*)\]|\{(?P<name>[a-z_]+)\}")
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2066-\u2069]")


@dataclass(frozen=True)
class Prompt:
    text: str
    only_if: str | None = None  # shown only when this placeholder has a value
    unless: str | None = None  # shown only when it has none

    def applies(self, values: Mapping[str, str]) -> bool:
        if self.only_if is not None and not values.get(self.only_if):
            return False
        return not (self.unless is not None and values.get(self.unless))


@dataclass(frozen=True)
class ChecklistItem:
    id: str
    text: str


@dataclass(frozen=True)
class Branch:
    """One way phase 3 ends: the outcome the registration gets when the agent chooses it."""

    outcome: Outcome
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
    branches: Mapping[Outcome, Branch] = field(default_factory=dict)


@dataclass(frozen=True)
class CallScript:
    name: str
    phases: Mapping[Phase, PhaseScript]

    def prompts(self, phase: Phase, values: Mapping[str, str], branch: Outcome | None = None) -> list[str]:
        """What to say in the phase (and in its chosen branch), values filled in."""
        clean = {key: plain_value(value) for key, value in values.items()}
        prompts = self.phases[phase].prompts + self._branch(phase, branch, "prompts")
        return [render(p.text, clean) for p in prompts if p.applies(clean)]

    def checklist(self, phase: Phase, branch: Outcome | None = None) -> tuple[ChecklistItem, ...]:
        return self.phases[phase].checklist + self._branch(phase, branch, "checklist")

    def guidance(self, phase: Phase, branch: Outcome | None = None) -> list[str]:
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

    def _branch(self, phase: Phase, branch: Outcome | None, part: str) -> tuple:  # type: ignore[type-arg]
        chosen = self.phases[phase].branches.get(branch) if branch else None
        return getattr(chosen, part) if chosen else ()

    def _branch_guidance(self, phase: Phase, branch: Outcome | None) -> list[str]:
        chosen = self.phases[phase].branches.get(branch) if branch else None
        return [chosen.guidance] if chosen else []


@dataclass(frozen=True)
class SubjectScript:
    """Prompts and checklist items for one subject (passport, waste, Wmo…),
    added to the phases of the main script once the agent picks the subject."""

    title: str  # as the screen shows it, in the screen's language
    spoken: str  # as the agent says it in a prompt: Dutch
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
