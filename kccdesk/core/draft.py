"""An open registration as the form holds it: the call's facts, what the agent
typed, and for a callback request its details. Saved as a draft from the
first key on, so that a crash or a kill loses nothing."""

from __future__ import annotations

import enum
from dataclasses import dataclass, replace
from datetime import datetime, time, timedelta

from kccdesk.core.line import EndReason
from kccdesk.core.registration import EndedCall, Outcome, Registration

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
    caller_name: str = ""  # the party's name, when the caller is known
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
    call, what about, and by when."""

    for_whom: str
    team: bool
    number: str
    note: str
    due: datetime


@dataclass(frozen=True)
class Draft:
    facts: CallFacts
    registration: Registration
    callback: CallbackDetails | None = None

    @property
    def call_id(self) -> str:
        return self.facts.call_id


class Missing(enum.Enum):
    """A required field that is still empty (in the order of the form)."""

    SUBJECT = "subject"
    QUESTION = "question"
    OUTCOME = "outcome"
    DETAIL = "detail"
    CALLBACK_NUMBER = "callback_number"


def missing_fields(draft: Draft) -> list[Missing]:
    """What must still be filled in before the registration can be closed.
    A count-only question needs its subject alone."""
    reg = draft.registration
    missing = [] if reg.subject.strip() else [Missing.SUBJECT]
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
    )
    facts = replace(draft.facts, number="", display_name="", caller_name="")
    return Draft(facts, counted, None)
