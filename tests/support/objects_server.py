"""A local Objects API for the tests: a stand-in for Open Object, where a
municipality keeps its answers (VAC) and colleagues as objects of an
objecttype. Every request and every answer is checked against the published
OpenAPI document in tests/spec/ (openapi-core); an invalid request gets the
400 the real API would give. Optional fields that may be null beside
"allOf" (``geometry``) are left out: openapi-core does not read them.

It serves ``GET /api/v2/objects?type=…`` page by page (``page``,
``pageSize``, an absolute ``next``), as the real API does only the records
in force on its own ``today``, and can be told to misbehave: ``mode``
``down`` (drops each connection without an answer), ``error500``,
``garbage`` (200 with a body that is not JSON), ``refuse`` (401 to any
token); ``fail_on_page`` answers 500 to that page only.
"""

from __future__ import annotations

import functools
import json
import socket
import threading
import uuid
from collections.abc import Iterable
from datetime import date
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import yaml
from openapi_core import OpenAPI
from openapi_core.contrib.werkzeug import WerkzeugOpenAPIRequest, WerkzeugOpenAPIResponse
from werkzeug.serving import BaseWSGIServer, WSGIRequestHandler, make_server
from werkzeug.wrappers import Request, Response

SPEC = Path(__file__).resolve().parents[1] / "spec" / "objecten-openapi.yaml"
PREFIX = "/api/v2"
TOKEN = "objects-test-token"
DEFAULT_PAGE_SIZE = 100  # as the document says
MAX_PAGE_SIZE = 500


@functools.cache
def contract() -> OpenAPI:
    return OpenAPI.from_dict(yaml.safe_load(SPEC.read_text(encoding="utf-8")))


class _QuietHandler(WSGIRequestHandler):
    disable_nagle_algorithm = True
    protocol_version = "HTTP/1.1"

    def log_request(self, code: int | str = "-", size: int | str = "-") -> None:
        pass


class ObjectsServer:
    """Use as a context manager: started on a free port of 127.0.0.1."""

    def __init__(self) -> None:
        self.lock = threading.RLock()
        self.mode = "up"
        self.fail_on_page: int | None = None
        self.today = date(2026, 11, 23)  # the records in force on this day are listed
        self.objects: list[dict[str, Any]] = []
        self.requests: list[Request] = []  # every request as it came, to look at its headers
        self.contract_errors: list[str] = []  # requests and answers that broke the document
        self._server: BaseWSGIServer = make_server(
            "127.0.0.1", 0, self._app, threaded=True, request_handler=_QuietHandler
        )
        self.base_url = f"http://127.0.0.1:{self._server.server_port}{PREFIX}"
        self.vac_type = "http://objecttypes.test/api/v2/objecttypes/" + str(uuid.uuid4())
        self.colleague_type = "http://objecttypes.test/api/v2/objecttypes/" + str(uuid.uuid4())
        self._thread = threading.Thread(target=self._server.serve_forever, name="objects-api", daemon=True)

    def __enter__(self) -> ObjectsServer:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(10)

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

    def _app(self, environ: dict[str, Any], start_response: Any) -> Iterable[bytes]:
        request = Request(environ)
        response = self._answer(request, environ["werkzeug.socket"])
        return response(environ, start_response)

    def _answer(self, request: Request, connection: socket.socket) -> Response:
        with self.lock:
            self.requests.append(request)
        if self.mode == "down":
            return _drop(connection)
        openapi = contract()
        openapi_request = WerkzeugOpenAPIRequest(request)
        errors = [str(e) for e in openapi.iter_request_errors(openapi_request)]
        if errors:
            with self.lock:
                self.contract_errors += [f"request {request.full_path}: {e}" for e in errors]
            return _json(400, {"code": "invalid", "title": "Invalid request", "detail": errors[0]})
        authorization = request.headers.get("Authorization", "")
        if self.mode == "refuse" or authorization != f"Token {TOKEN}":
            return _json(401, {"detail": "Ongeldige token."})
        page = request.args.get("page", 1, type=int)
        if self.mode == "error500" or page == self.fail_on_page:
            return _json(500, {"code": "error", "title": "Er is een serverfout opgetreden."})
        if self.mode == "garbage":
            return Response("<html><body>Onderhoud</body></html>", 200, content_type="text/html")
        if request.path.rstrip("/") != PREFIX + "/objects":
            return _json(404, {"detail": "Niet gevonden."})
        response = _json(200, self._page(request, page))
        response.headers["Content-Crs"] = "EPSG:4326"
        response.headers["API-version"] = "2.7.0"
        answer_errors = [
            str(e) for e in openapi.iter_response_errors(openapi_request, WerkzeugOpenAPIResponse(response))
        ]
        with self.lock:
            self.contract_errors += [f"response {request.full_path}: {e}" for e in answer_errors]
        return response

    def _page(self, request: Request, page: int) -> dict[str, Any]:
        size = min(request.args.get("pageSize", DEFAULT_PAGE_SIZE, type=int), MAX_PAGE_SIZE)
        objecttype = request.args.get("type")
        with self.lock:
            found = [
                one
                for one in self.objects
                if (objecttype is None or one["type"] == objecttype) and self._in_force(one["record"])
            ]
        start = (page - 1) * size

        def address(number: int) -> str | None:
            if number < 1 or (number - 1) * size >= len(found):
                return None
            query = {key: value for key, value in request.args.items() if key != "page"}
            return f"{self.base_url}/objects?{urlencode({**query, 'page': number})}"

        return {
            "count": len(found),
            "next": address(page + 1),
            "previous": address(page - 1),
            "results": found[start : start + size],
        }

    def _in_force(self, record: dict[str, Any]) -> bool:
        return record["endAt"] is None or date.fromisoformat(record["endAt"]) > self.today


def _drop(connection: socket.socket) -> Response:
    """Close the connection without an answer."""
    try:
        connection.shutdown(socket.SHUT_RDWR)
    except OSError:
        pass
    return Response(b"", 500)


def _json(status: int, body: Any) -> Response:
    return Response(json.dumps(body), status, content_type="application/json")
