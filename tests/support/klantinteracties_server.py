"""A local Klantinteracties API for tests: serves the shapes of the OpenAPI
document in spec/ and checks every request and every response
against that document (openapi-core). It is a stand-in for Open Klant, which
needs Django, PostgreSQL and more than a test can start; the contract it
checks is the real one. Optional fields that may be null are left out:
openapi-core does not read "nullable" beside "allOf".
"""

from __future__ import annotations

import functools
import json
import threading
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from openapi_core import OpenAPI
from openapi_core.contrib.werkzeug import WerkzeugOpenAPIRequest, WerkzeugOpenAPIResponse
from werkzeug.serving import make_server
from werkzeug.wrappers import Request, Response

SPEC = Path(__file__).resolve().parents[1] / "spec" / "klantinteracties-openapi.yaml"
PREFIX = "/klantinteracties/api/v1"


@dataclass
class KlantinteractiesServer:
    base_url: str = ""
    partijen: dict[str, dict[str, Any]] = field(default_factory=dict)
    adressen: list[dict[str, Any]] = field(default_factory=list)
    klantcontacten: list[tuple[str, dict[str, Any]]] = field(default_factory=list)  # (partij uuid, contact)
    internetaken: list[dict[str, Any]] = field(default_factory=list)
    contract_errors: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)
    hold: threading.Event | None = None  # set: answers wait until it is released

    def url(self, path: str) -> str:
        return f"{self.base_url}{path}"

    # -- data in the API's shapes -------------------------------------------

    def add_person(self, voornaam: str, voorvoegsel: str, achternaam: str, telefoon: str) -> str:
        party_id = str(uuid.uuid4())
        self.partijen[party_id] = {
            "uuid": party_id,
            "url": self.url(f"/partijen/{party_id}"),
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
        }
        address_id = str(uuid.uuid4())
        self.adressen.append(
            {
                "uuid": address_id,
                "url": self.url(f"/digitaleadressen/{address_id}"),
                "verstrektDoorPartij": {"uuid": party_id, "url": self.url(f"/partijen/{party_id}")},
                "adres": telefoon,
                "soortDigitaalAdres": "telefoonnummer",
                "isStandaardAdres": True,
                "omschrijving": "mobiel",
                "referentie": "tel-1",
            }
        )
        return party_id

    def add_contact(self, party_id: str, onderwerp: str, when: str, open_task: str = "") -> None:
        contact_id = str(uuid.uuid4())
        contact = {
            "uuid": contact_id,
            "url": self.url(f"/klantcontacten/{contact_id}"),
            "gingOverOnderwerpobjecten": [],
            "hadBetrokkenActoren": [],
            "omvatteBijlagen": [],
            "hadBetrokkenen": [],
            "leiddeTotInterneTaken": [],
            "nummer": "0000000001",
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
        self.klantcontacten.append((party_id, contact))
        if open_task:
            task_id = str(uuid.uuid4())
            self.internetaken.append(
                {
                    "uuid": task_id,
                    "url": self.url(f"/internetaken/{task_id}"),
                    "nummer": "0000000001",
                    "referentienummer": "T1",
                    "gevraagdeHandeling": open_task,
                    "aanleidinggevendKlantcontact": {"uuid": contact_id, "url": contact["url"]},
                    "toegewezenAanActoren": [],
                    "toelichting": "team Wmo",
                    "status": "te_verwerken",
                    "toegewezenOp": when,
                }
            )

    # -- the API -------------------------------------------------------------

    def answer(self, request: Request) -> Any:
        path = request.path.removeprefix(PREFIX)
        query = request.args
        if path == "/digitaleadressen":
            return _page(
                a
                for a in self.adressen
                if a["adres"] == query.get("adres")
                and a["soortDigitaalAdres"] == query.get("soortDigitaalAdres", a["soortDigitaalAdres"])
            )
        if path.startswith("/partijen/"):
            return self.partijen.get(path.rsplit("/", 1)[1])
        if path == "/klantcontacten":
            wanted = query.get("hadBetrokkene__wasPartij__uuid")
            return _page(c for party_id, c in self.klantcontacten if party_id == wanted)
        if path == "/internetaken":
            wanted = query.get("aanleidinggevendKlantcontact__uuid")
            status = query.get("status")
            return _page(
                t
                for t in self.internetaken
                if t["aanleidinggevendKlantcontact"]["uuid"] == wanted and (status is None or t["status"] == status)
            )
        return None


def _page(items: Iterator[dict[str, Any]]) -> dict[str, Any]:
    results = list(items)
    return {"count": len(results), "next": None, "previous": None, "results": results}


@functools.cache
def contract() -> OpenAPI:
    return OpenAPI.from_dict(yaml.safe_load(SPEC.read_text(encoding="utf-8")))


@contextmanager
def running_server() -> Iterator[KlantinteractiesServer]:
    """Start the API on a free port of 127.0.0.1; stop it afterwards."""
    openapi = contract()
    state = KlantinteractiesServer()

    @Request.application
    def app(request: Request) -> Response:
        state.requests.append(f"{request.method} {request.full_path}")
        if state.hold is not None:
            state.hold.wait(30)
        openapi_request = WerkzeugOpenAPIRequest(request)
        errors = [str(e) for e in openapi.iter_request_errors(openapi_request)]
        if errors:
            state.contract_errors += [f"request {request.full_path}: {e}" for e in errors]
            return Response(json.dumps({"detail": errors[0]}), 400, content_type="application/json")
        body = state.answer(request)
        if body is None:
            return Response(json.dumps({"detail": "Niet gevonden."}), 404, content_type="application/json")
        response = Response(json.dumps(body), 200, content_type="application/json")
        response.headers["API-version"] = "0.9.0"
        state.contract_errors += [
            f"response {request.full_path}: {e}"
            for e in openapi.iter_response_errors(openapi_request, WerkzeugOpenAPIResponse(response))
        ]
        return response

    server = make_server("127.0.0.1", 0, app, threaded=True)
    state.base_url = f"http://127.0.0.1:{server.server_port}{PREFIX}"
    thread = threading.Thread(target=server.serve_forever, name="klantinteracties", daemon=True)
    thread.start()
    try:
        yield state
    finally:
        if state.hold is not None:
            state.hold.set()
        server.shutdown()
        thread.join(10)
