"""What a closed registration becomes in the Klantinteracties API (Open
Klant): one ``maak-klantcontact`` request body (klantcontact, betrokkene and
onderwerpobject), and the steps that follow it. Built when the registration
is closed and kept in the outbox; sent by ``outbox/klantinteracties.py``.

The client reference is carried in ``klantcontact.referentienummer``: it is
stored with the remote record, it is at most 10 characters (our references are
exactly 10), and ``GET /klantcontacten?referentienummer=…`` can find it, so
before re-sending an item that may have reached the server we ask whether it
is there. ``metadata`` could carry a longer key but cannot be searched.
Codes such as the betrokkene ``rol`` are API data, never shown to the agent.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from kccdesk.core.callback_questions import answer_lines
from kccdesk.core.draft import CallbackDetails
from kccdesk.core.registration import EndedCall, Involved, Outcome, Registration, SubjectObject

CHANNEL_PHONE = "telefoon"
LANGUAGE = "nld"
ROLE_CALLER = "klant"  # RolEnum value of the API, not UI text
# API data (codes and the task's wording for the colleague), not UI text:
AGENT = "medewerker"
TEAM = "organisatorische_eenheid"
CALL_BACK = "Terugbellen"
TASK_OPEN = "te_verwerken"
PHONE_ADDRESS = "telefoonnummer"
# Our own key beside the maak-klantcontact body: the steps that follow it
# (actors, the callback task, the caller's number). Never sent as it is.
FOLLOW_UP = "vervolg"
TASK_TEXT_MAX = 1000  # characters of an internetaak's toelichting


NOBODY = Involved()


def maak_klantcontact(
    call: EndedCall, registration: Registration, reference: str, involved: Involved = NOBODY
) -> dict[str, Any]:
    """The request body, shaped per the MaakKlantcontact schema."""
    metadata = {"rings": str(call.rings), "agent": call.agent[:255]}
    if call.answer_delay is not None:
        metadata["answerDelaySeconds"] = f"{call.answer_delay:.1f}"
    if call.talk_seconds is not None:
        metadata["talkSeconds"] = f"{call.talk_seconds:.1f}"
    klantcontact: dict[str, Any] = {
        "kanaal": CHANNEL_PHONE,
        "onderwerp": registration.subject[:200],
        "inhoud": registration.question[:1000],
        "reactie": registration.answer[:4000],
        "taal": LANGUAGE,
        "vertrouwelijk": registration.confidential,
        "indicatieContactGelukt": call.answered,
        "plaatsgevondenOp": _iso(call.started_at),
        "referentienummer": reference,
        "metadata": metadata,
    }
    if registration.subject_uri:
        klantcontact["hoofdOnderwerpType"] = registration.subject_uri
    body = {"klantcontact": klantcontact, "betrokkene": betrokkene(involved)}
    if registration.about:  # the first in the request itself; the others follow it (ABOUT_MORE)
        body["onderwerpobject"] = {"onderwerpobjectidentificator": identificator(registration.about[0])}
    return body


def identificator(thing: SubjectObject) -> dict[str, str]:
    """How the registration system knows an onderwerpobject: by its register's codes."""
    return {
        "objectId": thing.object_id[:200],
        "codeObjecttype": thing.kind[:200],
        "codeRegister": thing.register[:200],
        "codeSoortObjectId": thing.id_kind[:200],
    }


def betrokkene(involved: Involved) -> dict[str, Any]:
    """The caller in the contact: linked to their partij, or with the name
    from the local record. Fields without a value are left out (null in an
    allOf is refused by validators)."""
    body: dict[str, Any] = {"rol": ROLE_CALLER, "initiator": True}
    caller = involved.caller
    if involved.party:
        body["wasPartij"] = {"uuid": involved.party}
    elif caller is not None:
        name = {
            "voornaam": caller.given_name[:200],
            "voorvoegselAchternaam": caller.surname_prefix[:10],
            "achternaam": caller.surname[:200],
        }
        if any(name.values()):
            body["contactnaam"] = name
        if caller.business_name:
            body["organisatienaam"] = caller.business_name[:200]
    return body


def with_follow_up(
    payload: dict[str, Any],
    call: EndedCall,
    registration: Registration,
    callback: CallbackDetails | None = None,
    involved: Involved = NOBODY,
) -> dict[str, Any]:
    """The payload with what the Klantinteracties sink does after creating
    the klantcontact: link the agent (and a warm transfer's colleague) as
    actors, make the callback task, keep the number of a caller without a
    record (a digitaal adres of the contact's betrokkene), link what else the
    contact was about (an onderwerpobject each, beyond the request's one)."""
    steps: dict[str, Any] = {"agent": call.agent[:200]}
    if registration.outcome is Outcome.WARM_TRANSFER and registration.outcome_detail:
        steps["colleague"] = registration.outcome_detail[:200]
    if callback is not None:
        steps["task"] = {
            "forWhom": callback.for_whom[:200],
            "team": callback.team,
            "toelichting": task_text(callback),
        }
    if involved.number:
        steps["number"] = involved.number
    if len(registration.about) > 1:
        steps["about"] = [identificator(thing) for thing in registration.about[1:]]
    return {**payload, FOLLOW_UP: steps}


def task_text(callback: CallbackDetails) -> str:
    """The internal task's text: the number and the time, the question for
    the colleague, then the answers to the subject's questions, a line each
    ("label: answer"). The answers always fit whole (the limits of
    core/callback_questions.py); when the question for the colleague does not
    fit beside them it is shortened, ending in "…" (the local callback
    request keeps it whole)."""
    head = f"Terugbellen naar {callback.number}, uiterlijk {callback.due:%d-%m-%Y %H:%M}."
    facts = "".join(f"\n{line}" for line in answer_lines(callback.answers))
    room = TASK_TEXT_MAX - len(head) - len(facts) - 1  # the space after the head
    note = callback.note if len(callback.note) <= room else callback.note[: max(room - 1, 0)].rstrip() + "…"
    text = f"{head} {note}" if callback.note else head
    return (text + facts)[:TASK_TEXT_MAX]


def _iso(moment: datetime) -> str:
    return moment.isoformat()
