"""The registration of each call, from the answer to a closed registration.

A registration opens when the call on screen is connected (answered, or
taken back with F5) and is kept as a draft from the first key on: half a
second after the last change, and whenever the agent moves on (``keep``).
After the call the registration stays open for the after-call work, timed
from the hang-up by the Clock. Ctrl+S (``close``) checks the required fields
and, once the call is over, closes it; Ctrl+K (``count_only``) turns a simple
general question into a count without personal data. A registration not
closed stays open across calls and restarts (Ctrl+L lists them).

A save that fails (disk full, database gone) is reported in ``problem`` and
loses nothing: the entry stays, and the next change or Ctrl+S tries again.
The form only shows what is here and forwards what the agent types.
"""

from __future__ import annotations

import enum
import logging
from collections.abc import Callable
from dataclasses import dataclass, replace

from kccdesk.core.callback_questions import NO_QUESTIONS, Question, QuestionSets, Unanswered
from kccdesk.core.caller import CallerRecord
from kccdesk.core.clock import Clock
from kccdesk.core.desk import Desk
from kccdesk.core.draft import (
    CallFacts,
    Draft,
    Entry,
    Missing,
    compose,
    counted_only,
    missing_fields,
    with_callback_defaults,
)
from kccdesk.core.registration import Outcome, SubjectObject
from kccdesk.core.session import CallSession
from kccdesk.core.subjects import SubjectList
from kccdesk.services.filing import Filing
from kccdesk.services.screen_pop import ScreenPop
from kccdesk.store import DatabaseError

log = logging.getLogger(__name__)

KEEP_OPENED = 0.05  # seconds after answering: the draft is kept
DRAFT_DELAY = 0.5  # seconds after the last change
SAVE_ERRORS = (DatabaseError, OSError)
Scheduler = Callable[[float, Callable[[], None]], None]


class Status(enum.Enum):
    """What the form says about its registration (the view puts it in words)."""

    WAITING = "waiting"  # no registration: the form opens when a call is answered
    OPENED = "opened"  # a new call's registration: fill it in as you talk
    REOPENED = "reopened"  # one not closed yet: complete it and close it
    AFTER_CALL = "after_call"  # the call is over: after-call work
    COMPLETE = "complete"  # all filled in while talking: it closes after the call
    CLOSED = "closed"
    COUNTED = "counted"  # counted only, no personal data
    FINISH_CALL_FIRST = "finish_call_first"  # Ctrl+L during a call


@dataclass(frozen=True)
class Notice:
    status: Status
    more_open: int = 0  # registrations not closed yet besides the one on the form


@dataclass(frozen=True)
class Problem:
    """Why the registration is not closed or not saved."""

    missing: tuple[Missing | Unanswered, ...] = ()  # required fields empty or answered wrong, in the form's order
    failure: str = ""  # what kind of error a save ran into


class Registrations:
    def __init__(
        self,
        desk: Desk,
        screen_pop: ScreenPop,
        filing: Filing,
        subjects: SubjectList,
        schedule: Scheduler | None = None,
        questions: QuestionSets = NO_QUESTIONS,
    ) -> None:
        self.desk = desk
        self.clock: Clock = desk.clock
        self.screen_pop = screen_pop
        self.filing = filing
        self.subjects = subjects
        self.callback_questions = questions  # per subject, asked in a callback request
        self._schedule = schedule
        # The registration on the form:
        self.facts: CallFacts | None = None
        self.caller_id: int | None = None
        self.entry = Entry()
        self.notice = Notice(Status.WAITING)
        self.problem = Problem()
        self._after_base = 0.0  # after-call seconds from before a restart or a reopen
        self._hung_up_at: float | None = None  # monotonic; None while talking
        self._edits = 0  # changes so far; a save waits for a quiet half second
        self._saved_edits = 0  # the changes the last save held
        self._closed: set[str] = set()  # closed (or counted) while the call goes on
        self._left: set[str] = set()  # calls whose form gave way to another call's: their drafts are kept
        self._on_change: list[Callable[[], None]] = []
        desk.on_change(self._desk_changed)
        desk.on_finished(self._call_finished)
        screen_pop.on_picked(self._caller_picked)
        screen_pop.on_change(self._records_changed)

    def on_change(self, observer: Callable[[], None]) -> None:
        self._on_change.append(observer)

    # -- what the form shows -------------------------------------------------

    @property
    def call_id(self) -> str | None:
        return self.facts.call_id if self.facts else None

    def draft(self) -> Draft | None:
        """The registration on the form as it would be saved now."""
        if self.facts is None:
            return None
        return compose(
            self.facts, self.caller_id, self.entry, self.subjects, self.after_call_seconds(), self.callback_questions
        )

    def questions(self) -> tuple[Question, ...]:
        """The questions the form asks below a callback request's rows: those
        of its subject (none for another outcome or most subjects)."""
        if self.facts is None or self.entry.outcome is not Outcome.CALLBACK_REQUEST:
            return ()
        return self.callback_questions.asked(self.entry.subject)

    def after_call_seconds(self) -> float | None:
        """After-call work so far: from the hang-up (and before a restart); None while talking."""
        if self._hung_up_at is None:
            return None
        return self._after_base + max(0.0, self.clock.monotonic() - self._hung_up_at)

    @property
    def unsaved(self) -> bool:
        """The registration on the form has changes that are not saved yet."""
        return self.facts is not None and self._saved_edits != self._edits

    def talk_seconds(self) -> float | None:
        """The call's talk time: up to now while it goes on."""
        session = self.desk.calls.get(self.call_id or "")
        if session is not None:
            return session.talk_seconds(self.clock.monotonic())
        return self.facts.talk_seconds if self.facts else None

    # -- what the agent does --------------------------------------------------

    def edit(self, entry: Entry) -> None:
        """The agent changed the form; it is saved half a second after the last change."""
        self._set_entry(entry)

    def set_outcome(self, outcome: Outcome | None, detail: str = "") -> None:
        """The outcome chosen in the script (phase 3), with whom it names."""
        self._set_entry(replace(self.entry, outcome=outcome, detail=detail))

    def set_subject(self, subject: str) -> None:
        """The subject picked in the script."""
        self._set_entry(replace(self.entry, subject=subject))

    def use_answer(self, text: str, about: SubjectObject | None = None, subject: str = "") -> bool:
        """An answer from the knowledge, put into the answer field: after what
        the agent typed there, never in its place, and linked to the
        registration (``about``: the answer or product it came from); its
        ``subject`` becomes the registration's when it has none yet. False
        when no registration is open."""
        if self.facts is None:
            return False
        typed = self.entry.answer.rstrip()
        entry = self.entry.linked(about) if about is not None else self.entry
        if subject and not entry.subject.strip():
            entry = replace(entry, subject=subject)
        if text and text not in typed:  # the same answer twice is once
            entry = replace(entry, answer=f"{typed}\n{text}" if typed else text)
        self._set_entry(entry)
        return True

    def link(self, about: SubjectObject) -> bool:
        """Link what the call is about (the caller's case) to the registration; False when none is open."""
        if self.facts is None:
            return False
        self._set_entry(self.entry.linked(about))
        return True

    def keep(self) -> bool:
        """Save the draft now; False (and the problem noted) when it failed."""
        draft = self.draft()
        if draft is None:
            return True
        edits = self._edits
        try:
            self.filing.keep(draft)
        except SAVE_ERRORS as exc:
            self._failed(exc)
            return False
        self._saved_edits = edits
        if self.problem.failure:  # saved again: the failure is over
            self.problem = Problem()
            self._changed()
        return True

    def close(self) -> None:
        """Ctrl+S: check the required fields, then close the registration.
        While the call goes on it is only saved: closing follows the call."""
        draft = self.draft()
        if draft is None:
            return
        missing = missing_fields(draft, self.callback_questions)
        if missing:
            self._missing(missing)
            return
        if draft.call_id in self.desk.calls:
            if self.keep():
                self._say(Status.COMPLETE)
            return
        self._close(draft, Status.CLOSED)

    def count_only(self) -> None:
        """Ctrl+K: a simple general question, only counted (subject and times,
        no personal data); the form closes."""
        draft = self.draft()
        if draft is None:
            return
        counted = counted_only(draft)
        missing = missing_fields(counted)
        if missing:
            self._missing(missing)
            return
        if counted.call_id not in self.desk.calls:
            self._close(counted, Status.COUNTED)
            return
        try:
            self.filing.count_when_ended(counted)
        except SAVE_ERRORS as exc:
            self._failed(exc)
            return
        self._closed.add(counted.call_id)
        self._clear(Notice(Status.COUNTED))

    def open_list(self) -> list[Draft] | None:
        """Ctrl+L: the registrations not closed yet, of calls that are over;
        None while the form holds a live call (or its draft cannot be saved)."""
        if self.call_id in self.desk.calls:
            self._say(Status.FINISH_CALL_FIRST)
            return None
        if self.facts is not None and not self.keep():
            return None
        return [d for d in self._open_drafts() if d.call_id not in self.desk.calls]

    def reopen(self, draft: Draft) -> None:
        """Put an open registration on the form (chosen from the list, or at start)."""
        self._load(draft)
        self._say(Status.REOPENED)

    def restore(self) -> None:
        """At start: reopen a registration the last run did not close."""
        drafts = self._open_drafts()
        if drafts:
            self._load(drafts[0])
            self._say(Status.REOPENED, more_open=len(drafts) - 1)

    # -- the desk's events ----------------------------------------------------

    def _desk_changed(self) -> None:
        """The call on screen is connected: give it the form (once). A form
        that holds another registration is kept as a draft, to reopen later."""
        session = self.desk.current
        if session is None or not session.state.connected:
            return
        if self.call_id == session.call_id or session.call_id in self._closed:
            return
        if self.facts is not None:
            self._left.add(self.facts.call_id)
            if self.unsaved:
                self.keep()
        if session.call_id in self._left:  # back to a call the agent switched away from (F5)
            kept = next((d for d in self._open_drafts() if d.call_id == session.call_id), None)
            if kept is not None:
                self.reopen(kept)
                return
        self._open(session)

    def _call_finished(self, session: CallSession) -> None:
        """The call ended: store it; its registration goes on as after-call work."""
        caller = self.screen_pop.caller(session.call_id)
        try:
            self.filing.store_call(session, caller.id if caller else None)
        except SAVE_ERRORS as exc:
            self._failed(exc)
        self._closed.discard(session.call_id)
        if self.call_id != session.call_id or self.facts is None:
            return
        self.facts = replace(self.facts, talk_seconds=session.talk_seconds(), ended=True)
        self._after_call(0.0)
        self._say(Status.AFTER_CALL)
        self.keep()

    def _caller_picked(self, call_id: str, record: CallerRecord) -> None:
        """The agent chose the caller's record after answering."""
        if self.call_id == call_id and self.facts is not None:
            self._known_as(record)
            self._touched()

    def _records_changed(self) -> None:
        """A remote source answered after the form opened: the caller's record
        goes with the registration, when it is now known."""
        if self.facts is None or self.caller_id is not None or self.facts.party:
            return
        record = self.screen_pop.record(self.facts.call_id)
        if record is not None:
            self._known_as(record)
            self._touched()

    def _known_as(self, record: CallerRecord) -> None:
        assert self.facts is not None
        self.caller_id = record.caller.id
        self.facts = replace(self.facts, caller_name=record.caller.name, party=record.party)

    # -- inside ------------------------------------------------------------------

    def _open(self, session: CallSession) -> None:
        record = self.screen_pop.record(session.call_id)
        facts = CallFacts(
            call_id=session.call_id,
            number=session.caller.number,
            display_name=session.caller.display_name,
            withheld=session.caller.withheld,
            started_at=session.arrived_wall,
            answer_delay=session.answer_delay,
            rings=session.rings_at_answer or 0,
            agent=self.filing.agent,
            caller_name=record.caller.name if record else "",
            party=record.party if record else "",
            talk_seconds=0.0,
            reference=self.filing.new_reference(),
        )
        self._reset()
        self.facts, self.caller_id = facts, record.caller.id if record else None
        self._say(Status.OPENED)
        if self._schedule is None:
            self.keep()
        else:  # kept the moment the window has shown the answer: not on the way to it
            call_id = facts.call_id
            self._schedule(KEEP_OPENED, lambda: self._keep_opened(call_id))

    def _keep_opened(self, call_id: str) -> None:
        if self.call_id == call_id and self.unsaved:
            self.keep()

    def _load(self, draft: Draft) -> None:
        """A saved draft on the form; a call that is over (or was lost when the
        app died) goes on with its after-call work."""
        self._reset()
        self.facts, self.caller_id, self.entry = draft.facts, draft.registration.caller_id, Entry.of(draft)
        self._saved_edits = self._edits
        if draft.facts.ended or draft.call_id not in self.desk.calls:
            self._after_call(draft.registration.after_call_seconds or 0.0)

    def _after_call(self, earlier_seconds: float) -> None:
        self._after_base = earlier_seconds
        self._hung_up_at = self.clock.monotonic()

    def _set_entry(self, entry: Entry) -> None:
        if self.facts is None:
            return
        if entry.outcome is Outcome.CALLBACK_REQUEST and self.entry.outcome is not Outcome.CALLBACK_REQUEST:
            entry = with_callback_defaults(entry, self.facts, self.clock.now())
        if entry != self.entry:
            self.entry = entry
            self._touched()

    def _touched(self) -> None:
        """The registration changed: saved once it has been quiet for half a second."""
        self._save_soon()
        self._changed()

    def _save_soon(self) -> None:
        self._edits += 1
        if self._schedule is not None:
            edits = self._edits
            self._schedule(DRAFT_DELAY, lambda: self._quiet(edits))

    def _quiet(self, edits: int) -> None:
        if edits == self._edits and self.facts is not None:
            self.keep()

    def _close(self, draft: Draft, done: Status) -> None:
        try:
            self.filing.close(draft)
        except SAVE_ERRORS as exc:
            self._failed(exc)
            return
        self._clear(Notice(done, more_open=len(self._open_drafts())))

    def _clear(self, notice: Notice) -> None:
        self._reset()
        self.notice = notice
        self._changed()

    def _reset(self) -> None:
        self.facts, self.caller_id, self.entry = None, None, Entry()
        self.problem = Problem()
        self._after_base, self._hung_up_at = 0.0, None
        self._edits += 1  # a save still waiting is for the registration that went

    def _open_drafts(self) -> list[Draft]:
        try:
            return self.filing.open_drafts()
        except SAVE_ERRORS as exc:
            self._failed(exc)
            return []

    def _say(self, status: Status, more_open: int = 0) -> None:
        self.notice = Notice(status, more_open)
        self._changed()

    def _missing(self, missing: list[Missing | Unanswered]) -> None:
        self.problem = Problem(missing=tuple(missing))
        self._changed()

    def _failed(self, exc: Exception) -> None:
        log.error("saving the registration failed: %s", exc)
        self.problem = Problem(failure=type(exc).__name__)
        self._changed()

    def _changed(self) -> None:
        for observer in self._on_change:
            observer()
