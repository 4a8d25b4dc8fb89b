"""A local Catalogi API for the tests: the part of Open Zaak's Catalogi API
that kccdesk reads, ``GET /zaaktypen/{uuid}`` and ``GET /statustypen/{uuid}``.
Every request and every answer is checked against the published OpenAPI
document in tests/spec/ (openapi-core); the document leaves the answer of
``GET /zaaktypen/{uuid}`` unspecified, so here it names the document's own
``ZaakType`` schema for it, which that answer is checked against. A request that breaks the document gets
the 400 the real API would give and is kept in ``contract_errors``. Each
request's JWT is checked as for the Zaken API (the same client ID and
secret, as ZGW municipalities set it up); anything else gets 403.

It answers the types added with ``add_case_type`` and ``add_status_type``,
and can be told to misbehave: ``mode`` ``down`` (drops each connection
without an answer), ``error500``, ``hang`` (answers nothing until
``release`` is set) or ``garbage`` (200 with the bytes of ``garbage``).
"""

from __future__ import annotations

import functools
import json
import socket
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from openapi_core import OpenAPI
from werkzeug.wrappers import Request, Response

from tests.support.stand_in import json_answer, read_document
from tests.support.zaken_server import ZgwStandIn

PREFIX = "/catalogi/api/v1"


@functools.cache
def contract() -> OpenAPI:
    document = read_document("catalogi-openapi.yaml", PREFIX)
    answer = document["paths"]["/zaaktypen/{uuid}"]["get"]["responses"]["200"]["content"]["application/json"]
    answer["schema"] = {"$ref": "#/components/schemas/ZaakType"}  # "Unspecified response body" in the document
    return OpenAPI.from_dict(document)


class CatalogiServer(ZgwStandIn):
    """Use as a context manager: started on a free port of 127.0.0.1."""

    prefix = PREFIX
    thread_name = "catalogi"

    def __init__(self) -> None:
        super().__init__()
        self.garbage = b"<html>Onderhoud</html>"
        self.types: dict[str, dict[str, Any]] = {}  # by path below the prefix: "/zaaktypen/<uuid>"

    # -- data in the API's shapes ------------------------------------------------

    def add_case_type(self, omschrijving: str, identificatie: str = "") -> str:
        """A published case type; returns its URL."""
        path = f"/zaaktypen/{uuid.uuid4()}"
        url = self.base_url + path
        self.types[path] = {
            "url": url,
            "identificatie": identificatie or f"ZT-{len(self.types) + 1:04d}",
            "omschrijving": omschrijving,
            "omschrijvingGeneriek": "",
            "vertrouwelijkheidaanduiding": "openbaar",
            "doel": omschrijving,
            "aanleiding": "Een inwoner of ondernemer vraagt erom.",
            "toelichting": "",
            "indicatieInternOfExtern": "extern",
            "handelingInitiator": "Aanvragen",
            "onderwerp": omschrijving,
            "handelingBehandelaar": "Behandelen",
            "doorlooptijd": "P8W",
            "servicenorm": None,
            "opschortingEnAanhoudingMogelijk": False,
            "verlengingMogelijk": False,
            "verlengingstermijn": None,
            "trefwoorden": [],
            "publicatieIndicatie": False,
            "publicatietekst": "",
            "verantwoordingsrelatie": [],
            "productenOfDiensten": [],
            "referentieproces": {"naam": omschrijving},
            "verantwoordelijke": "Gemeente",
            "zaakobjecttypen": [],
            "catalogus": f"{self.base_url}/catalogussen/{uuid.uuid4()}",
            "statustypen": [],
            "resultaattypen": [],
            "eigenschappen": [],
            "informatieobjecttypen": "",  # a string in the document, though Open Zaak gives a list
            "roltypen": [],
            "besluittypen": [],
            "deelzaaktypen": [],
            "gerelateerdeZaaktypen": [],
            "beginGeldigheid": "2026-01-01",
            "eindeGeldigheid": None,
            "beginObject": "2026-01-01",
            "eindeObject": None,
            "versiedatum": "2026-01-01",
            "concept": False,
        }
        return url

    def add_status_type(self, zaaktype: str, omschrijving: str, volgnummer: int = 1, last: bool = False) -> str:
        """A status type of the case type at ``zaaktype``; returns its URL."""
        path = f"/statustypen/{uuid.uuid4()}"
        url = self.base_url + path
        case_type = self.types[zaaktype.removeprefix(self.base_url)]
        case_type["statustypen"].append(url)
        self.types[path] = {
            "url": url,
            "omschrijving": omschrijving,
            "omschrijvingGeneriek": "",
            "statustekst": "",
            "zaaktype": zaaktype,
            "catalogus": case_type["catalogus"],
            "zaaktypeIdentificatie": case_type["identificatie"],
            "volgnummer": volgnummer,
            "isEindstatus": last,
            "informeren": False,
            "doorlooptijd": None,
            "toelichting": None,
            "checklistitemStatustype": [],
            "eigenschappen": [],
            "beginGeldigheid": "2026-01-01",
            "eindeGeldigheid": None,
            "beginObject": "2026-01-01",
            "eindeObject": None,
            "zaakobjecttype": f"{self.base_url}/zaakobjecttypen/{uuid.uuid4()}",
        }
        return url

    # -- the API -------------------------------------------------------------

    def _contract(self) -> OpenAPI:
        return contract()

    def _answer(self, request: Request, connection: socket.socket) -> Response:
        refusal = (
            self._unreachable(self.mode, connection) or self._broken_request(request) or self._unauthorised(request)
        )
        if refusal is not None:
            return refusal
        if self.mode == "error500":
            return json_answer(500, {"code": "error", "title": "Internal server error"})
        if self.mode == "garbage":
            return Response(self.garbage, 200, content_type="application/json")
        path = request.path.removeprefix(PREFIX)
        with self.lock:
            found = self.types.get(path)
        if not found:  # openapi-core reads no application/problem+json body: this answer is not checked
            return Response(json.dumps({"detail": "Niet gevonden."}), 404, content_type="application/problem+json")
        response = json_answer(200, found)
        response.headers["API-version"] = "1.3.1"
        return self._checked(request, response)


@contextmanager
def running_catalogi() -> Iterator[CatalogiServer]:
    """Start the API on a free port of 127.0.0.1; stop it afterwards."""
    with CatalogiServer() as server:
        yield server
