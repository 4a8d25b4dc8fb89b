"""A local Objects API for the tests: a stand-in for Open Object, where a
municipality keeps its answers (VAC) and colleagues as objects of an
objecttype. Every request and every answer is checked against the published
OpenAPI document in tests/spec/ (openapi-core); an invalid request gets the
400 the real API would give. Optional fields that may be null beside
"allOf" (``geometry``) are left out: openapi-core does not read them.

It serves ``GET /api/v2/objects?type=…`` page by page (``page``,
``pageSize``, an absolute ``next``), as the real API does only the records
in force on its own ``today``, and can be told to misbehave: ``mode``
``down`` (drops each connection without an answer), ``hang`` (answers
nothing until ``release`` is set), ``error500``, ``garbage`` (200 with a
body that is not JSON), ``refuse`` (401 to any token); ``fail_on_page``
answers 500 to that page only.
"""

from __future__ import annotations

import socket
import uuid
from datetime import date
from typing import Any

from werkzeug.wrappers import Request, Response

from tests.support.stand_in import StandIn, json_answer

PREFIX = "/api/v2"
TOKEN = "objects-test-token"
DEFAULT_PAGE_SIZE = 100  # as the document says
MAX_PAGE_SIZE = 500


class ObjectsServer(StandIn):
    """Use as a context manager: started on a free port of 127.0.0.1."""

    spec = "objecten-openapi.yaml"
    prefix = PREFIX
    thread_name = "objects-api"

    def __init__(self) -> None:
        super().__init__()
        self.requests: list[Request] = []  # every request as it came, to look at its headers
        self.fail_on_page: int | None = None
        self.today = date(2026, 11, 23)  # the records in force on this day are listed
        self.objects: list[dict[str, Any]] = []
        self.vac_type = "http://objecttypes.test/api/v2/objecttypes/" + str(uuid.uuid4())
        self.colleague_type = "http://objecttypes.test/api/v2/objecttypes/" + str(uuid.uuid4())

    # -- data in the API's shapes ------------------------------------------------

    def add(self, objecttype: str, data: dict[str, Any], end_at: str | None = None) -> str:
        """An object of ``objecttype`` whose record holds ``data``; its uuid."""
        object_id = str(uuid.uuid4())
        record: dict[str, Any] = {
            "index": 1,
            "typeVersion": 1,
            "data": data,
            "references": [],
            "startAt": "2026-01-05",
            "endAt": end_at,
            "registrationAt": "2026-01-05",
            "correctionFor": None,
        }
        with self.lock:
            self.objects.append(
                {"url": f"{self.base_url}/objects/{object_id}", "uuid": object_id, "type": objecttype, "record": record}
            )
        return object_id

    def change(self, object_id: str, **data: Any) -> None:
        """A new record for the object, with these fields changed."""
        with self.lock:
            found = next(one for one in self.objects if one["uuid"] == object_id)
            record = found["record"]
            found["record"] = {**record, "index": record["index"] + 1, "data": {**record["data"], **data}}

    def delete(self, object_id: str) -> None:
        with self.lock:
            self.objects = [one for one in self.objects if one["uuid"] != object_id]

    def pages_asked(self) -> list[str]:
        with self.lock:
            return [request.full_path for request in self.requests]

    # -- the API -------------------------------------------------------------

    def _noted(self, request: Request) -> Request:
        return request

    def _answer(self, request: Request, connection: socket.socket) -> Response:
        refusal = self._unreachable(self.mode, connection) or self._broken_request(request)
        if refusal is not None:
            return refusal
        authorization = request.headers.get("Authorization", "")
        if self.mode == "refuse" or authorization != f"Token {TOKEN}":
            return json_answer(401, {"detail": "Ongeldige token."})
        page = request.args.get("page", 1, type=int)
        if self.mode == "error500" or page == self.fail_on_page:
            return json_answer(500, {"code": "error", "title": "Er is een serverfout opgetreden."})
        if self.mode == "garbage":
            return Response("<html><body>Onderhoud</body></html>", 200, content_type="text/html")
        if request.path.rstrip("/") != PREFIX + "/objects":
            return json_answer(404, {"detail": "Niet gevonden."})
        response = json_answer(200, self._page(request, page))
        response.headers["Content-Crs"] = "EPSG:4326"
        response.headers["API-version"] = "2.7.0"
        return self._checked(request, response)

    def _page(self, request: Request, page: int) -> dict[str, Any]:
        size = min(request.args.get("pageSize", DEFAULT_PAGE_SIZE, type=int), MAX_PAGE_SIZE)
        objecttype = request.args.get("type")
        with self.lock:
            found = [
                one
                for one in self.objects
                if (objecttype is None or one["type"] == objecttype) and self._in_force(one["record"])
            ]
        return self._paged(request, found, page, size)

    def _in_force(self, record: dict[str, Any]) -> bool:
        return record["endAt"] is None or date.fromisoformat(record["endAt"]) > self.today
