"""The call script: the phases, what to say in the current one, why (in
trainee mode), what to have done, and in phase 3 how the question is handled."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFrame, QLabel, QVBoxLayout

from kccdesk.core.checklist import CallChecklist
from kccdesk.core.knowledge import KnowledgeItem
from kccdesk.core.organisations import Directory
from kccdesk.core.phases import PHASES, Phase
from kccdesk.core.script import CallScript
from kccdesk.i18n import _
from kccdesk.ui.branch_chooser import BranchChooser
from kccdesk.ui.checklist_view import ChecklistView
from kccdesk.ui.chip_row import ChipRow
from kccdesk.ui.restyle import restyle
from kccdesk.ui.text import plain_label

DONE = "✓ "


class ScriptPanel(QFrame):
    detail_edited = Signal(str)  # the colleague or organisation typed for the branch

    def __init__(
        self,
        script: CallScript,
        directory: Directory | None = None,
        colleagues: Callable[[str], Sequence[KnowledgeItem]] | None = None,
    ) -> None:
        super().__init__()
        self.setObjectName("scriptPanel")
        self.script = script
        self.steps: dict[Phase, QLabel] = {}
        steps = ChipRow()
        for phase in PHASES:
            step = plain_label(f"{phase.number}  {script.phases[phase].title}", "phaseStep")
            self.steps[phase] = step
            steps.add(step)
        self.phase_title = plain_label(object_name="phaseTitle")
        self.guidance = plain_label(object_name="guidance", wrap=True)
        self.prompt_box = QVBoxLayout()
        self.prompt_box.setSpacing(10)
        self.prompts: list[QLabel] = []  # the labels that show this phase's prompts
        self._labels: list[QLabel] = []  # made so far, shown or not
        self.directory = directory or Directory([])
        self.colleagues = colleagues  # offered for a transfer or a callback, by what they handle
        self.branches = BranchChooser(script.branches(Phase.ACTION), self.directory, colleagues)
        self.branches.detail_edited.connect(self.detail_edited)
        self.checklist = ChecklistView()
        self.reminder = plain_label(object_name="nameReminder", wrap=True)
        self.hint = plain_label(object_name="scriptHint", wrap=True)
        layout = QVBoxLayout(self)
        self._layout = layout
        layout.addLayout(steps)
        layout.addWidget(self.phase_title)
        layout.addWidget(self.guidance)
        layout.addWidget(self.branches)
        layout.addLayout(self.prompt_box)
        layout.addStretch(1)
        layout.addWidget(self.reminder)
        layout.addWidget(self.checklist)
        layout.addWidget(self.hint)

    def set_script(self, script: CallScript) -> None:
        """Another script (changed on disk): its titles and branches."""
        self.script = script
        for phase, step in self.steps.items():
            step.setText(f"{phase.number}  {script.phases[phase].title}")
        chooser = BranchChooser(script.branches(Phase.ACTION), self.directory, self.colleagues)
        chooser.detail_edited.connect(self.detail_edited)
        self._layout.replaceWidget(self.branches, chooser)
        self.branches.deleteLater()
        self.branches = chooser

    def show_phase(
        self,
        phase: Phase,
        values: Mapping[str, str],
        active: bool,
        checklist: CallChecklist | None = None,
        trainee: bool = False,
        found: str = "",
        ended: bool = False,
    ) -> None:
        """``found``: the organisation the referral's text stands for, in full;
        ``ended``: the call has ended (what was said in its last phase stays)."""
        for each, step in self.steps.items():
            done = active and each.number < phase.number
            restyle(step, current=each is phase, done=done)
            _tick(step, done)
        self.phase_title.setText(
            _("Phase {number}: {title}").format(number=phase.number, title=self.script.phases[phase].title)
        )
        script = checklist.script if checklist is not None else self.script  # with the subject's prompts
        branch = checklist.branch if checklist and phase is Phase.ACTION else None
        guidance = script.guidance(phase, branch)
        self.guidance.setVisible(trainee and bool(guidance))
        self.guidance.setText("\n".join(guidance))
        self.branches.setVisible(active and phase is Phase.ACTION and bool(self.branches.branches))
        if checklist is not None:
            self.branches.show_choice(branch, checklist.detail, found)
        self._show_prompts(script.prompts(phase, values, branch))
        self.checklist.show_checklist(checklist if active else None, phase, trainee)
        remind = active and checklist is not None and checklist.name_reminder(phase)
        self.reminder.setVisible(remind)
        self.reminder.setText(
            _("Say the caller's name: {name}").format(name=values.get("caller") or _("ask for it")) if remind else ""
        )
        if active:
            self.hint.setText(_("Alt+Right: next phase · Alt+Left: previous phase · Ctrl+1…9: tick an item"))
        else:
            self.hint.setText(_("The call has ended.") if ended else _("The opening is ready before you answer."))

    def _show_prompts(self, texts: Sequence[str]) -> None:
        """The prompts in labels made once and kept: a new label costs its
        styling and text layout, which would delay the screen pop."""
        while len(self._labels) < len(texts):
            label = plain_label(object_name="prompt", wrap=True)
            self._labels.append(label)
            self.prompt_box.addWidget(label)
        for label, text in zip(self._labels, texts, strict=False):
            if label.text() != text:
                label.setText(text)
        for index, label in enumerate(self._labels):
            label.setVisible(index < len(texts))
        self.prompts = self._labels[: len(texts)]

    def prompt_texts(self) -> list[str]:
        return [label.text() for label in self.prompts]


def _tick(step: QLabel, done: bool) -> None:
    """A phase done is ticked, not only coloured."""
    text = step.text().removeprefix(DONE)
    step.setText(DONE + text if done else text)
