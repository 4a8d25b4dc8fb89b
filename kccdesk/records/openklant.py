"""Open Klant as a record source, through the Klantinteracties API.

The number is found with ``GET /digitaleadressen?adres=…&soortDigitaalAdres=
telefoonnummer``; each address leads to its ``partij`` (with the BSN or KvK
number among its ``partijIdentificatoren``); the party's earlier
``klantcontacten`` come from ``GET /klantcontacten?hadBetrokkene__wasPartij__
uuid=…`` and the open ``internetaken`` (callback requests and other tasks)
of those contacts from ``GET /internetaken?aanleidinggevendKlantcontact__uuid
=…&status=te_verwerken``. The whole lookup has one time budget; past it the
source counts as not answering.
"""

from __future__ import annotations

import time
from datetime import UTC, datetime
from typing import Any

import httpx

from kccdesk.core.caller import (
    PARTY_SOURCE,
    CallbackRequest,
    Caller,
    CallerKind,
    CallerRecord,
    EarlierContact,
)
from kccdesk.core.greeting import Salutation

CONTACTS_SHOWN = 10


class RemoteSourceError(Exception):
    """The remote source did not answer, or not as the API describes."""


class OpenKlantSource:
    name = PARTY_SOURCE

    def __init__(self, base_url: str, token: str | None, timeout_seconds: float) -> None:
        headers = {"Accept": "application/json"}
        if token:
            headers["Authorization"] = f"Token {token}"
        self._base = base_url.rstrip("/")
        self._headers = headers
        self._budget = timeout_seconds

    def find_by_number(self, e164: str) -> list[CallerRecord]:
        """The parties that have this number as a telephone address."""
        deadline = time.monotonic() + self._budget
        try:
            with httpx.Client(headers=self._headers) as client:
                return self._find(client, e164, deadline)
        except (httpx.HTTPError, ValueError, KeyError, TypeError) as error:
            raise RemoteSourceError(type(error).__name__) from error

    def _find(self, client: httpx.Client, e164: str, deadline: float) -> list[CallerRecord]:
        addresses = self._get(
            client, "/digitaleadressen", {"adres": e164, "soortDigitaalAdres": "telefoonnummer"}, deadline
        )["results"]
        partij_ids = list(
            dict.fromkeys(a["verstrektDoorPartij"]["uuid"] for a in addresses if a.get("verstrektDoorPartij"))
        )
        return [self._record(client, partij_id, deadline) for partij_id in partij_ids]

    def _record(self, client: httpx.Client, partij_id: str, deadline: float) -> CallerRecord:
        partij = self._get(client, f"/partijen/{partij_id}", {}, deadline)
        contacts = self._get(
            client,
            "/klantcontacten",
            {"hadBetrokkene__wasPartij__uuid": partij_id, "pageSize": CONTACTS_SHOWN},
            deadline,
        )["results"]
        tasks: list[dict[str, Any]] = []
        for contact in contacts:
            tasks += self._get(
                client,
                "/internetaken",
                {"aanleidinggevendKlantcontact__uuid": contact["uuid"], "status": "te_verwerken"},
                deadline,
            )["results"]
        earlier = sorted(
            (
                EarlierContact(
                    at=_moment(c.get("plaatsgevondenOp")),
                    subject=c.get("onderwerp", ""),
                    outcome=c.get("kanaal", ""),
                )
                for c in contacts
            ),
            key=lambda c: c.at,
            reverse=True,
        )
        callbacks = tuple(
            CallbackRequest(
                caller_id=None,
                for_whom=t.get("toelichting", ""),
                note=t.get("gevraagdeHandeling", ""),
                due=None,
            )
            for t in tasks
        )
        return CallerRecord(
            key=f"{PARTY_SOURCE}:{partij_id}",
            source=PARTY_SOURCE,
            caller=_caller(partij),
            bsn=_identifier(partij, "bsn"),
            kvk=_identifier(partij, "kvk_nummer"),
            contacts=tuple(earlier),
            callbacks=callbacks,
        )

    def _get(self, client: httpx.Client, path: str, params: dict[str, Any], deadline: float) -> dict[str, Any]:
        left = deadline - time.monotonic()
        if left <= 0:
            raise httpx.TimeoutException("time budget used up")
        response = client.get(self._base + path, params=params, timeout=left)
        response.raise_for_status()
        body = response.json()
        if not isinstance(body, dict):
            raise ValueError("not a JSON object")
        return body


def _identifier(partij: dict[str, Any], kind: str) -> str:
    """The party's number of this kind ("bsn", "kvk_nummer") from its partij-identificatoren, or ""."""
    for identifier in partij.get("partijIdentificatoren") or ():
        group = identifier.get("partijIdentificator") or {}
        if group.get("codeSoortObjectId") == kind:
            return str(group.get("objectId", ""))
    return ""


def _moment(value: str | None) -> datetime:
    if not value:
        return datetime.min.replace(tzinfo=UTC)
    return datetime.fromisoformat(value.replace("Z", "+00:00"))


def _caller(partij: dict[str, Any]) -> Caller:
    identification = partij.get("partijIdentificatie") or {}
    address = partij.get("bezoekadres") or {}
    place = {
        "street": address.get("straatnaam", ""),
        "house_number": " ".join(
            str(p) for p in (address.get("huisnummer") or "", address.get("huisnummertoevoeging", "")) if p
        ),
        "postcode": address.get("postcode", ""),
        "city": address.get("stad", ""),
    }
    if partij.get("soortPartij") == "organisatie":
        return Caller(None, CallerKind.BUSINESS, business_name=identification.get("naam", ""), **place)
    name = identification.get("contactnaam") or {}
    return Caller(
        None,
        CallerKind.RESIDENT,
        surname=name.get("achternaam", ""),
        surname_prefix=name.get("voorvoegselAchternaam", ""),
        given_name=name.get("voornaam", ""),
        salutation=Salutation.NONE,
        **place,
    )
