"""The words for the core's codes that more than one part of kccdesk shows
(the core itself holds no words: it returns codes, the layers above say them)."""

from __future__ import annotations

from kccdesk.core.knowledge import Source
from kccdesk.core.registration import ANSWER, CASE, PRODUCT, Outcome, SubjectObject
from kccdesk.i18n import N_, _

OUTCOMES = {
    Outcome.RESOLVED: N_("Answered directly"),
    Outcome.REFERRAL: N_("Referred to another organisation"),
    Outcome.WARM_TRANSFER: N_("Transferred warm to a colleague"),
    Outcome.CALLBACK_REQUEST: N_("Callback request"),
    Outcome.EMAIL_REQUEST: N_("Asked to send an e-mail"),
}


def outcome_name(outcome: Outcome) -> str:
    """The outcome as the agent and the supervisor read it, in the app's language."""
    return _(OUTCOMES[outcome])


SOURCES = {
    Source.VAC: N_("Answers"),
    Source.PRODUCT: N_("Products"),
    Source.COLLEAGUE: N_("Colleagues"),
}


def source_name(source: Source) -> str:
    """A kind of knowledge as a heading over what the search found, in the app's language."""
    return _(SOURCES[source])


ABOUT = {ANSWER: N_("Answer: {title}"), PRODUCT: N_("Product: {title}"), CASE: N_("Case: {title}")}


def about_name(thing: SubjectObject) -> str:
    """What a registration is linked to, as the agent reads it (its kind, then its title)."""
    title = thing.title or thing.object_id
    return _(ABOUT[thing.kind]).format(title=title) if thing.kind in ABOUT else title
