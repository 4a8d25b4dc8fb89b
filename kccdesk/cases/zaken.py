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
token never goes anywhere else. With a Catalogi API (``catalogi``) the
cases get their case type's and status type's names in what is left of the
budget; without those names they show as they are.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from datetime import date, datetime
from typing import Any

import httpx

from kccdesk.cases.catalogi import CatalogiNames
from kccdesk.cases.zgw_auth import ZgwAuth
from kccdesk.core.cases import Case, CaseStatus, ordered

CASES_SHOWN = 20  # the newest this many, open ones first, are shown with their status
PAGES = 20  # a caller with more pages of cases than this is not followed further
STATUSES_AT_ONCE = 4
CRS = {"Accept-Crs": "EPSG:4326", "Content-Crs": "EPSG:4326"}  # required on GET /zaken and /zaken/{uuid}


class ZakenError(Exception):
    """The Zaken API did not answer, or not as its document describes."""


class ZakenSource:
    """One HTTP client for every lookup (its connections and TLS set-up kept
    between calls: making one costs more than a lookup's requests); the
    statuses of a caller's cases asked side by side."""

    def __init__(
        self,
        base_url: str,
        client_id: str,
        secret: str,
        agent: str,
        timeout_seconds: float,
        shown: int = CASES_SHOWN,
        catalogi: CatalogiNames | None = None,  # where the types' names come from; None: not asked
    ) -> None:
        self._catalogi = catalogi
        self._base = base_url.rstrip("/")
        self._auth = ZgwAuth(client_id, secret, agent)
        self._budget = timeout_seconds
        self._shown = shown
        self._client: httpx.Client | None = None  # made at the first lookup, on a lookup's thread
        self._guard = threading.Lock()
        self._statuses = ThreadPoolExecutor(max_workers=STATUSES_AT_ONCE, thread_name_prefix="case-status")

    def close(self) -> None:
        self._statuses.shutdown(wait=True, cancel_futures=True)
        with self._guard:
            if self._client is not None:
                self._client.close()
                self._client = None

    def _http(self) -> httpx.Client:
        with self._guard:
            if self._client is None:
                self._client = httpx.Client(auth=self._auth, headers={"Accept": "application/json"})
            return self._client

    def cases(self, bsn: str = "", kvk: str = "") -> list[Case]:
        """The cases of the resident with ``bsn`` or the business with ``kvk``
        (open ones first, newest first); raises ZakenError when the server
        does not answer in time or as its document says."""
        if not bsn and not kvk:
            return []
        deadline = time.monotonic() + self._budget
        try:
            client = self._http()
            zaken = self._of_resident(client, bsn, deadline) if bsn else self._of_business(client, kvk, deadline)
            shown = ordered(_case(z) for z in zaken)[: self._shown]
            by_url = {z["url"]: z for z in zaken}
            asked = [self._statuses.submit(self._with_status, client, c, by_url[c.url], deadline) for c in shown]
            found = [status.result() for status in asked]
        except (httpx.HTTPError, ValueError, KeyError, TypeError) as error:
            raise ZakenError(type(error).__name__) from error
        if self._catalogi is None:
            return [case for case, _status_type in found]
        typed = [(case, str(by_url[case.url].get("zaaktype") or ""), status_type) for case, status_type in found]
        return self._catalogi.named(client, self._statuses, typed, deadline)

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

    def _with_status(self, client: httpx.Client, case: Case, zaak: dict[str, Any], deadline: float) -> tuple[Case, str]:
        """The case with its current status, and the address of the status' type ("" for none)."""
        if not zaak.get("status"):
            return case, ""
        status = self._get(client, zaak["status"], None, {}, deadline)
        since = datetime.fromisoformat(status["datumStatusGezet"].replace("Z", "+00:00")).date()
        explained = replace(case, status=CaseStatus(status.get("statustoelichting", ""), since))
        return explained, str(status.get("statustype") or "")

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
