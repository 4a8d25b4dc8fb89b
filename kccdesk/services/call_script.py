"""The call script during a call: the prompts' values, one checklist per
call ticked by keys, the phase 3 branch (which is the registration's outcome)
with the colleague or organisation it names, the subject script the agent
picks, and trainee mode.

The rule of the warm transfer lives here too: when the colleague does not
answer, the call goes on as a callback request for that colleague.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from kccdesk.core.checklist import CallChecklist
from kccdesk.core.consultation import Consultation, ConsultState
from kccdesk.core.desk import Desk
from kccdesk.core.greeting import greeting
from kccdesk.core.organisations import Directory, Organisation
from kccdesk.core.phases import Phase
from kccdesk.core.registration import Needs, Outcome
from kccdesk.core.script import CallScript, SubjectScript
from kccdesk.core.session import CallSession
from kccdesk.services.registrations import Registrations
from kccdesk.services.screen_pop import ScreenPop


class CallScriptGuide:
    def __init__(
        self,
        desk: Desk,
        screen_pop: ScreenPop,
        registrations: Registrations,
        script: CallScript,
        directory: Directory,
        subjects: Mapping[str, SubjectScript],
        municipality: str,
        agent: str,
        trainee: bool = False,
    ) -> None:
        self.desk = desk
        self.screen_pop = screen_pop
        self.registrations = registrations
        self.script = script
        self.directory = directory
        self.subjects = dict(subjects)
        self.municipality = municipality
        self.agent = agent
        self.trainee = trainee
        self.checklists: dict[str, CallChecklist] = {}
        self._followed: Consultation | None = None  # the warm transfer already turned into a callback request
        self._ended: tuple[str, CallChecklist] | None = None  # the last call that ended, and its checklist
        self.details_asked = 0  # how often a branch was chosen that needs a colleague or organisation not given yet
        self._on_change: list[Callable[[], None]] = []
        desk.on_change(self._colleague_absent)
        desk.on_finished(self._finished)

    def on_change(self, observer: Callable[[], None]) -> None:
        """Called when the script on screen changed without the desk knowing
        (an item ticked, a branch or subject chosen, trainee mode, a new script)."""
        self._on_change.append(observer)

    # -- what the script panel shows ----------------------------------------------

    def checklist(self) -> CallChecklist | None:
        """The checklist of the connected call on screen."""
        call = self.desk.current
        if call is None or not call.state.connected:
            return None
        return self.checklists.setdefault(call.call_id, CallChecklist(self.script))

    def on_screen(self) -> CallChecklist | None:
        """The checklist of the call on screen, connected or just ended: what
        was chosen (the branch, the subject, the colleague) stays in sight
        until another call takes its place."""
        call = self.desk.current
        if call is not None and self._ended is not None and self._ended[0] == call.call_id:
            return self._ended[1]
        return self.checklist()

    def values(self) -> dict[str, str]:
        """The prompts' placeholders: the greeting for the time of day, the
        municipality, the agent, the caller as addressed, and what the agent
        chose (the subject, the colleague or the organisation)."""
        call = self.desk.current
        caller = self.screen_pop.caller(call.call_id) if call else None
        values = {
            "greeting": greeting(self.desk.clock.now().time()),
            "municipality": self.municipality,
            "agent": self.agent,
            "caller": caller.addressed_name if caller else "",
        }
        checklist = self.on_screen()
        if checklist is None:
            return values
        chosen = self.subjects.get(checklist.subject)
        if chosen is not None:
            values["subject"] = chosen.spoken[:1].lower() + chosen.spoken[1:]  # said within a sentence, in Dutch
        organisation = self._organisation(checklist)
        if organisation is not None:
            values["organisation"] = organisation.spoken
        elif checklist.detail and not _needs(checklist.branch, Needs.ORGANISATION):
            values["colleague"] = checklist.detail
        return values

    def found(self) -> str:
        """The organisation a referral names, in full with phone and website."""
        checklist = self.on_screen()
        organisation = self._organisation(checklist) if checklist else None
        return organisation.summary if organisation else ""

    def subject_titles(self) -> list[str]:
        return list(self.subjects)

    # -- what the agent does ----------------------------------------------------------

    def tick(self, number: int) -> None:
        """Ctrl+1…9: tick (or untick) item ``number`` of the current phase's checklist."""
        checklist = self.checklist()
        if checklist is not None and self.desk.current is not None:
            checklist.toggle(self.desk.current.phase, number)
            self._changed()

    def choose_branch(self, number: int) -> None:
        """Alt+1…5: how the question is handled; the call moves to phase 3."""
        checklist = self.checklist()
        branches = self.script.branches(Phase.ACTION)
        if checklist is not None and 1 <= number <= len(branches):
            self._choose(checklist, branches[number - 1].outcome, "")

    def edit_detail(self, text: str) -> None:
        """The colleague or organisation typed for the branch; an organisation
        goes on the registration by its full name."""
        checklist = self.checklist()
        if checklist is None or checklist.branch is None:
            return
        checklist.detail = text
        organisation = self._organisation(checklist)
        self.registrations.set_outcome(checklist.branch, organisation.name if organisation else text.strip())
        self._changed()

    def choose_subject(self, title: str) -> None:
        """Ctrl+Shift+O: the subject of the question, by its title on screen;
        its prompts and checklist items join the script, and it is the
        registration's subject (its name in the UPL, else as said)."""
        checklist = self.checklist()
        subject = self.subjects.get(title)
        if checklist is None or subject is None:
            return
        checklist.subject = title
        checklist.script = self.script.with_subject(subject)
        self.registrations.set_subject(subject.upl or subject.spoken)
        self._changed()

    def toggle_trainee(self) -> None:
        """Ctrl+Shift+L: trainee mode (the why of each phase, the whole checklist) on or off."""
        self.trainee = not self.trainee
        self._changed()

    def set_script(self, script: CallScript, subjects: Mapping[str, SubjectScript]) -> None:
        """The script changed on disk: live calls keep their place and choices."""
        self.script = script
        self.subjects = dict(subjects)
        for checklist in self.checklists.values():
            checklist.script = script.with_subject(self.subjects.get(checklist.subject))
        self._changed()

    # -- the rules -------------------------------------------------------------------

    def _choose(self, checklist: CallChecklist, branch: Outcome, detail: str) -> None:
        call = self.desk.current
        while call is not None and call.phase is not Phase.ACTION:  # the choice belongs to phase 3
            if not (self.desk.next_phase() if call.phase.number < 3 else self.desk.previous_phase()):
                break
        checklist.branch = branch
        checklist.detail = detail
        self.registrations.set_outcome(branch, detail)
        if branch.needs_detail and not detail:
            self.details_asked += 1  # the view puts the cursor where the agent names them
        self._changed()

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

    def _organisation(self, checklist: CallChecklist) -> Organisation | None:
        if not _needs(checklist.branch, Needs.ORGANISATION) or not checklist.detail:
            return None
        return self.directory.find(checklist.detail)

    def _finished(self, session: CallSession) -> None:
        checklist = self.checklists.pop(session.call_id, None)
        self._ended = (session.call_id, checklist) if checklist is not None else None

    def _changed(self) -> None:
        for observer in self._on_change:
            observer()


def _needs(outcome: Outcome | None, needs: Needs) -> bool:
    return outcome is not None and outcome.needs is needs
