"""The names of case types and status types from a Catalogi API: a case's
``zaaktype`` and its status' ``statustype`` are addresses in the Catalogi
API, and the ``omschrijving`` found there is the name an agent knows
("Parkeervergunning aanvragen", "In behandeling").

They are asked with the Zaken API's client (the same client ID, secret and
JWT, as ZGW municipalities set it up), only on the configured Catalogi
server, so the token goes nowhere else, and within what is left of the
lookup's time budget. Types change rarely: the names read are kept for the
session (a bounded dict by address), so a second call of the same caller
asks nothing. A Catalogi API that does not answer, or not as its document
says, costs the cases nothing: they show their own description, the log
gets one line, and it is not asked again for a minute.
"""

from __future__ import annotations

import logging
import math
import threading
import time
from collections.abc import Callable, Sequence
from concurrent.futures import Executor, wait
from dataclasses import replace
from urllib.parse import urlsplit

import httpx

from kccdesk.core.cases import Case

log = logging.getLogger(__name__)

KEPT = 500  # names kept at most; past it the oldest goes
PAUSE = 60.0  # seconds in which a Catalogi API that failed is not asked


class CatalogiNames:
    """The names read so far, and whether the Catalogi API is failing.
    Used from the lookups' threads at once: everything under one lock."""

    def __init__(self, base_url: str, now: Callable[[], float] = time.monotonic) -> None:
        self._base = base_url.rstrip("/")
        self._now = now  # for the pause; a lookup's deadline is on time.monotonic, as the Zaken API's
        self._names: dict[str, str] = {}
        self._guard = threading.Lock()
        self._failing = False
        self._asked_again_at = -math.inf
        self._refusal_said = False

    def named(
        self, client: httpx.Client, pool: Executor, found: Sequence[tuple[Case, str, str]], deadline: float
    ) -> list[Case]:
        """Each case with the name of its case type and of its status' type;
        ``found`` holds each case with the addresses of those types ("" for
        none). The names not known yet are asked side by side on ``pool``,
        until ``deadline`` (``time.monotonic``); one that cannot be had is
        left out."""
        with self._guard:
            names = {url: self._names[url] for _case, *types in found for url in types if url in self._names}
        wanted = {url for _case, *types in found for url in types if url and url not in names}
        asking = {url: pool.submit(self._ask, client, url, deadline) for url in wanted if self._may_ask(url)}
        if asking:
            _done, late = wait(asking.values(), timeout=max(0.0, deadline - time.monotonic()))
            if late:
                self._failed("time budget used up")
            names |= {url: f.result() for url, f in asking.items() if f.done()}
        return [
            _with_names(case, names.get(case_type, ""), names.get(status_type, ""))
            for case, case_type, status_type in found
        ]

    def _may_ask(self, url: str) -> bool:
        if not url.startswith(self._base + "/"):
            with self._guard:
                said, self._refusal_said = self._refusal_said, True
            if not said:
                log.warning("a case or status type outside the configured Catalogi API is not followed: %s", _host(url))
            return False
        with self._guard:
            return self._now() >= self._asked_again_at

    def _ask(self, client: httpx.Client, url: str, deadline: float) -> str:
        """The type's name, kept; "" when the Catalogi API does not give it."""
        left = deadline - time.monotonic()
        if left <= 0:
            return ""
        try:
            response = client.get(url, timeout=left)
            response.raise_for_status()
            body = response.json()
            name = body.get("omschrijving") if isinstance(body, dict) else None
            if not isinstance(name, str):
                raise ValueError("no omschrijving")
        except (httpx.HTTPError, httpx.InvalidURL, ValueError) as error:
            self._failed(type(error).__name__)
            return ""
        self._keep(url, name.strip())
        return name.strip()

    def _keep(self, url: str, name: str) -> None:
        with self._guard:
            again, self._failing = self._failing, False
            self._names.pop(url, None)
            self._names[url] = name
            while len(self._names) > KEPT:
                del self._names[next(iter(self._names))]
        if again:
            log.info("the Catalogi API answers again: cases show their types' names")

    def _failed(self, kind: str) -> None:
        with self._guard:
            said, self._failing = self._failing, True
            self._asked_again_at = self._now() + PAUSE
        if not said:
            log.warning(
                "the Catalogi API does not answer as its document says (%s): cases show their own description; "
                "asked again after %d seconds",
                kind,
                PAUSE,
            )


def _host(url: str) -> str:
    try:
        return urlsplit(url).hostname or "?"
    except ValueError:
        return "?"


def _with_names(case: Case, case_type: str, status_type: str) -> Case:
    status = replace(case.status, name=status_type) if case.status is not None and status_type else case.status
    return replace(case, case_type=case_type, status=status)
