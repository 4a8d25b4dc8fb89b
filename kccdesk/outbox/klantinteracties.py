"""The Klantinteracties API sink (Open Klant): a registration becomes one
``maak-klantcontact`` request (klantcontact, betrokkene and onderwerpobject).

The client reference is carried in ``klantcontact.referentienummer``: it is
stored with the remote record, it is at most 10 characters (our references are
exactly 10), and ``GET /klantcontacten?referentienummer=…`` can find it, so
before re-sending an item that may have reached the server we ask whether it
is there. ``metadata`` could carry a longer key but cannot be searched.
Codes such as the betrokkene ``rol`` are API data, never shown to the agent.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

import httpx

from kccdesk.core.registration import CallRecord, Registration

CHANNEL_PHONE = "telefoon"
LANGUAGE = "nld"
ROLE_CALLER = "klant"  # RolEnum value of the API, not UI text


def maak_klantcontact(record: CallRecord, registration: Registration, reference: str,
                      topic_uri: str = "", party_uuid: str | None = None) -> dict[str, Any]:
    """The request body, shaped per the MaakKlantcontact schema."""
    metadata = {"rings": str(record.rings), "agent": record.agent[:255]}
    if record.answer_delay is not None:
        metadata["answerDelaySeconds"] = f"{record.answer_delay:.1f}"
    if record.talk_seconds is not None:
        metadata["talkSeconds"] = f"{record.talk_seconds:.1f}"
    klantcontact: dict[str, Any] = {
        "kanaal": CHANNEL_PHONE,
        "onderwerp": registration.subject[:200],
        "inhoud": registration.question[:1000],
        "reactie": registration.answer[:4000],
        "taal": LANGUAGE,
        "vertrouwelijk": False,
        "indicatieContactGelukt": record.answered,
        "plaatsgevondenOp": _iso(record.started_at),
        "referentienummer": reference,
        "metadata": metadata,
    }
    if topic_uri:
        klantcontact["hoofdOnderwerpType"] = topic_uri
    betrokkene: dict[str, Any] = {"rol": ROLE_CALLER, "initiator": True}
    if party_uuid:  # left out when unknown: null in an allOf is refused by validators
        betrokkene["wasPartij"] = {"uuid": party_uuid}
    return {"klantcontact": klantcontact, "betrokkene": betrokkene}


def _iso(moment: datetime) -> str:
    return moment.isoformat()


class PermanentError(Exception):
    """The server refused the request and will refuse it again (a 4xx)."""


class TransientError(Exception):
    """The server could not be reached or failed; trying later may succeed."""


@dataclass
class KlantinteractiesSink:
    base_url: str
    token: str
    timeout: float = 10.0

    def __post_init__(self) -> None:
        self._client = httpx.Client(
            base_url=self.base_url.rstrip("/") + "/",
            headers={"Authorization": f"Token {self.token}"},
            timeout=self.timeout,
        )

    def close(self) -> None:
        self._client.close()

    def deliver(self, reference: str, payload: dict[str, Any], maybe_sent: bool) -> str:
        """Create the klantcontact once; returns its URL on the server."""
        if maybe_sent:
            existing = self._find(reference)
            if existing:
                return existing
        response = self._call("POST", "maak-klantcontact", json=payload)
        return str(response.json()["klantcontact"].get("url", ""))

    def _find(self, reference: str) -> str:
        response = self._call("GET", "klantcontacten", params={"referentienummer": reference})
        results = response.json().get("results", [])
        return str(results[0]["url"]) if results else ""

    def _call(self, method: str, path: str, **kwargs: Any) -> httpx.Response:
        try:
            response = self._client.request(method, path, **kwargs)
        except httpx.HTTPError as exc:
            raise TransientError(f"{type(exc).__name__}: {exc}") from exc
        if 400 <= response.status_code < 500 and response.status_code not in (408, 429):
            raise PermanentError(f"HTTP {response.status_code}: {response.text[:2000]}")
        if response.status_code >= 300:
            raise TransientError(f"HTTP {response.status_code}: {response.text[:500]}")
        return response
