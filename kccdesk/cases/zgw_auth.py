"""The ZGW authorisation: every request to a Zaken API carries a JWT signed
with HS256 and the client's secret, naming the client (``client_id``,
``iss``), the moment it was made (``iat``) and the agent (``user_id``).
A token is made afresh for each request, so none is ever stale, however
long the shift."""

from __future__ import annotations

import time
from collections.abc import Callable, Generator

import httpx
import jwt


def zgw_token(client_id: str, secret: str, user_id: str, issued_at: float) -> str:
    claims = {
        "iss": client_id,
        "iat": int(issued_at),
        "client_id": client_id,
        "user_id": user_id,
        "user_representation": user_id,
    }
    return jwt.encode(claims, secret, algorithm="HS256")


class ZgwAuth(httpx.Auth):
    """``Authorization: Bearer <a token made now>`` on every request."""

    def __init__(self, client_id: str, secret: str, user_id: str, now: Callable[[], float] = time.time) -> None:
        self._client_id = client_id
        self._secret = secret
        self._user_id = user_id
        self._now = now

    def auth_flow(self, request: httpx.Request) -> Generator[httpx.Request, httpx.Response, None]:
        token = zgw_token(self._client_id, self._secret, self._user_id, self._now())
        request.headers["Authorization"] = f"Bearer {token}"
        yield request
