"""What is registered when a call ends (the contactregistratie)."""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import datetime

from kccdesk.core.caller import Caller
from kccdesk.core.line import EndReason
from kccdesk.core.session import CallSession


class Needs(enum.Enum):
    """Whom an outcome must name: nobody, a colleague (or a team), or an
    organisation (always by its full name)."""

    NOTHING = "nothing"
    COLLEAGUE = "colleague"
    ORGANISATION = "organisation"


class Outcome(enum.Enum):
    """How phase 3 (actie) ended: the registration's afhandeling, and the
    phase 3 branch of the call script. Each outcome carries the facts the
    rules need: whether the KCC handled the question directly (the 60 % /
    85 % figures are counted from it), and whom the agent must name for it."""

    RESOLVED = ("resolved", True, Needs.NOTHING)
    # A referral to another organisation completes the contact in the KCC:
    # nothing is left for the municipality's back office.
    REFERRAL = ("referral", True, Needs.ORGANISATION)
    WARM_TRANSFER = ("warm_transfer", False, Needs.COLLEAGUE)
    CALLBACK_REQUEST = ("callback_request", False, Needs.COLLEAGUE)
    EMAIL_REQUEST = ("email_request", False, Needs.NOTHING)

    def __init__(self, code: str, handled_directly: bool, needs: Needs) -> None:
        self.code = code  # in the database, the script files and the figures
        self.handled_directly = handled_directly
        self.needs = needs

    @property
    def needs_detail(self) -> bool:
        """The registration must say to whom, for whom or which organisation."""
        return self.needs is not Needs.NOTHING

    @classmethod
    def from_code(cls, code: str) -> Outcome:
        for outcome in cls:
            if outcome.code == code:
                return outcome
        raise ValueError(f"unknown outcome {code!r}")


@dataclass(frozen=True)
class EndedCall:
    """The facts of one finished call, answered or missed."""

    call_id: str
    number: str
    display_name: str
    withheld: bool
    started_at: datetime  # wall clock, when the INVITE arrived
    answered: bool
    rings: int  # at answer, or heard before the caller gave up
    answer_delay: float | None
    talk_seconds: float | None
    hold_seconds: float
    end_reason: EndReason
    agent: str

    @classmethod
    def from_session(cls, session: CallSession, agent: str) -> EndedCall:
        if session.ended_at is None or session.end_reason is None:
            raise ValueError("the call has not ended yet")
        return cls(
            call_id=session.call_id,
            number=session.caller.number,
            display_name=session.caller.display_name,
            withheld=session.caller.withheld,
            started_at=session.arrived_wall,
            answered=session.answered_at is not None,
            rings=session.ring(session.ended_at),
            answer_delay=session.answer_delay,
            talk_seconds=session.talk_seconds(),
            hold_seconds=session.hold_seconds,
            end_reason=session.end_reason,
            agent=agent,
        )


@dataclass(frozen=True)
class SubjectObject:
    """What a contact was about, in a register of its own: an answer or a
    product from the knowledge the agent used, or the caller's case. The
    registration system keeps it as the contact's *onderwerpobject*, by the
    register's codes; the agent sees the title."""

    kind: str  # the object's type: "vac", "product", "zaak"
    register: str  # the register it is kept in
    id_kind: str  # what ``object_id`` is: "uuid", "uri", "identificatie", …
    object_id: str
    title: str = ""  # what the agent sees

    def same(self, other: SubjectObject) -> bool:
        return (self.kind, self.register, self.object_id) == (other.kind, other.register, other.object_id)

    @property
    def personal(self) -> bool:
        """A case is the caller's own; an answer or a product is anyone's."""
        return self.kind == CASE


ANSWER, PRODUCT, CASE = "vac", "product", "zaak"  # the kinds of SubjectObject (the API's codeObjecttype)


@dataclass(frozen=True)
class Registration:
    """What the agent registers about an answered call."""

    call_id: str
    caller_id: int | None  # the caller's record, when known
    subject: str
    question: str
    answer: str
    outcome: Outcome | None
    subject_uri: str = ""  # the subject's URI in the UPL, when picked from it
    outcome_detail: str = ""  # to whom transferred, for whom the callback, which organisation
    confidential: bool = False  # the Klantinteracties "vertrouwelijk" flag
    count_only: bool = False  # a simple general question: counted, no personal data
    after_call_seconds: float | None = None  # after-call work, from hang-up to closing
    about: tuple[SubjectObject, ...] = ()  # the answers, products and cases the contact was about


@dataclass(frozen=True)
class Involved:
    """The caller as the registration system gets to know them (the
    klantcontact's betrokkene), at most one of: their partij in that system;
    the caller from a local record (their name goes with it); or, for a
    caller without any record, the number they called from (E.164), so that
    the back office can find them and call back. Nothing for a withheld
    number, or a caller ID that is not a phone number."""

    party: str = ""
    caller: Caller | None = None
    number: str = ""
