"""A Zaken API server as the source of a caller's cases.

A resident's cases come from ``GET /zaken?rol__betrokkeneIdentificatie__
natuurlijkPersoon__inpBsn=…``; a business's from ``GET /rollen?betrokkene
Identificatie__nietNatuurlijkPersoon__innNnpId=<KvK number>``, each role
leading to its case (``GET /zaken/{uuid}``). Every page is followed
(``next``); ``GET /zaken`` gets the ``Accept-Crs`` and ``Content-Crs``
headers the API requires. The newest cases, open ones first, get their
current status (``GET /statussen/{uuid}``): its explanation and its date.
The whole lookup has one time budget; past it the source counts as not
answering. Only addresses on the configured server are followed, so the
token never goes anywhere else.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from dataclasses import replace
from datetime import date, datetime
from typing import Any

import httpx

from kccdesk.cases.zgw_auth import ZgwAuth
from kccdesk.core.cases import Case, CaseStatus, ordered

CASES_SHOWN = 20  # the newest this many, open ones first, are shown with their status
PAGES = 20  # a caller with more pages of cases than this is not followed further
CRS = {"Accept-Crs": "EPSG:4326", "Content-Crs": "EPSG:4326"}  # required on GET /zaken and /zaken/{uuid}


class ZakenError(Exception):
    """The Zaken API did not answer, or not as its document describes."""


class ZakenSource:
    def __init__(
        self, base_url: str, client_id: str, secret: str, agent: str, timeout_seconds: float, shown: int = CASES_SHOWN
    ) -> None:
        self._base = base_url.rstrip("/")
        self._auth = ZgwAuth(client_id, secret, agent)
        self._budget = timeout_seconds
        self._shown = shown

    def cases(self, bsn: str = "", kvk: str = "") -> list[Case]:
        """The cases of the resident with ``bsn`` or the business with ``kvk``
        (open ones first, newest first); raises ZakenError when the server
        does not answer in time or as its document says."""
        if not bsn and not kvk:
            return []
        deadline = time.monotonic() + self._budget
        try:
            with httpx.Client(auth=self._auth, headers={"Accept": "application/json"}) as client:
                zaken = self._of_resident(client, bsn, deadline) if bsn else self._of_business(client, kvk, deadline)
                shown = ordered(_case(z) for z in zaken)[: self._shown]
                by_url = {z["url"]: z for z in zaken}
                return [self._with_status(client, case, by_url[case.url], deadline) for case in shown]
        except (httpx.HTTPError, ValueError, KeyError, TypeError) as error:
            raise ZakenError(type(error).__name__) from error

    def _of_resident(self, client: httpx.Client, bsn: str, deadline: float) -> list[dict[str, Any]]:
        query = {"rol__betrokkeneIdentificatie__natuurlijkPersoon__inpBsn": bsn}
        return list(self._pages(client, "/zaken", query, CRS, deadline))

    def _of_business(self, client: httpx.Client, kvk: str, deadline: float) -> list[dict[str, Any]]:
        query = {
            "betrokkeneType": "niet_natuurlijk_persoon",
            "betrokkeneIdentificatie__nietNatuurlijkPersoon__innNnpId": kvk,
        }
        urls = dict.fromkeys(rol["zaak"] for rol in self._pages(client, "/rollen", query, {}, deadline))
        return [self._get(client, url, None, CRS, deadline) for url in urls]

    def _pages(
        self, client: httpx.Client, path: str, query: dict[str, str], headers: dict[str, str], deadline: float
    ) -> Iterator[dict[str, Any]]:
        url: str | None = self._base + path
        params: dict[str, str] | None = query
        for _page in range(PAGES):
            if url is None:
                return
            page = self._get(client, url, params, headers, deadline)
            yield from page["results"]
            url, params = page.get("next"), None  # the next page's address holds the query

    def _with_status(self, client: httpx.Client, case: Case, zaak: dict[str, Any], deadline: float) -> Case:
        if not zaak.get("status"):
            return case
        status = self._get(client, zaak["status"], None, {}, deadline)
        since = datetime.fromisoformat(status["datumStatusGezet"].replace("Z", "+00:00")).date()
        return replace(case, status=CaseStatus(status.get("statustoelichting", ""), since))

    def _get(
        self, client: httpx.Client, url: str, params: dict[str, str] | None, headers: dict[str, str], deadline: float
    ) -> dict[str, Any]:
        if not url.startswith(self._base + "/"):
            raise ValueError("an address outside the configured Zaken API")
        left = deadline - time.monotonic()
        if left <= 0:
            raise httpx.TimeoutException("time budget used up")
        response = client.get(url, params=params, headers=headers, timeout=left)
        response.raise_for_status()
        body = response.json()
        if not isinstance(body, dict):
            raise ValueError("not a JSON object")
        return body


def _case(zaak: dict[str, Any]) -> Case:
    return Case(
        url=zaak["url"],
        identification=zaak.get("identificatie", ""),
        description=zaak.get("omschrijving", ""),
        started=_day(zaak.get("startdatum")),
        planned_end=_day(zaak.get("einddatumGepland")) or _day(zaak.get("uiterlijkeEinddatumAfdoening")),
        ended=_day(zaak.get("einddatum")),
    )


def _day(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None
