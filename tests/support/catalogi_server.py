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
import threading
import time
import uuid
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import jwt
import yaml
from openapi_core import OpenAPI
from openapi_core.contrib.werkzeug import WerkzeugOpenAPIRequest, WerkzeugOpenAPIResponse
from werkzeug.serving import BaseWSGIServer, make_server
from werkzeug.wrappers import Request, Response

from tests.support.zaken_server import CLIENT_ID, SECRET, _drop, _json, _QuietHandler

SPEC = Path(__file__).resolve().parents[1] / "spec" / "catalogi-openapi.yaml"
PREFIX = "/catalogi/api/v1"


@functools.cache
def contract() -> OpenAPI:
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    document = yaml.load(SPEC.read_text(encoding="utf-8"), Loader=loader)
    document["servers"] = [{"url": PREFIX}]  # served here, not at VNG's own host
    answer = document["paths"]["/zaaktypen/{uuid}"]["get"]["responses"]["200"]["content"]["application/json"]
    answer["schema"] = {"$ref": "#/components/schemas/ZaakType"}  # "Unspecified response body" in the document
    return OpenAPI.from_dict(document)


class CatalogiServer:
    """Use as a context manager: started on a free port of 127.0.0.1."""

    def __init__(self) -> None:
        contract()  # read before the first request, which would otherwise wait for it past a client's time limit
        self.lock = threading.RLock()
        self.mode = "up"
        self.garbage = b"<html>Onderhoud</html>"
        self.release = threading.Event()
        self.types: dict[str, dict[str, Any]] = {}  # by path below the prefix: "/zaaktypen/<uuid>"
        self.contract_errors: list[str] = []
        self.refused_tokens: list[str] = []
        self.requests: list[str] = []
        self._server: BaseWSGIServer = make_server(
            "127.0.0.1", 0, self._app, threaded=True, request_handler=_QuietHandler
        )
        self.base_url = f"http://127.0.0.1:{self._server.server_port}{PREFIX}"
        self._thread = threading.Thread(target=self._server.serve_forever, name="catalogi", daemon=True)

    def __enter__(self) -> CatalogiServer:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.release.set()
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(10)

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

    def _app(self, environ: dict[str, Any], start_response: Any) -> Iterable[bytes]:
        request = Request(environ)
        with self.lock:
            self.requests.append(f"{request.method} {request.full_path}")
        mode = self.mode
        if mode == "hang":
            self.release.wait(30)
        if mode in ("down", "hang"):
            return _drop(environ["werkzeug.socket"])(environ, start_response)
        return self._answer(request)(environ, start_response)

    def _answer(self, request: Request) -> Response:
        openapi = contract()
        openapi_request = WerkzeugOpenAPIRequest(request)
        errors = [f"{e}: {getattr(e, '__cause__', '') or ''}" for e in openapi.iter_request_errors(openapi_request)]
        if errors:
            with self.lock:
                self.contract_errors += [f"request {request.full_path}: {e}" for e in errors]
            return _json(400, {"code": "invalid", "title": "Invalid request", "detail": errors[0]})
        problem = _token_problem(request.headers.get("Authorization", ""))
        if problem:
            with self.lock:
                self.refused_tokens.append(problem)
            return _json(403, {"code": "permission_denied", "detail": problem})
        if self.mode == "error500":
            return _json(500, {"code": "error", "title": "Internal server error"})
        if self.mode == "garbage":
            return Response(self.garbage, 200, content_type="application/json")
        path = request.path.removeprefix(PREFIX)
        with self.lock:
            found = self.types.get(path)
        if not found:  # openapi-core reads no application/problem+json body: this answer is not checked
            return Response(json.dumps({"detail": "Niet gevonden."}), 404, content_type="application/problem+json")
        response = _json(200, found)
        response.headers["API-version"] = "1.3.1"
        answer = WerkzeugOpenAPIResponse(response)
        errors = [
            f"{e}: {getattr(e, '__cause__', '') or ''}" for e in openapi.iter_response_errors(openapi_request, answer)
        ]
        with self.lock:
            self.contract_errors += [f"response {request.full_path}: {e}" for e in errors]
        return response


def _token_problem(header: str) -> str:
    if not header.startswith("Bearer "):
        return "no bearer token"
    try:
        claims = jwt.decode(
            header.removeprefix("Bearer "),
            SECRET,
            algorithms=["HS256"],
            options={"require": ["iss", "iat", "client_id", "user_id"]},
        )
    except jwt.InvalidTokenError as error:
        return f"bad token: {error}"
    if claims["client_id"] != CLIENT_ID or claims["iss"] != CLIENT_ID:
        return "unknown client"
    if abs(claims["iat"] - time.time()) > 300:
        return "token too old or from the future"
    return ""


@contextmanager
def running_catalogi() -> Iterator[CatalogiServer]:
    """Start the API on a free port of 127.0.0.1; stop it afterwards."""
    with CatalogiServer() as server:
        yield server
