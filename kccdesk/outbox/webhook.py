"""The webhook sink: one JSON POST per registration, for other systems.

The body is ``{"reference": "<10 characters>", "registration": {...}}`` where
``registration`` is the same maak-klantcontact body the Klantinteracties sink
sends. The header ``Idempotency-Key`` carries the reference too: a receiver
must treat a second POST with a key it has seen as already done, because a
POST whose answer was lost is sent again. Any 2xx counts as delivered; a 4xx
(except 408 and 429) parks the item with the receiver's answer; anything else
is tried again later.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import httpx

from kccdesk.outbox.failures import GATEWAY_DOWN, Unreachable, failure


@dataclass
class WebhookSink:
    url: str
    timeout: float = 10.0

    def __post_init__(self) -> None:
        self._client = httpx.Client(timeout=self.timeout)

    def stop(self) -> None:
        """Nothing to do: a webhook delivery is one request."""

    def close(self) -> None:
        self._client.close()

    def deliver(self, reference: str, payload: dict[str, Any], maybe_sent: bool) -> str:
        try:
            response = self._client.post(
                self.url,
                json={"reference": reference, "registration": payload},
                headers={"Idempotency-Key": reference},
            )
        except httpx.HTTPError as exc:
            raise Unreachable(f"{type(exc).__name__}: {exc}") from exc
        problem = failure(response)
        if problem is not None:
            raise problem
        return self.url

    def probe(self) -> bool:
        """One cheap request: does the webhook's server answer again (any answer but a gateway's)?"""
        try:
            response = self._client.head(self.url)
        except httpx.HTTPError:
            return False
        return response.status_code not in GATEWAY_DOWN
