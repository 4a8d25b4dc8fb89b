"""How a delivery can fail, and what a server's answer means for it: refused
for good (parked for a supervisor), failed for now (tried again later), or
not answered at all (nothing is tried until a probe finds the server back)."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import httpx


class PermanentError(Exception):
    """The server refused the request and will refuse it again (a 4xx)."""


class TransientError(Exception):
    """The server could not be reached or failed; trying later may succeed."""


class Unreachable(TransientError):
    """The server did not answer at all: no connection, no answer in time, or
    a gateway saying it is down (502, 503, 504). Nothing is tried against it
    until a probe finds it back."""


GATEWAY_DOWN = (502, 503, 504)


def failure(response: httpx.Response) -> Exception | None:
    """What an answer means for a delivery: None when it succeeded."""
    status = response.status_code
    if 400 <= status < 500 and status not in (408, 429):
        return PermanentError(f"HTTP {status}: {reason(response)[:2000]}")
    if status in GATEWAY_DOWN:
        return Unreachable(f"HTTP {status}: {reason(response)[:500]}")
    if not 200 <= status < 300:
        return TransientError(f"HTTP {status}: {reason(response)[:500]}")
    return None


def reason(response: httpx.Response) -> str:
    """The server's reason as a person reads it: the fields it refused and
    why (the ZGW APIs' ``invalidParams``), else its ``detail`` or ``title``,
    else the answer's text."""
    try:
        body = response.json()
    except ValueError:
        return response.text
    if not isinstance(body, dict):
        return response.text
    params = body.get("invalidParams")
    if isinstance(params, list) and params:
        return "; ".join(f"{p.get('name', '?')}: {p.get('reason', '')}" for p in params if isinstance(p, dict))
    for key in ("detail", "title"):
        if isinstance(body.get(key), str) and body[key]:
            return str(body[key])
    return response.text
