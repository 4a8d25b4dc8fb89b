"""The call script: the phases, and what to say in the current one."""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QVBoxLayout

from kccdesk.core.phases import PHASES, Phase
from kccdesk.core.script import CallScript
from kccdesk.i18n import _
from kccdesk.ui.text import plain_label


class ScriptPanel(QFrame):
    def __init__(self, script: CallScript) -> None:
        super().__init__()
        self.setObjectName("scriptPanel")
        self.script = script
        self.steps: dict[Phase, QLabel] = {}
        steps = QHBoxLayout()
        steps.setSpacing(4)
        for phase in PHASES:
            step = plain_label(f"{phase.number}  {script.phases[phase].title}", "phaseStep")
            self.steps[phase] = step
            steps.addWidget(step, 1)
        self.phase_title = plain_label(object_name="phaseTitle")
        self.prompt_box = QVBoxLayout()
        self.prompt_box.setSpacing(10)
        self.prompts: list[QLabel] = []
        self.hint = plain_label(object_name="scriptHint", wrap=True)
        layout = QVBoxLayout(self)
        layout.addLayout(steps)
        layout.addWidget(self.phase_title)
        layout.addLayout(self.prompt_box)
        layout.addStretch(1)
        layout.addWidget(self.hint)

    def show_phase(self, phase: Phase, values: Mapping[str, str], active: bool) -> None:
        for each, step in self.steps.items():
            step.setProperty("current", each is phase)
            step.setProperty("done", active and each.number < phase.number)
            step.style().unpolish(step)
            step.style().polish(step)
        self.phase_title.setText(
            _("Phase {number}: {title}").format(number=phase.number, title=self.script.phases[phase].title)
        )
        for label in self.prompts:
            self.prompt_box.removeWidget(label)
            label.deleteLater()
        self.prompts = [plain_label(text, "prompt", wrap=True) for text in self.script.prompts(phase, values)]
        for label in self.prompts:
            self.prompt_box.addWidget(label)
        self.hint.setText(
            _("Alt+Right: next phase · Alt+Left: previous phase")
            if active
            else _("The opening is ready before you answer.")
        )

    def prompt_texts(self) -> list[str]:
        return [label.text() for label in self.prompts]
