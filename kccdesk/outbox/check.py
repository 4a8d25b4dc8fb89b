"""Does the registration system answer? The first-run wizard's *Test the
connection*: an HTTP GET with the token, and what to tell the supervisor."""

from __future__ import annotations

import httpx

from kccdesk.i18n import _


def check_registration_api(klantinteracties_url: str, webhook_url: str, token: str) -> tuple[bool, str]:
    """Does the registration system answer? The Klantinteracties API must list
    its klantcontacten with the token; a webhook only has to answer."""
    if klantinteracties_url:
        return check_connection(klantinteracties_url.rstrip("/") + "/klantcontacten", token, any_answer=False)
    if webhook_url:
        return check_connection(webhook_url, token, any_answer=True)
    return False, _("Fill in an address first.")


def check_connection(url: str, token: str = "", any_answer: bool = False, timeout: float = 5.0) -> tuple[bool, str]:
    """An HTTP GET to ``url``: (ok, what to tell the person). With
    ``any_answer`` every answer but a refused token or a server error counts."""
    headers = {"Authorization": f"Token {token}"} if token else {}
    try:
        response = httpx.get(url, headers=headers, timeout=timeout)
    except httpx.HTTPError as error:
        return False, _("No answer from {url}: {error}").format(url=url, error=str(error) or type(error).__name__)
    status = response.status_code
    if status in (401, 403):
        return False, _("{url} answers, but refuses the token (HTTP {status}).").format(url=url, status=status)
    if status >= 500 or (status >= 400 and not any_answer):
        return False, _("{url} answers with an error (HTTP {status}).").format(url=url, status=status)
    return True, _("{url} answers (HTTP {status}).").format(url=url, status=status)
