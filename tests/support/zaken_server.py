"""A local Zaken API for the tests: a stand-in for Open Zaak, which needs
Django, PostgreSQL and a Catalogi API besides. Every request and every
answer is checked against the published OpenAPI document in tests/spec/
(openapi-core); a request that breaks it (a missing required header, an
unknown value) gets the 400 the real API would give and is kept in
``contract_errors``. Each request's JWT is checked as Open Zaak checks it:
signed with HS256 and the client's secret, with ``client_id``, ``iss``,
``iat`` and ``user_id``; anything else gets 403.

It answers from cases added with ``add_case`` (with their roles and current
status), ``page_size`` at a time, and can be told to misbehave: ``mode``
``down`` (drops each connection without an answer), ``error500``, ``hang``
(answers nothing until ``release`` is set: a slow server).
"""

from __future__ import annotations

import socket
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, datetime
from typing import Any

import jwt
from werkzeug.wrappers import Request, Response

from tests.support.stand_in import StandIn, json_answer

PREFIX = "/zaken/api/v1"
CLIENT_ID = "kccdesk-test"
SECRET = "zaken-test-secret-0123456789abcdef"  # HS256 wants 32 bytes or more
CATALOGUS = "http://catalogi.invalid/catalogi/api/v1"
RSIN = "002220647"


class ZgwStandIn(StandIn):
    """A ZGW API's stand-in (Zaken, Catalogi): each request's JWT checked as
    Open Zaak checks it; why a token was refused kept in ``refused_tokens``,
    each accepted token's claims in ``claims``."""

    def __init__(self, check_answers: bool = True) -> None:
        super().__init__(check_answers)
        self.refused_tokens: list[str] = []  # why a request's token was refused
        self.claims: list[dict[str, Any]] = []  # each accepted token's claims

    def _unauthorised(self, request: Request) -> Response | None:
        """The 403 for a request whose token is refused, or None."""
        problem = self._token_problem(request.headers.get("Authorization", ""))
        if not problem:
            return None
        with self.lock:
            self.refused_tokens.append(problem)
        return json_answer(403, {"code": "permission_denied", "detail": problem})

    def _token_problem(self, header: str) -> str:
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
        with self.lock:
            self.claims.append(claims)
        return ""


class ZakenServer(ZgwStandIn):
    """Use as a context manager: started on a free port of 127.0.0.1."""

    spec = "zaken-openapi.yaml"
    prefix = PREFIX
    thread_name = "zaken"

    def __init__(self, check_answers: bool = True, page_size: int = 100) -> None:
        super().__init__(check_answers)
        self.page_size = page_size
        self.zaken: dict[str, dict[str, Any]] = {}
        self.rollen: list[dict[str, Any]] = []
        self.statussen: dict[str, dict[str, Any]] = {}

    # -- data in the API's shapes ------------------------------------------------

    def add_case(
        self,
        identificatie: str,
        omschrijving: str,
        startdatum: date,
        *,
        bsn: str = "",
        kvk: str = "",
        einddatum_gepland: date | None = None,
        uiterlijke_einddatum: date | None = None,
        einddatum: date | None = None,
        status: tuple[str, datetime] | None = None,
        zaaktype: str = "",
        statustype: str = "",
    ) -> str:
        """A case of the resident with ``bsn`` or the business with ``kvk``
        (their role: initiator), with its current status (explanation,
        when it was set); returns the case's URL. ``zaaktype`` and
        ``statustype``: the addresses of its types in a Catalogi API (by
        default made up, on a host that does not exist)."""
        zaak_uuid = str(uuid.uuid4())
        zaak_url = self.url(f"/zaken/{zaak_uuid}")
        zaak: dict[str, Any] = {
            "url": zaak_url,
            "uuid": zaak_uuid,
            "identificatie": identificatie,
            "bronorganisatie": RSIN,
            "omschrijving": omschrijving,
            "toelichting": "",
            "zaaktype": zaaktype or f"{CATALOGUS}/zaaktypen/{uuid.uuid4()}",
            "registratiedatum": startdatum.isoformat(),
            "verantwoordelijkeOrganisatie": RSIN,
            "startdatum": startdatum.isoformat(),
            "einddatum": einddatum.isoformat() if einddatum else None,
            "einddatumGepland": einddatum_gepland.isoformat() if einddatum_gepland else None,
            "uiterlijkeEinddatumAfdoening": uiterlijke_einddatum.isoformat() if uiterlijke_einddatum else None,
            "betalingsindicatieWeergave": "",
            "deelzaken": [],
            "eigenschappen": [],
            "rollen": [],
            "status": None,
            "resultaat": None,
            "zaakinformatieobjecten": [],
            "zaakobjecten": [],
        }
        rol = self._rol(zaak_url, bsn, kvk)
        zaak["rollen"] = [rol["url"]]
        if status is not None:
            status_uuid = str(uuid.uuid4())
            explanation, moment = status
            self.statussen[status_uuid] = {
                "url": self.url(f"/statussen/{status_uuid}"),
                "uuid": status_uuid,
                "zaak": zaak_url,
                "statustype": statustype or f"{CATALOGUS}/statustypen/{uuid.uuid4()}",
                "datumStatusGezet": moment.isoformat(),
                "statustoelichting": explanation,
                "indicatieLaatstGezetteStatus": True,
                "zaakinformatieobjecten": [],
            }
            zaak["status"] = self.statussen[status_uuid]["url"]
        with self.lock:
            self.zaken[zaak_uuid] = zaak
            self.rollen.append(rol)
        return zaak_url

    def _rol(self, zaak_url: str, bsn: str, kvk: str) -> dict[str, Any]:
        rol_uuid = str(uuid.uuid4())
        if bsn:
            kind, identification = "natuurlijk_persoon", {"inpBsn": bsn, "geslachtsnaam": "", "voornamen": ""}
        else:
            kind, identification = "niet_natuurlijk_persoon", {"innNnpId": kvk, "statutaireNaam": ""}
        return {
            "url": self.url(f"/rollen/{rol_uuid}"),
            "uuid": rol_uuid,
            "zaak": zaak_url,
            "betrokkene": "",
            "betrokkeneType": kind,
            "roltype": f"{CATALOGUS}/roltypen/{uuid.uuid4()}",
            "omschrijving": "Initiator",
            "omschrijvingGeneriek": "initiator",
            "roltoelichting": "",
            "registratiedatum": "2026-01-01T09:00:00Z",
            "statussen": [],
            "betrokkeneIdentificatie": identification,
        }

    # -- the API -------------------------------------------------------------

    def _answer(self, request: Request, connection: socket.socket) -> Response:
        mode = self.mode
        dropped = self._unreachable(mode, connection)
        if dropped is not None:
            return dropped
        if not request.path.startswith(PREFIX + "/"):
            return json_answer(404, {"detail": "Niet gevonden."})
        refusal = self._broken_request(request) or self._unauthorised(request)
        if refusal is not None:
            return refusal
        if mode == "error500":
            return json_answer(500, {"code": "error", "title": "Internal server error"})
        status, body = self._route(request)
        response = json_answer(status, body)
        response.headers["API-version"] = "1.5.1"
        if request.path.removeprefix(PREFIX).startswith("/zaken"):
            response.headers["Content-Crs"] = "EPSG:4326"
        return self._checked(request, response)

    def _route(self, request: Request) -> tuple[int, Any]:
        path = request.path.removeprefix(PREFIX)
        query = request.args
        with self.lock:
            if path == "/zaken":
                bsn = query.get("rol__betrokkeneIdentificatie__natuurlijkPersoon__inpBsn")
                found = [z for z in self.zaken.values() if bsn is None or bsn in self._bsns(z["url"])]
                return 200, self._page(request, found)
            if path == "/rollen":
                kvk = query.get("betrokkeneIdentificatie__nietNatuurlijkPersoon__innNnpId")
                kind = query.get("betrokkeneType")
                found = [
                    r
                    for r in self.rollen
                    if (kind is None or r["betrokkeneType"] == kind)
                    and (kvk is None or r["betrokkeneIdentificatie"].get("innNnpId") == kvk)
                ]
                return 200, self._page(request, found)
            collection, _slash, item = path.strip("/").partition("/")
            if collection == "zaken" and item in self.zaken:
                return 200, self.zaken[item]
            if collection == "statussen" and item in self.statussen:
                return 200, self.statussen[item]
        return 404, {"detail": "Niet gevonden."}

    def _bsns(self, zaak_url: str) -> set[str]:
        return {r["betrokkeneIdentificatie"].get("inpBsn", "") for r in self.rollen if r["zaak"] == zaak_url}

    def _page(self, request: Request, found: list[dict[str, Any]]) -> dict[str, Any]:
        return self._paged(request, found, int(request.args.get("page", "1")), self.page_size)


@contextmanager
def running_server(**options: Any) -> Iterator[ZakenServer]:
    """Start the API on a free port of 127.0.0.1; stop it afterwards."""
    with ZakenServer(**options) as server:
        yield server
