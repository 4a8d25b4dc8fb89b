"""A local Klantinteracties API for the tests: every request is validated
against the published OpenAPI document (copied unchanged next to this file)
with openapi-core; an invalid request gets the 400 the real API would give.

Besides ``maak-klantcontact`` it answers what follows a klantcontact:
actors (``actoren``, ``actorklantcontacten``), callback tasks
(``internetaken``) and a caller's number (``digitaleadressen``), created by
POST and found by the query parameters the document defines.

It keeps what it created in memory and can be told to misbehave: ``down``
(drops each connection without an answer), ``error500``, ``error400``,
``hang`` (answers nothing until released) and ``commit_then_close``
(stores the klantcontact, then drops the connection before answering);
``failing`` names collections whose POST answers 500.
"""

from __future__ import annotations

import json
import threading
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

from openapi_core import OpenAPI
from openapi_core.contrib.werkzeug import WerkzeugOpenAPIRequest
from werkzeug.test import EnvironBuilder

SPEC = Path(__file__).resolve().parents[1] / "spec" / "klantinteracties-openapi.yaml"
BASE_PATH = "/klantinteracties/api/v1"
TOKEN = "test-token-0123"
_OPENAPI = OpenAPI.from_file_path(str(SPEC))


class KlantinteractiesServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.mode = "up"
        self.lock = threading.Lock()
        self.created: dict[str, dict[str, Any]] = {}  # referentienummer -> klantcontact
        self.actors: list[dict[str, Any]] = []
        self.actor_links: list[dict[str, Any]] = []  # actorklantcontacten
        self.tasks: list[dict[str, Any]] = []  # internetaken
        self.addresses: list[dict[str, Any]] = []  # digitaleadressen
        self.failing: set[str] = set()  # collections whose POST answers 500
        self.posts = 0
        self.invalid: list[str] = []
        self.release = threading.Event()
        self._thread = threading.Thread(target=self.serve_forever, daemon=True)

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}{BASE_PATH}"

    def __enter__(self) -> KlantinteractiesServer:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.release.set()
        self.shutdown()
        self.server_close()


class _Handler(BaseHTTPRequestHandler):
    server: KlantinteractiesServer
    protocol_version = "HTTP/1.1"
    # Headers and body go out in separate writes; with Nagle's algorithm
    # and the client's delayed ACK each answer would wait some 40 ms.
    disable_nagle_algorithm = True

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - quiet in tests
        pass

    def do_GET(self) -> None:
        self._handle("GET")

    def do_POST(self) -> None:
        self._handle("POST")

    def _handle(self, method: str) -> None:
        body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        mode = self.server.mode
        if mode == "down":
            self.close_connection = True
            return
        if mode == "hang":
            self.server.release.wait()
            self.close_connection = True
            return
        error = _validate(method, self.path, dict(self.headers), body)
        if error:
            with self.server.lock:
                self.server.invalid.append(error)
            return self._reply(400, {"code": "invalid", "title": "Invalid request", "detail": error})
        if self.headers.get("Authorization") != f"Token {TOKEN}":
            return self._reply(403, {"code": "permission_denied", "detail": "bad token"})
        if mode == "error500":
            return self._reply(500, {"code": "error", "title": "Internal server error"})
        if mode == "error400":
            return self._reply(400, {"code": "invalid", "invalidParams": [
                {"name": "onderwerp", "code": "invalid", "reason": "Onderwerp is niet toegestaan."}]})
        path = urlsplit(self.path)
        if method == "GET" and path.path == f"{BASE_PATH}/klantcontacten":
            ref = parse_qs(path.query).get("referentienummer", [""])[0]
            with self.server.lock:
                found = [c for r, c in self.server.created.items() if r == ref]
            return self._reply(200, {"count": len(found), "next": None, "previous": None, "results": found})
        if method == "POST" and path.path == f"{BASE_PATH}/maak-klantcontact":
            request = json.loads(body)
            contact = dict(request["klantcontact"])
            contact_uuid = str(uuid.uuid4())
            contact.update(uuid=contact_uuid, url=f"{self.server.base_url}/klantcontacten/{contact_uuid}")
            involved = self._new("betrokkenen", request.get("betrokkene") or {"rol": "klant", "initiator": True})
            involved["hadKlantcontact"] = _key(contact)
            contact["hadBetrokkenen"] = [_key(involved)]
            with self.server.lock:
                self.server.posts += 1
                self.server.created[contact.get("referentienummer") or contact_uuid] = contact
            if mode == "commit_then_close":
                self.close_connection = True
                return
            return self._reply(201, {"klantcontact": contact, "betrokkene": involved})
        collections = {
            "actoren": (self.server.actors, {"naam": "naam", "soortActor": "soortActor"}),
            "actorklantcontacten": (
                self.server.actor_links, {"actor__uuid": "actor.uuid", "klantcontact__uuid": "klantcontact.uuid"}
            ),
            "internetaken": (self.server.tasks, {"referentienummer": "referentienummer"}),
            "digitaleadressen": (self.server.addresses, {"referentie": "referentie"}),
        }
        name = path.path.removeprefix(f"{BASE_PATH}/")
        if name in collections:
            items, filters = collections[name]
            if method == "POST" and name in self.server.failing:
                return self._reply(500, {"code": "error", "title": "Internal server error"})
            if method == "POST":
                item = self._new(name, json.loads(body))
                with self.server.lock:
                    items.append(item)
                return self._reply(201, item)
            query = {k: v[0] for k, v in parse_qs(path.query).items()}
            with self.server.lock:
                found = [i for i in items if all(_field(i, f) == query[q] for q, f in filters.items() if q in query)]
            return self._reply(200, {"count": len(found), "next": None, "previous": None, "results": found})
        self._reply(404, {"code": "not_found"})

    def _new(self, collection: str, fields: dict[str, Any]) -> dict[str, Any]:
        item_uuid = str(uuid.uuid4())
        return {**fields, "uuid": item_uuid, "url": f"{self.server.base_url}/{collection}/{item_uuid}"}

    def _reply(self, status: int, payload: dict[str, Any]) -> None:
        data = json.dumps(payload).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)


def _key(item: dict[str, Any]) -> dict[str, str]:
    return {"uuid": item["uuid"], "url": item["url"]}


def _field(item: dict[str, Any], dotted: str) -> str:
    value: Any = item
    for part in dotted.split("."):
        value = value.get(part) if isinstance(value, dict) else None
    return str(value)


def _validate(method: str, target: str, headers: dict[str, str], body: bytes) -> str:
    """The OpenAPI library's complaint about a request, or "" when it is valid."""
    path = urlsplit(target)
    builder = EnvironBuilder(
        path=path.path, query_string=path.query, method=method, headers=headers,
        data=body, base_url="http://127.0.0.1/",
    )
    request = WerkzeugOpenAPIRequest(builder.get_request())
    try:
        _OPENAPI.validate_request(request)
    except Exception as exc:  # openapi-core raises several validation error types
        causes = [str(exc)] + [str(e) for e in getattr(exc.__cause__, "schema_errors", [])]
        return "; ".join(causes)
    return ""
