"""The Klantinteracties API sink (Open Klant): sends the request body that
``outbox/klantcontact.py`` made of a registration, and the steps that follow
it, each once: a step that may already have been done (an earlier attempt)
is looked up before it is sent.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from typing import Any

import httpx

from kccdesk.outbox.failures import GATEWAY_DOWN, TransientError, Unreachable, failure
from kccdesk.outbox.klantcontact import AGENT, CALL_BACK, FOLLOW_UP, PHONE_ADDRESS, TASK_OPEN, TEAM


@dataclass
class KlantinteractiesSink:
    base_url: str
    token: str
    timeout: float = 10.0

    def stop(self) -> None:
        """Send no request that has not begun (one under way ends within its time limit)."""
        self._stopping = True

    def close(self) -> None:
        self._client.close()

    def __post_init__(self) -> None:
        self._stopping = False
        self._actors: dict[tuple[str, str], dict[str, str]] = {}
        self._actors_guard = threading.Lock()  # registrations are sent side by side: each actor made once
        self._client = httpx.Client(
            base_url=self.base_url.rstrip("/") + "/",
            headers={"Authorization": f"Token {self.token}"},
            timeout=self.timeout,
        )

    def deliver(self, reference: str, payload: dict[str, Any], maybe_sent: bool) -> str:
        """Create the klantcontact and what follows it, each once; returns
        the klantcontact's URL on the server. Every step that may already
        have been done (an earlier attempt) is looked up before it is sent."""
        body = {key: value for key, value in payload.items() if key != FOLLOW_UP}
        contact = self._find(reference) if maybe_sent else None
        if contact is None:
            contact = self._call("POST", "maak-klantcontact", json=body).json()["klantcontact"]
        steps = payload.get(FOLLOW_UP)
        if steps:
            self._follow_up(reference, contact, steps, maybe_sent)
        return str(contact.get("url", ""))

    def _find(self, reference: str) -> dict[str, Any] | None:
        response = self._call("GET", "klantcontacten", params={"referentienummer": reference})
        results = response.json().get("results", [])
        return results[0] if results else None

    def _follow_up(self, reference: str, contact: dict[str, Any], steps: dict[str, Any], maybe_sent: bool) -> None:
        link = {"uuid": contact["uuid"]}
        self._link(self._actor(steps["agent"], AGENT), link, maybe_sent)
        if steps.get("colleague"):
            self._link(self._actor(steps["colleague"], AGENT), link, maybe_sent)
        for about in steps.get("about", ()):
            query = {"klantcontact__uuid": contact["uuid"], "onderwerpobjectidentificatorObjectId": about["objectId"]}
            if not (maybe_sent and self._exists("onderwerpobjecten", query)):
                self._call(
                    "POST", "onderwerpobjecten", json={"klantcontact": link, "onderwerpobjectidentificator": about}
                )
        task = steps.get("task")
        if task and not (maybe_sent and self._exists("internetaken", {"referentienummer": reference})):
            actor = self._actor(task["forWhom"], TEAM if task["team"] else AGENT)
            self._call(
                "POST",
                "internetaken",
                json={
                    "referentienummer": reference,
                    "gevraagdeHandeling": CALL_BACK,
                    "aanleidinggevendKlantcontact": link,
                    "toegewezenAanActoren": [actor],
                    "toelichting": task["toelichting"],
                    "status": TASK_OPEN,
                },
            )
        involved = contact.get("hadBetrokkenen") or []
        if (
            steps.get("number")
            and involved
            and not (maybe_sent and self._exists("digitaleadressen", {"referentie": reference}))
        ):
            self._call(
                "POST",
                "digitaleadressen",
                json={
                    "verstrektDoorBetrokkene": {"uuid": involved[0]["uuid"]},
                    "adres": steps["number"],
                    "soortDigitaalAdres": PHONE_ADDRESS,
                    "isStandaardAdres": False,
                    "omschrijving": "",
                    "referentie": reference,
                },
            )

    def _actor(self, name: str, kind: str) -> dict[str, str]:
        """The actor with this name and kind, made when the server has none."""
        key = (name, kind)
        with self._actors_guard:
            return self._actors.get(key) or self._new_actor(key)

    def _new_actor(self, key: tuple[str, str]) -> dict[str, str]:
        name, kind = key
        found = self._call("GET", "actoren", params={"naam": name, "soortActor": kind}).json()
        same = [a for a in found.get("results", []) if a.get("naam") == name]
        if same:
            actor = same[0]
        else:
            actor = self._call(
                "POST", "actoren", json={"naam": name, "soortActor": kind, "indicatieActief": True}
            ).json()
        self._actors[key] = {"uuid": actor["uuid"]}
        return self._actors[key]

    def _link(self, actor: dict[str, str], contact: dict[str, str], maybe_sent: bool) -> None:
        query = {"actor__uuid": actor["uuid"], "klantcontact__uuid": contact["uuid"]}
        if not (maybe_sent and self._exists("actorklantcontacten", query)):
            self._call("POST", "actorklantcontacten", json={"actor": actor, "klantcontact": contact})

    def _exists(self, path: str, query: dict[str, str]) -> bool:
        return bool(self._call("GET", path, params=query).json().get("results"))

    def _call(self, method: str, path: str, **kwargs: Any) -> httpx.Response:
        if self._stopping:
            raise TransientError("kccdesk stopped before this step; it is taken up at the next start")
        try:
            response = self._client.request(method, path, **kwargs)
        except httpx.HTTPError as exc:
            raise Unreachable(f"{type(exc).__name__}: {exc}") from exc
        problem = failure(response)
        if problem is not None:
            raise problem
        return response

    def probe(self) -> bool:
        """One cheap request: does the API answer again?"""
        try:
            response = self._client.get("klantcontacten", params={"pageSize": 1})
        except httpx.HTTPError:
            return False
        return response.status_code not in GATEWAY_DOWN
