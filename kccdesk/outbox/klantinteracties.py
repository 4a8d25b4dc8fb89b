"""The Klantinteracties API sink (Open Klant): a registration becomes one
``maak-klantcontact`` request (klantcontact, betrokkene and onderwerpobject).

The client reference is carried in ``klantcontact.referentienummer``: it is
stored with the remote record, it is at most 10 characters (our references are
exactly 10), and ``GET /klantcontacten?referentienummer=…`` can find it, so
before re-sending an item that may have reached the server we ask whether it
is there. ``metadata`` could carry a longer key but cannot be searched.
Codes such as the betrokkene ``rol`` are API data, never shown to the agent.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import httpx

from kccdesk.core.draft import CallbackDetails
from kccdesk.core.registration import EndedCall, Involved, Outcome, Registration
from kccdesk.outbox.failures import GATEWAY_DOWN, TransientError, Unreachable, failure

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
    return {"klantcontact": klantcontact, "betrokkene": betrokkene(involved)}


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
    record (a digitaal adres of the contact's betrokkene)."""
    steps: dict[str, Any] = {"agent": call.agent[:200]}
    if registration.outcome is Outcome.WARM_TRANSFER and registration.outcome_detail:
        steps["colleague"] = registration.outcome_detail[:200]
    if callback is not None:
        steps["task"] = {
            "forWhom": callback.for_whom[:200],
            "team": callback.team,
            "toelichting": task_text(callback)[:1000],
        }
    if involved.number:
        steps["number"] = involved.number
    return {**payload, FOLLOW_UP: steps}


def task_text(callback: CallbackDetails) -> str:
    text = f"Terugbellen naar {callback.number}, uiterlijk {callback.due:%d-%m-%Y %H:%M}."
    return f"{text} {callback.note}" if callback.note else text


def _iso(moment: datetime) -> str:
    return moment.isoformat()


@dataclass
class KlantinteractiesSink:
    base_url: str
    token: str
    timeout: float = 10.0

    def stop(self) -> None:
        """Send no request that has not begun (one under way ends within its time limit)."""
        self._stopping = True

    def close(self) -> None:
        self._client.close()

    def __post_init__(self) -> None:
        self._stopping = False
        self._actors: dict[tuple[str, str], dict[str, str]] = {}
        self._actors_guard = threading.Lock()  # registrations are sent side by side: each actor made once
        self._client = httpx.Client(
            base_url=self.base_url.rstrip("/") + "/",
            headers={"Authorization": f"Token {self.token}"},
            timeout=self.timeout,
        )

    def deliver(self, reference: str, payload: dict[str, Any], maybe_sent: bool) -> str:
        """Create the klantcontact and what follows it, each once; returns
        the klantcontact's URL on the server. Every step that may already
        have been done (an earlier attempt) is looked up before it is sent."""
        body = {key: value for key, value in payload.items() if key != FOLLOW_UP}
        contact = self._find(reference) if maybe_sent else None
        if contact is None:
            contact = self._call("POST", "maak-klantcontact", json=body).json()["klantcontact"]
        steps = payload.get(FOLLOW_UP)
        if steps:
            self._follow_up(reference, contact, steps, maybe_sent)
        return str(contact.get("url", ""))

    def _find(self, reference: str) -> dict[str, Any] | None:
        response = self._call("GET", "klantcontacten", params={"referentienummer": reference})
        results = response.json().get("results", [])
        return results[0] if results else None

    def _follow_up(self, reference: str, contact: dict[str, Any], steps: dict[str, Any], maybe_sent: bool) -> None:
        link = {"uuid": contact["uuid"]}
        self._link(self._actor(steps["agent"], AGENT), link, maybe_sent)
        if steps.get("colleague"):
            self._link(self._actor(steps["colleague"], AGENT), link, maybe_sent)
        task = steps.get("task")
        if task and not (maybe_sent and self._exists("internetaken", {"referentienummer": reference})):
            actor = self._actor(task["forWhom"], TEAM if task["team"] else AGENT)
            self._call(
                "POST",
                "internetaken",
                json={
                    "referentienummer": reference,
                    "gevraagdeHandeling": CALL_BACK,
                    "aanleidinggevendKlantcontact": link,
                    "toegewezenAanActoren": [actor],
                    "toelichting": task["toelichting"],
                    "status": TASK_OPEN,
                },
            )
        involved = contact.get("hadBetrokkenen") or []
        if (
            steps.get("number")
            and involved
            and not (maybe_sent and self._exists("digitaleadressen", {"referentie": reference}))
        ):
            self._call(
                "POST",
                "digitaleadressen",
                json={
                    "verstrektDoorBetrokkene": {"uuid": involved[0]["uuid"]},
                    "adres": steps["number"],
                    "soortDigitaalAdres": PHONE_ADDRESS,
                    "isStandaardAdres": False,
                    "omschrijving": "",
                    "referentie": reference,
                },
            )

    def _actor(self, name: str, kind: str) -> dict[str, str]:
        """The actor with this name and kind, made when the server has none."""
        key = (name, kind)
        with self._actors_guard:
            return self._actors.get(key) or self._new_actor(key)

    def _new_actor(self, key: tuple[str, str]) -> dict[str, str]:
        name, kind = key
        found = self._call("GET", "actoren", params={"naam": name, "soortActor": kind}).json()
        same = [a for a in found.get("results", []) if a.get("naam") == name]
        if same:
            actor = same[0]
        else:
            actor = self._call(
                "POST", "actoren", json={"naam": name, "soortActor": kind, "indicatieActief": True}
            ).json()
        self._actors[key] = {"uuid": actor["uuid"]}
        return self._actors[key]

    def _link(self, actor: dict[str, str], contact: dict[str, str], maybe_sent: bool) -> None:
        query = {"actor__uuid": actor["uuid"], "klantcontact__uuid": contact["uuid"]}
        if not (maybe_sent and self._exists("actorklantcontacten", query)):
            self._call("POST", "actorklantcontacten", json={"actor": actor, "klantcontact": contact})

    def _exists(self, path: str, query: dict[str, str]) -> bool:
        return bool(self._call("GET", path, params=query).json().get("results"))

    def _call(self, method: str, path: str, **kwargs: Any) -> httpx.Response:
        if self._stopping:
            raise TransientError("kccdesk stopped before this step; it is taken up at the next start")
        try:
            response = self._client.request(method, path, **kwargs)
        except httpx.HTTPError as exc:
            raise Unreachable(f"{type(exc).__name__}: {exc}") from exc
        problem = failure(response)
        if problem is not None:
            raise problem
        return response

    def probe(self) -> bool:
        """One cheap request: does the API answer again?"""
        try:
            response = self._client.get("klantcontacten", params={"pageSize": 1})
        except httpx.HTTPError:
            return False
        return response.status_code not in GATEWAY_DOWN
