"""An open registration: the call's facts, what the agent typed (an Entry)
and, composed from both by the registration's rules, the Draft that is
saved from the first key on, so that a crash or a kill loses nothing."""

from __future__ import annotations

import enum
from dataclasses import dataclass, replace
from datetime import datetime, time, timedelta

from kccdesk.core.callback_questions import NO_QUESTIONS, Answers, QuestionSets, Unanswered, answers_for, unanswered
from kccdesk.core.line import EndReason
from kccdesk.core.registration import EndedCall, Outcome, Registration, SubjectObject
from kccdesk.core.subjects import SubjectList

CALLBACK_DUE_TIME = time(17, 0)


@dataclass(frozen=True)
class CallFacts:
    """What the form shows read-only; enough to store the call itself when the
    app died before it could (the draft outlives the process)."""

    call_id: str
    number: str
    display_name: str
    withheld: bool
    started_at: datetime
    answer_delay: float | None
    rings: int
    agent: str
    caller_name: str = ""  # the caller's name, when their record is known
    party: str = ""  # the uuid of the caller's partij, when their record came from the Klantinteracties API
    talk_seconds: float | None = None  # up to the last save while talking
    ended: bool = False
    # The klantcontact's referentienummer in the Klantinteracties API, known
    # from the answer on, so that a warm transfer can pass it to the colleague.
    reference: str = ""

    def ended_call(self) -> EndedCall:
        """The call as it is stored when the line never reported its end."""
        return EndedCall(
            call_id=self.call_id,
            number=self.number,
            display_name=self.display_name,
            withheld=self.withheld,
            started_at=self.started_at,
            answered=True,
            rings=self.rings,
            answer_delay=self.answer_delay,
            talk_seconds=self.talk_seconds,
            hold_seconds=0.0,
            end_reason=EndReason.LINE_LOST,
            agent=self.agent,
        )


@dataclass(frozen=True)
class CallbackDetails:
    """A callback request: for whom (a colleague or a team), which number to
    call, what about, by when, and the answers to its subject's questions."""

    for_whom: str
    team: bool
    number: str
    note: str
    due: datetime
    answers: Answers = ()


@dataclass(frozen=True)
class Draft:
    facts: CallFacts
    registration: Registration
    callback: CallbackDetails | None = None

    @property
    def call_id(self) -> str:
        return self.facts.call_id


@dataclass(frozen=True)
class Entry:
    """What the agent typed in the registration form, as typed: the rules
    (trimming, the subject's UPL address, which details an outcome keeps) are
    applied when a Draft is composed from it."""

    subject: str = ""
    question: str = ""
    answer: str = ""
    outcome: Outcome | None = None
    detail: str = ""  # to whom transferred, for whom the callback, which organisation
    confidential: bool = False
    callback_team: bool = False  # the callback is for a team, not one colleague
    callback_number: str = ""
    callback_note: str = ""
    callback_due: datetime | None = None
    callback_answers: Answers = ()  # to the questions of the callback request's subject
    about: tuple[SubjectObject, ...] = ()  # linked by the agent: an answer used, the case the call is about

    def linked(self, thing: SubjectObject) -> Entry:
        """The entry with ``thing`` linked (once)."""
        if any(thing.same(known) for known in self.about):
            return self
        return replace(self, about=(*self.about, thing))

    @classmethod
    def of(cls, draft: Draft) -> Entry:
        """The entry a saved draft was composed from (to reopen it in the form)."""
        reg, callback = draft.registration, draft.callback
        entry = cls(
            reg.subject, reg.question, reg.answer, reg.outcome, reg.outcome_detail, reg.confidential, about=reg.about
        )
        if callback is None:
            return entry
        return replace(entry, callback_team=callback.team, callback_number=callback.number,
                       callback_note=callback.note, callback_due=callback.due,
                       callback_answers=callback.answers)  # fmt: skip


def compose(
    facts: CallFacts,
    caller_id: int | None,
    entry: Entry,
    subjects: SubjectList,
    after_call_seconds: float | None,
    questions: QuestionSets = NO_QUESTIONS,
) -> Draft:
    """The draft of a registration: the entry trimmed, a subject from the
    subject list with its URI, the detail only for an outcome that needs one,
    and a callback request's details only for a callback request (with the
    answers to the questions its subject asks)."""
    outcome = entry.outcome
    subject = entry.subject.strip()
    known = subjects.find(subject)
    registration = Registration(
        call_id=facts.call_id,
        caller_id=caller_id,
        subject=subject,
        question=entry.question.strip(),
        answer=entry.answer.strip(),
        outcome=outcome,
        subject_uri=known.uri if known else "",
        outcome_detail=entry.detail.strip() if outcome is not None and outcome.needs_detail else "",
        confidential=entry.confidential,
        after_call_seconds=after_call_seconds,
        about=entry.about,
    )
    callback = None
    if outcome is Outcome.CALLBACK_REQUEST:
        callback = CallbackDetails(
            for_whom=entry.detail.strip(),
            team=entry.callback_team,
            number=entry.callback_number.strip(),
            note=entry.callback_note.strip(),
            due=entry.callback_due or next_working_day(facts.started_at),
            answers=answers_for(questions.asked(subject), entry.callback_answers),
        )
    return Draft(facts, registration, callback)


def with_callback_defaults(entry: Entry, facts: CallFacts, now: datetime) -> Entry:
    """A callback request as the form proposes it: the caller's own number
    (unless withheld), the question for the colleague, due the next working
    day at 17:00. What the agent already typed stays."""
    return replace(
        entry,
        callback_number=entry.callback_number or ("" if facts.withheld else facts.number),
        callback_note=entry.callback_note or entry.question,
        callback_due=next_working_day(now),
    )


class Missing(enum.Enum):
    """A required field that is still empty (in the order of the form)."""

    SUBJECT = "subject"
    QUESTION = "question"
    OUTCOME = "outcome"
    DETAIL = "detail"
    CALLBACK_NUMBER = "callback_number"


def missing_fields(draft: Draft, questions: QuestionSets = NO_QUESTIONS) -> list[Missing | Unanswered]:
    """What must still be filled in before the registration can be closed
    (a callback request: its subject's questions too, each answered as its
    kind asks). A count-only question needs its subject alone."""
    reg = draft.registration
    missing: list[Missing | Unanswered] = [] if reg.subject.strip() else [Missing.SUBJECT]
    if reg.count_only:
        return missing
    if not reg.question.strip():
        missing.append(Missing.QUESTION)
    if reg.outcome is None:
        missing.append(Missing.OUTCOME)
    elif reg.outcome.needs_detail and not reg.outcome_detail.strip():
        missing.append(Missing.DETAIL)
    if reg.outcome is Outcome.CALLBACK_REQUEST and (draft.callback is None or not draft.callback.number.strip()):
        missing.append(Missing.CALLBACK_NUMBER)
    if reg.outcome is Outcome.CALLBACK_REQUEST and draft.callback is not None:
        missing.extend(unanswered(questions.asked(reg.subject), draft.callback.answers))
    return missing


def next_working_day(moment: datetime, at: time = CALLBACK_DUE_TIME) -> datetime:
    """The next working day (Monday to Friday) after ``moment``, at ``at``."""
    day = moment.date() + timedelta(days=1)
    while day.weekday() >= 5:
        day += timedelta(days=1)
    return datetime.combine(day, at, tzinfo=moment.tzinfo)


def counted_only(draft: Draft) -> Draft:
    """The draft as a count: subject and times, no personal data."""
    reg = draft.registration
    counted = Registration(
        call_id=reg.call_id,
        caller_id=None,
        subject=reg.subject,
        question="",
        answer="",
        outcome=Outcome.RESOLVED,  # a simple general question is answered directly
        subject_uri=reg.subject_uri,
        count_only=True,
        after_call_seconds=reg.after_call_seconds,
        about=tuple(thing for thing in reg.about if not thing.personal),
    )
    facts = replace(draft.facts, number="", display_name="", caller_name="")
    return Draft(facts, counted, None)
