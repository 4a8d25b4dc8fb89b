"""A local Klantinteracties API for the tests: a stand-in for Open Klant, which
needs Django, PostgreSQL and more than a test can start. Every request and
every answer is checked against the published OpenAPI document in
tests/spec/ (openapi-core); an invalid request gets the 400 the real API
would give. Optional fields that may be null are left out: openapi-core does
not read "nullable" beside "allOf".

It serves what kccdesk reads (a caller's record: digitaleadressen, partijen,
klantcontacten, internetaken) and what it writes (maak-klantcontact, then
actoren, actorklantcontacten, internetaken and digitaleadressen), keeps it in
memory, and can be told to misbehave: ``mode`` ``down`` (drops each
connection without an answer), ``error500``, ``error400``, ``hang`` (answers
nothing until ``release`` is set) and ``commit_then_close`` (stores the
klantcontact, then drops the connection before answering); ``failing`` names
collections whose POST answers 500; ``hold`` (an Event) delays every answer
until it is set.
"""

from __future__ import annotations

import socket
import threading
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from werkzeug.wrappers import Request, Response

from tests.support.stand_in import StandIn, drop, json_answer

PREFIX = "/klantinteracties/api/v1"
TOKEN = "test-token-0123"  # any token is taken (unless a test sets .token); none is refused

# What each collection can be searched by: query parameter -> dotted field.
FILTERS: dict[str, dict[str, str]] = {
    "actoren": {"naam": "naam", "soortActor": "soortActor"},
    "actorklantcontacten": {"actor__uuid": "actor.uuid", "klantcontact__uuid": "klantcontact.uuid"},
    "internetaken": {
        "referentienummer": "referentienummer",
        "aanleidinggevendKlantcontact__uuid": "aanleidinggevendKlantcontact.uuid",
        "status": "status",
    },
    "digitaleadressen": {"adres": "adres", "soortDigitaalAdres": "soortDigitaalAdres", "referentie": "referentie"},
    "onderwerpobjecten": {
        "klantcontact__uuid": "klantcontact.uuid",
        "onderwerpobjectidentificatorObjectId": "onderwerpobjectidentificator.objectId",
    },
}

# Fields that refer to another resource, and where it lives.
LINKS = {
    "actor": "actoren",
    "klantcontact": "klantcontacten",
    "aanleidinggevendKlantcontact": "klantcontacten",
    "toegewezenAanActoren": "actoren",
    "verstrektDoorBetrokkene": "betrokkenen",
    "verstrektDoorPartij": "partijen",
}


class KlantinteractiesServer(StandIn):
    """Use as a context manager: started on a free port of 127.0.0.1."""

    spec = "klantinteracties-openapi.yaml"
    prefix = PREFIX
    thread_name = "klantinteracties"

    def __init__(self, check_answers: bool = True) -> None:
        super().__init__(check_answers)
        self.token: str | None = None  # a test that checks refusing a wrong token sets it
        self.failing: set[str] = set()
        self.hold: threading.Event | None = None
        self.partijen: dict[str, dict[str, Any]] = {}
        self.klantcontacten: list[tuple[str, dict[str, Any]]] = []  # (partij uuid or "", klantcontact)
        self.betrokkenen: list[dict[str, Any]] = []
        self.collections: dict[str, list[dict[str, Any]]] = {name: [] for name in FILTERS}
        self.posts = 0  # maak-klantcontact requests that created a klantcontact

    def __exit__(self, *exc: object) -> None:
        if self.hold is not None:
            self.hold.set()
        super().__exit__(*exc)

    # -- what the tests look at ------------------------------------------------

    @property
    def invalid(self) -> list[str]:
        """The requests that broke the document."""
        with self.lock:
            return [e for e in self.contract_errors if e.startswith("request ")]

    @property
    def created(self) -> dict[str, dict[str, Any]]:
        """The klantcontacten made through maak-klantcontact, by referentienummer."""
        with self.lock:
            return {c["referentienummer"]: c for _p, c in self.klantcontacten if c.get("referentienummer")}

    @property
    def actors(self) -> list[dict[str, Any]]:
        return self.collections["actoren"]

    @property
    def actor_links(self) -> list[dict[str, Any]]:
        return self.collections["actorklantcontacten"]

    @property
    def internetaken(self) -> list[dict[str, Any]]:
        return self.collections["internetaken"]

    @property
    def subject_objects(self) -> list[dict[str, Any]]:
        """The onderwerpobjecten: in maak-klantcontact, and posted after it."""
        with self.lock:
            return list(self.collections["onderwerpobjecten"])

    @property
    def adressen(self) -> list[dict[str, Any]]:
        return self.collections["digitaleadressen"]

    # -- data in the API's shapes ------------------------------------------------

    def add_person(self, voornaam: str, voorvoegsel: str, achternaam: str, telefoon: str) -> str:
        party = self._item(
            "partijen",
            {
                "nummer": "0000000001",
                "interneNotitie": "",
                "betrokkenen": [],
                "categorieRelaties": [],
                "digitaleAdressen": [],
                "vertegenwoordigden": [],
                "rekeningnummers": [],
                "partijIdentificatoren": [],
                "soortPartij": "persoon",
                "indicatieGeheimhouding": False,
                "voorkeurstaal": "nld",
                "indicatieActief": True,
                "bezoekadres": {
                    "straatnaam": "Stationsweg",
                    "huisnummer": 5,
                    "huisnummertoevoeging": "",
                    "postcode": "1234 AB",
                    "stad": "Voorbeeldstad",
                },
                "partijIdentificatie": {
                    "contactnaam": {
                        "voorletters": voornaam[:1],
                        "voornaam": voornaam,
                        "voorvoegselAchternaam": voorvoegsel,
                        "achternaam": achternaam,
                    },
                    "volledigeNaam": " ".join(p for p in (voornaam, voorvoegsel, achternaam) if p),
                },
            },
        )
        self.partijen[party["uuid"]] = party
        self.adressen.append(
            self._item(
                "digitaleadressen",
                {
                    "verstrektDoorPartij": _key(party),
                    "adres": telefoon,
                    "soortDigitaalAdres": "telefoonnummer",
                    "isStandaardAdres": True,
                    "omschrijving": "mobiel",
                    "referentie": "tel-1",
                },
            )
        )
        return party["uuid"]

    def add_contact(self, party_id: str, onderwerp: str, when: str, open_task: str = "") -> None:
        contact = self._contact(
            {
                "referentienummer": "",
                "kanaal": "telefoon",
                "onderwerp": onderwerp,
                "inhoud": "",
                "reactie": "",
                "indicatieContactGelukt": True,
                "hoofdOnderwerpType": "",
                "verdereActieOndernomen": False,
                "taal": "nld",
                "vertrouwelijk": False,
                "plaatsgevondenOp": when,
            }
        )
        self.klantcontacten.append((party_id, contact))
        if open_task:
            self.internetaken.append(
                self._item(
                    "internetaken",
                    {
                        "nummer": "0000000001",
                        "referentienummer": "T1",
                        "gevraagdeHandeling": open_task,
                        "aanleidinggevendKlantcontact": _key(contact),
                        "toegewezenAanActoren": [],
                        "toelichting": "team Wmo",
                        "status": "te_verwerken",
                        "toegewezenOp": when,
                    },
                )
            )

    def _item(self, collection: str, fields: dict[str, Any]) -> dict[str, Any]:
        item_uuid = str(uuid.uuid4())
        return {**fields, "uuid": item_uuid, "url": self.url(f"/{collection}/{item_uuid}")}

    def _contact(self, fields: dict[str, Any]) -> dict[str, Any]:
        return self._item(
            "klantcontacten",
            {
                "nummer": "0000000001",
                "gingOverOnderwerpobjecten": [],
                "hadBetrokkenActoren": [],
                "omvatteBijlagen": [],
                "hadBetrokkenen": [],
                "leiddeTotInterneTaken": [],
                **fields,
            },
        )

    # -- the API -------------------------------------------------------------

    def _answer(self, request: Request, connection: socket.socket) -> Response:
        if self.hold is not None:
            self.hold.wait(30)
        if not request.path.startswith(PREFIX + "/"):  # no API here: what a real server says
            return json_answer(404, {"code": "not_found", "title": "Niet gevonden."})
        mode = self.mode
        refusal = self._unreachable(mode, connection) or self._broken_request(request)
        if refusal is not None:
            return refusal
        token = request.headers.get("Authorization", "").removeprefix("Token ").strip()
        if not token or (self.token is not None and token != self.token):
            return json_answer(403, {"code": "permission_denied", "detail": "bad token"})
        failing = request.method == "POST" and request.path.removeprefix(PREFIX).strip("/") in self.failing
        if mode == "error500" or failing:
            return json_answer(500, {"code": "error", "title": "Internal server error"})
        if mode == "error400":
            return json_answer(
                400,
                {
                    "code": "invalid",
                    "invalidParams": [
                        {"name": "onderwerp", "code": "invalid", "reason": "Onderwerp is niet toegestaan."}
                    ],
                },
            )
        status, body = self._route(request)
        if mode == "commit_then_close" and request.method == "POST":
            return drop(connection)
        response = json_answer(status, body)
        response.headers["API-version"] = "0.9.0"
        return self._checked(request, response)

    def _route(self, request: Request) -> tuple[int, Any]:
        path = request.path.removeprefix(PREFIX)
        name = path.strip("/")
        query = request.args
        if request.method == "POST" and name == "maak-klantcontact":
            return 201, self._maak_klantcontact(request.get_json())
        if request.method == "POST" and name in FILTERS:
            item = self._item(name, self._linked(request.get_json()))
            if name == "internetaken":
                item = {"toegewezenOp": "2026-11-23T10:15:00+01:00", **item}
            with self.lock:
                self.collections[name].append(item)
            return 201, item
        if name in FILTERS:
            wanted = {q: query[q] for q in FILTERS[name] if q in query}
            with self.lock:
                found = [
                    i
                    for i in self.collections[name]
                    if all(_field(i, FILTERS[name][q]) == v for q, v in wanted.items())
                ]
            return 200, _page(found)
        if name == "klantcontacten":
            party, reference = query.get("hadBetrokkene__wasPartij__uuid"), query.get("referentienummer")
            with self.lock:
                found = [
                    c
                    for p, c in self.klantcontacten
                    if (party is None or p == party) and (reference is None or c.get("referentienummer") == reference)
                ]
            return 200, _page(found)
        if path.startswith("/partijen/") and path.rsplit("/", 1)[1] in self.partijen:
            return 200, self.partijen[path.rsplit("/", 1)[1]]
        return 404, {"detail": "Niet gevonden."}

    def _linked(self, fields: dict[str, Any]) -> dict[str, Any]:
        """The request's references as the API answers them: with their URL."""
        linked = dict(fields)
        for field, collection in LINKS.items():
            value = linked.get(field)
            if isinstance(value, dict) and "uuid" in value:
                linked[field] = {"uuid": value["uuid"], "url": self.url(f"/{collection}/{value['uuid']}")}
            elif isinstance(value, list):
                linked[field] = [{"uuid": v["uuid"], "url": self.url(f"/{collection}/{v['uuid']}")} for v in value]
        return linked

    def _maak_klantcontact(self, body: dict[str, Any]) -> dict[str, Any]:
        contact = self._contact(dict(body["klantcontact"]))
        given = dict(body.get("betrokkene") or {"rol": "klant", "initiator": True})
        party = given.pop("wasPartij", {}).get("uuid", "")
        involved = self._item(
            "betrokkenen",
            {
                **given,
                "hadKlantcontact": _key(contact),
                "digitaleAdressen": [],
                "volledigeNaam": "",
            },
        )
        if party:
            involved["wasPartij"] = {"uuid": party, "url": self.url(f"/partijen/{party}")}
        contact["hadBetrokkenen"] = [_key(involved)]
        answer = {"klantcontact": contact, "betrokkene": involved}
        about = body.get("onderwerpobject")
        if about:
            answer["onderwerpobject"] = self._item("onderwerpobjecten", {**about, "klantcontact": _key(contact)})
            contact["gingOverOnderwerpobjecten"] = [_key(answer["onderwerpobject"])]
        with self.lock:
            self.posts += 1
            self.klantcontacten.append((party, contact))
            self.betrokkenen.append(involved)
            if about:
                self.collections["onderwerpobjecten"].append(answer["onderwerpobject"])
        return answer


def _page(results: list[dict[str, Any]]) -> dict[str, Any]:
    return {"count": len(results), "next": None, "previous": None, "results": results}


def _key(item: dict[str, Any]) -> dict[str, str]:
    return {"uuid": item["uuid"], "url": item["url"]}


def _field(item: dict[str, Any], dotted: str) -> str:
    value: Any = item
    for part in dotted.split("."):
        value = value.get(part) if isinstance(value, dict) else None
    return str(value)


@contextmanager
def running_server() -> Iterator[KlantinteractiesServer]:
    """Start the API on a free port of 127.0.0.1; stop it afterwards."""
    with KlantinteractiesServer() as server:
        yield server
