"""A local Klantinteracties API for the tests: every request is validated
against the published OpenAPI document (copied unchanged next to this file)
with openapi-core; an invalid request gets the 400 the real API would give.

It keeps what it created in memory and can be told to misbehave: ``down``
(drops each connection without an answer), ``error500``, ``error400``,
``hang`` (answers nothing until released) and ``commit_then_close``
(stores the klantcontact, then drops the connection before answering).
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
            with self.server.lock:
                self.server.posts += 1
                self.server.created[contact.get("referentienummer") or contact_uuid] = contact
            if mode == "commit_then_close":
                self.close_connection = True
                return
            return self._reply(201, {"klantcontact": contact})
        self._reply(404, {"code": "not_found"})

    def _reply(self, status: int, payload: dict[str, Any]) -> None:
        data = json.dumps(payload).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)


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
