"""What the window does with the script during a call: one checklist per
call, ticked by keys; the phase 3 branch, which sets the registration's
outcome; the colleague or organisation it needs; trainee mode. When a
colleague does not answer a warm transfer, the call moves on to a callback
request by itself: that is the rule."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject

from kccdesk.core.checklist import CallChecklist
from kccdesk.core.consultation import Consultation, ConsultState
from kccdesk.core.desk import Desk
from kccdesk.core.organisations import Directory
from kccdesk.core.phases import Phase
from kccdesk.core.registration import Needs, Outcome
from kccdesk.core.script import CallScript, SubjectScript
from kccdesk.i18n import _
from kccdesk.ui.ask import ask
from kccdesk.ui.registration_form import RegistrationForm
from kccdesk.ui.script_panel import ScriptPanel


class ScriptControl(QObject):
    def __init__(
        self,
        script: CallScript,
        directory: Directory,
        desk: Desk,
        panel: ScriptPanel,
        form: RegistrationForm,
        trainee: bool,
        refresh: Callable[[], None],
        subjects: dict[str, SubjectScript] | None = None,
    ) -> None:
        super().__init__(panel)
        self.script = script
        self.directory = directory
        self.desk = desk
        self.panel = panel
        self.form = form
        self.trainee = trainee
        self._refresh = refresh
        self.checklists: dict[str, CallChecklist] = {}
        self.subjects = subjects or {}
        self._followed: Consultation | None = None  # the warm transfer already turned into a callback request
        panel.branches.detail_edited.connect(self._detail_edited)
        desk.on_change(self._colleague_absent)

    def checklist(self) -> CallChecklist | None:
        """The checklist of the connected call on screen."""
        call = self.desk.current
        if call is None or not call.state.connected:
            return None
        return self.checklists.setdefault(call.call_id, CallChecklist(self.script))

    def forget(self, call_id: str) -> None:
        self.checklists.pop(call_id, None)

    def values(self) -> dict[str, str]:
        """The placeholders the agent's choices fill in."""
        checklist = self.checklist()
        if checklist is None:
            return {}
        subject = checklist.subject[:1].lower() + checklist.subject[1:]  # said within a sentence
        values = {"subject": subject} if subject else {}
        if checklist.detail and _needs(checklist.branch, Needs.ORGANISATION):
            organisation = self.directory.find(checklist.detail)
            values.update({"organisation": organisation.spoken} if organisation else {})
        elif checklist.detail:
            values["colleague"] = checklist.detail
        return values

    def found(self) -> str:
        """The organisation a referral names, in full with phone and website."""
        checklist = self.checklist()
        if checklist is None or not _needs(checklist.branch, Needs.ORGANISATION):
            return ""
        organisation = self.directory.find(checklist.detail)
        return organisation.summary if organisation else ""

    def tick(self, number: int) -> None:
        checklist = self.checklist()
        if checklist is not None and self.desk.current is not None:
            checklist.toggle(self.desk.current.phase, number)
            self._refresh()

    def choose_branch(self, number: int) -> None:
        checklist = self.checklist()
        branches = self.script.branches(Phase.ACTION)
        if checklist is None or not 1 <= number <= len(branches):
            return
        self._choose(checklist, branches[number - 1].outcome, "")

    def _choose(self, checklist: CallChecklist, branch: Outcome, detail: str) -> None:
        call = self.desk.current
        while call is not None and call.phase is not Phase.ACTION:  # the choice belongs to phase 3
            if not (self.desk.next_phase() if call.phase.number < 3 else self.desk.previous_phase()):
                break
        checklist.branch = branch
        checklist.detail = detail
        self.form.set_outcome(branch, detail)
        self._refresh()
        if branch.needs_detail and not detail:
            self.panel.branches.ask_detail()

    def _colleague_absent(self) -> None:
        """The colleague of a warm transfer did not answer and the caller is
        back: the call goes on as a callback request for that colleague."""
        consultation = self.desk.consultation
        if consultation is None or consultation.state is not ConsultState.ABSENT or consultation is self._followed:
            return
        self._followed = consultation
        checklist = self.checklist()
        if checklist is None or self.desk.current is None or self.desk.current.call_id != consultation.caller_call_id:
            return  # the caller has gone meanwhile
        colleague = checklist.detail if _needs(checklist.branch, Needs.COLLEAGUE) else ""
        self._choose(checklist, Outcome.CALLBACK_REQUEST, colleague)

    def set_script(self, script: CallScript, subjects: dict[str, SubjectScript]) -> None:
        """The script changed on disk: live calls keep their place and choices."""
        self.script = script
        self.subjects = subjects
        for checklist in self.checklists.values():
            checklist.script = script.with_subject(subjects.get(checklist.subject))
        self.panel.set_script(script).detail_edited.connect(self._detail_edited)
        self._refresh()

    def pick_subject(self) -> None:
        """Ctrl+Shift+O: the subject of the question; its prompts join the script."""
        checklist = self.checklist()
        if checklist is None or not self.subjects:
            return
        ask(self.panel.window(), "subjectChooser", _("Subject"), _("What is the question about?"),
            self.choose_subject, choices=list(self.subjects), current=checklist.subject)  # fmt: skip

    def choose_subject(self, title: str) -> None:
        checklist = self.checklist()
        subject = self.subjects.get(title)
        if checklist is None or subject is None:
            return
        checklist.subject = title
        checklist.script = self.script.with_subject(subject)
        self.form.set_subject(subject.upl or title)
        self._refresh()

    def toggle_trainee(self) -> None:
        self.trainee = not self.trainee
        self._refresh()

    def _detail_edited(self, text: str) -> None:
        checklist = self.checklist()
        if checklist is None or checklist.branch is None:
            return
        checklist.detail = text
        organisation = self.directory.find(text) if _needs(checklist.branch, Needs.ORGANISATION) else None
        self.form.set_outcome(checklist.branch, organisation.name if organisation else text.strip())
        self._refresh()


def _needs(outcome: Outcome | None, needs: Needs) -> bool:
    return outcome is not None and outcome.needs is needs
