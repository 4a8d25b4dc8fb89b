"""What the agent has ticked off in one call, and the reminder that follows
from it: in the closing phase, the caller's name must have been said."""

from __future__ import annotations

from dataclasses import dataclass, field

from kccdesk.core.phases import Phase
from kccdesk.core.registration import Outcome
from kccdesk.core.script import CallScript, ChecklistItem

NAME_SAID = "name_said"


@dataclass
class CallChecklist:
    script: CallScript
    branch: Outcome | None = None  # the phase 3 branch chosen: the registration's outcome
    detail: str = ""  # what the agent typed for the branch: the colleague, or the organisation
    subject: str = ""  # the title of the subject script the agent picked, whose prompts and items are in ``script``
    ticked: set[str] = field(default_factory=set)

    def items(self, phase: Phase) -> tuple[ChecklistItem, ...]:
        return self.script.checklist(phase, self.branch if phase is Phase.ACTION else None)

    def toggle(self, phase: Phase, number: int) -> ChecklistItem | None:
        """Tick or untick item ``number`` (from 1) of the phase; None when there is none."""
        items = self.items(phase)
        if not 1 <= number <= len(items):
            return None
        item = items[number - 1]
        self.ticked.symmetric_difference_update({item.id})
        return item

    def is_ticked(self, item: ChecklistItem) -> bool:
        return item.id in self.ticked

    def open_items(self, phase: Phase) -> list[ChecklistItem]:
        return [item for item in self.items(phase) if item.id not in self.ticked]

    def name_reminder(self, phase: Phase) -> bool:
        """In the closing phase, with the caller's name not yet ticked as said."""
        has_item = any(item.id == NAME_SAID for p in Phase for item in self.items(p))
        return phase is Phase.CLOSING and has_item and NAME_SAID not in self.ticked
