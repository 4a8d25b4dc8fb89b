"""What the tests' stand-ins for the municipality's APIs share
(tests/support/*_server.py): the published OpenAPI document each is checked
against, served at the stand-in's own prefix; a werkzeug server on a free
port of 127.0.0.1, on threads of its own, started and stopped as a context
manager; every request kept in ``requests``; the modes ``down`` (drops each
connection without an answer) and ``hang`` (answers nothing until
``release`` is set, then drops it); and the checks of each request (400, as
the real API) and each answer against the document, what breaks it kept in
``contract_errors``. Each stand-in adds its own routes, data and token check.
"""

from __future__ import annotations

import functools
import json
import socket
import threading
from collections.abc import Iterable
from pathlib import Path
from typing import Any, ClassVar, Self
from urllib.parse import urlencode

import yaml
from openapi_core import OpenAPI
from openapi_core.contrib.werkzeug import WerkzeugOpenAPIRequest, WerkzeugOpenAPIResponse
from werkzeug.serving import BaseWSGIServer, WSGIRequestHandler, make_server
from werkzeug.wrappers import Request, Response

SPECS = Path(__file__).resolve().parents[1] / "spec"


def read_document(name: str, prefix: str) -> dict[str, Any]:
    """The document tests/spec/``name`` as published, served here at
    ``prefix`` (not at its publisher's host)."""
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # the documents are long: libyaml where there is one
    document: dict[str, Any] = yaml.load((SPECS / name).read_text(encoding="utf-8"), Loader=loader)
    document["servers"] = [{"url": prefix}]
    return document


@functools.cache
def contract(name: str, prefix: str) -> OpenAPI:
    """The document tests/spec/``name``, read once for all the tests."""
    return OpenAPI.from_dict(read_document(name, prefix))


class QuietHandler(WSGIRequestHandler):
    # Headers and body go out in separate writes; with Nagle's algorithm and
    # the client's delayed ACK each answer would wait some 40 ms.
    disable_nagle_algorithm = True
    # Connections stay open between requests, as behind any production web server.
    protocol_version = "HTTP/1.1"

    def log_request(self, code: int | str = "-", size: int | str = "-") -> None:
        pass


class StandIn:
    """Use as a context manager: started on a free port of 127.0.0.1. A
    stand-in names its document (``spec``, in tests/spec/; or gives
    ``_contract``, to amend it), where it is served (``prefix``) and its
    thread, and gives ``_answer``."""

    spec: ClassVar[str]
    prefix: ClassVar[str]
    thread_name: ClassVar[str]

    def __init__(self, check_answers: bool = True) -> None:
        """``check_answers``: also check the stand-in's own answers against
        the document (the tests do; a benchmark, which measures the client,
        may leave it out)."""
        self.openapi = self._contract()  # read now: the first request would wait for it past a client's time limit
        self.check_answers = check_answers
        self.lock = threading.RLock()
        self.mode = "up"
        self.release = threading.Event()
        self.requests: list[Any] = []  # what ``_noted`` keeps of each request, in the order they came
        self.contract_errors: list[str] = []  # requests and answers that broke the document
        self._server: BaseWSGIServer = make_server(
            "127.0.0.1", 0, self._app, threaded=True, request_handler=QuietHandler
        )
        self.base_url = f"http://127.0.0.1:{self._server.server_port}{self.prefix}"
        self._thread = threading.Thread(target=self._server.serve_forever, name=self.thread_name, daemon=True)

    def __enter__(self) -> Self:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.release.set()
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(10)

    def url(self, path: str) -> str:
        return f"{self.base_url}{path}"

    def _contract(self) -> OpenAPI:
        return contract(self.spec, self.prefix)

    def _app(self, environ: dict[str, Any], start_response: Any) -> Iterable[bytes]:
        request = Request(environ)
        with self.lock:
            self.requests.append(self._noted(request))
        response = self._answer(request, environ["werkzeug.socket"])
        return response(environ, start_response)

    def _noted(self, request: Request) -> Any:
        """What ``requests`` keeps of a request: its method and path with the query."""
        return f"{request.method} {request.full_path}"

    def _answer(self, request: Request, connection: socket.socket) -> Response:
        raise NotImplementedError

    def _paged(self, request: Request, found: list[dict[str, Any]], number: int, size: int) -> dict[str, Any]:
        """Page ``number`` of what was ``found``, ``size`` to a page, with
        the absolute addresses of the pages beside it (None where there is
        none), as the ZGW and Objects APIs answer a list."""

        def address(page: int) -> str | None:
            if page < 1 or (page - 1) * size >= len(found):
                return None
            query = {key: value for key, value in request.args.items() if key != "page"}
            return f"{self.base_url}{request.path.removeprefix(self.prefix)}?{urlencode({**query, 'page': page})}"

        start = (number - 1) * size
        return {
            "count": len(found),
            "next": address(number + 1),
            "previous": address(number - 1),
            "results": found[start : start + size],
        }

    def _unreachable(self, mode: str, connection: socket.socket) -> Response | None:
        """In the modes ``down`` and ``hang`` (once ``release`` is set), the connection dropped."""
        if mode == "hang":
            self.release.wait(30)
        if mode in ("down", "hang"):
            return drop(connection)
        return None

    def _broken_request(self, request: Request) -> Response | None:
        """The 400 the real API gives a request that breaks the document, or None."""
        errors = _texts(self.openapi.iter_request_errors(WerkzeugOpenAPIRequest(request)))
        if not errors:
            return None
        with self.lock:
            self.contract_errors += [f"request {request.full_path}: {e}" for e in errors]
        return json_answer(400, {"code": "invalid", "title": "Invalid request", "detail": errors[0]})

    def _checked(self, request: Request, response: Response) -> Response:
        """The answer, checked against the document (unless ``check_answers`` is off)."""
        if self.check_answers:
            answer = WerkzeugOpenAPIResponse(response)
            errors = _texts(self.openapi.iter_response_errors(WerkzeugOpenAPIRequest(request), answer))
            with self.lock:
                self.contract_errors += [f"response {request.full_path}: {e}" for e in errors]
        return response


def drop(connection: socket.socket) -> Response:
    """Close the connection without an answer (what is written after is lost)."""
    try:
        connection.shutdown(socket.SHUT_RDWR)
    except OSError:
        pass
    return Response(b"", 500)


def json_answer(status: int, body: Any) -> Response:
    return Response(json.dumps(body), status, content_type="application/json")


def _texts(errors: Iterable[Exception]) -> list[str]:
    """Each error with its cause, which says which field and why."""
    return [f"{e}: {e.__cause__}" if e.__cause__ else str(e) for e in errors]
