"""The municipality's answers (VAC) and colleagues from its Objects API,
where KISS municipalities keep them as objects of an objecttype.

``GET {objects_url}/objects?type=<objecttype URL>&pageSize=…`` gives a page
of objects and the address of the ``next`` one; every page is read before
anything is stored. Each object's ``record.data`` holds the fields of its
objecttype, as KISS reads them:

- an answer (objecttype "VAC"): ``vraag``, ``antwoord`` (light HTML),
  ``trefwoorden`` (``[{"trefwoord": …}]``), ``afdelingen``
  (``[{"afdelingNaam": …}]``, or ``afdelingnaam``), ``status`` ("actief"),
  and where a municipality adds it, ``link`` (http or https);
- a colleague (objecttype "Medewerker"): ``voornaam``,
  ``voorvoegselAchternaam``, ``achternaam``, ``functie`` (or ``function``),
  ``afdelingen`` (``[{"afdelingnaam": …}]``), ``groepen``
  (``[{"groepsnaam": …}]``), ``telefoonnummers`` (``[{"telefoonnummer": …}]``,
  also under ``contact``) and ``skills``: what they handle.

An object whose status is not active, or whose record has ended
(``endAt``), is withdrawn: not stored, and removed once stored. An object
that is not as described is skipped with its reason; the others are stored.
An item's key is ``objects:`` and the object's uuid, so it never meets an
item from a file; after a complete reading, the items from the API that it
no longer has are removed. A reading that stops halfway stores and removes
nothing.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import partial
from typing import Any
from urllib.parse import urlsplit

import httpx

from kccdesk.config.secrets import NoKeyringError, SecretStoreError, get_secret
from kccdesk.config.settings import KnowledgeSettings
from kccdesk.core.knowledge import FROM_OBJECTS, KnowledgeItem, Source
from kccdesk.i18n import _
from kccdesk.knowledge.files import indexed
from kccdesk.knowledge.words import fold
from kccdesk.store.db import Database
from kccdesk.store.knowledge import forget_missing, store_items

PAGE_SIZE = 200  # objects a request (the API allows up to 500)
MAX_PAGES = 10_000  # a server whose "next" never ends is not followed for ever
ACTIVE = frozenset(("actief", "active"))
_LINK = re.compile(r"^https?://\S+$", re.IGNORECASE)


class ObjectsApiError(Exception):
    """The Objects API could not be read in full; the message says why, in one line."""


@dataclass(frozen=True)
class Skipped:
    """An object that is not as its objecttype describes: left out, with why."""

    object_id: str  # the object's uuid, or its place in the list when it has none
    reason: str


@dataclass
class Reading:
    """What one objecttype's objects gave: the items to show, and the rest."""

    items: dict[str, KnowledgeItem] = field(default_factory=dict)  # by key: an object twice counts once
    withdrawn: int = 0
    skipped: list[Skipped] = field(default_factory=list)


@dataclass
class SyncReport:
    added: int = 0
    changed: int = 0
    removed: int = 0
    withdrawn: int = 0  # not active, or ended: not shown
    skipped: list[Skipped] = field(default_factory=list)


Token = Callable[[], str | None]  # asked at each reading, on the thread that reads (the keyring may be slow)


class ObjectsApi:
    def __init__(self, base_url: str, token: Token, timeout_seconds: float, page_size: int = PAGE_SIZE) -> None:
        self.base_url = base_url.rstrip("/")
        self._token = token
        self.timeout_seconds = timeout_seconds
        self._page_size = page_size

    def read(self, objecttypes: Mapping[Source, str], today: date) -> dict[Source, Reading]:
        """Every page of each objecttype, mapped to items; ObjectsApiError
        when any page cannot be had (then nothing is to be stored)."""
        try:
            token = self._token()
        except (NoKeyringError, SecretStoreError) as error:
            raise ObjectsApiError(str(error).splitlines()[0]) from None
        if not token:
            raise ObjectsApiError(
                _("there is no token for the Objects API: set it with kccdesk secret set objects-token")
            )
        headers = {"Authorization": f"Token {token}", "Accept": "application/json", "Accept-Crs": "EPSG:4326"}
        readings: dict[Source, Reading] = {}
        with httpx.Client(headers=headers, timeout=self.timeout_seconds) as client:
            for source, objecttype in objecttypes.items():
                reading = readings[source] = Reading()
                for place, found in enumerate(self._objects(client, objecttype), 1):
                    _take(reading, found, place, source, today)
        return readings

    def _objects(self, client: httpx.Client, objecttype: str) -> Iterator[object]:
        url: str | None = f"{self.base_url}/objects"
        params: dict[str, str | int] | None = {"type": objecttype, "pageSize": self._page_size}
        seen: set[str] = set()
        while url is not None:
            if url in seen or len(seen) >= MAX_PAGES:
                raise ObjectsApiError(_("the Objects API's pages never end (page {url} again)").format(url=url))
            seen.add(url)
            page = self._page(client, url, params)
            yield from page["results"]
            url, params = page.get("next"), None  # the next page's address holds its parameters
            if url is not None and not self._same_server(url):
                raise ObjectsApiError(_("the Objects API sent the next page to another server: {url}").format(url=url))

    def _page(self, client: httpx.Client, url: str, params: dict[str, str | int] | None) -> dict[str, Any]:
        host = urlsplit(self.base_url).netloc
        try:
            response = client.get(url, params=params)
        except httpx.TimeoutException:
            raise ObjectsApiError(
                _("the Objects API at {host} did not answer within {seconds:g} seconds").format(
                    host=host, seconds=self.timeout_seconds
                )
            ) from None
        except httpx.HTTPError as error:
            raise ObjectsApiError(
                _("the Objects API at {host} cannot be reached ({reason})").format(
                    host=host, reason=type(error).__name__
                )
            ) from None
        status = response.status_code
        if status in (401, 403):
            raise ObjectsApiError(
                _(
                    "the Objects API refuses the token (HTTP {status}): set it with kccdesk secret set objects-token"
                ).format(status=status)
            )
        if status == 404:
            raise ObjectsApiError(
                _("{url} does not lead to the Objects API (HTTP 404): check [knowledge] objects_url").format(
                    url=self.base_url
                )
            )
        if status >= 500:
            raise ObjectsApiError(_("the Objects API has a fault of its own (HTTP {status})").format(status=status))
        if status != 200:
            raise ObjectsApiError(_("the Objects API answered HTTP {status}").format(status=status))
        try:
            page = response.json()
        except ValueError:
            page = None
        if (
            not isinstance(page, dict)
            or not isinstance(page.get("results"), list)
            or not isinstance(page.get("next"), str | None)
        ):
            raise ObjectsApiError(_("the Objects API's answer is not a page of objects"))
        return page

    def _same_server(self, url: str) -> bool:
        here, there = urlsplit(self.base_url), urlsplit(url)
        return (here.scheme, here.netloc) == (there.scheme, there.netloc)


def configured(settings: KnowledgeSettings) -> tuple[ObjectsApi, dict[Source, str]] | None:
    """The Objects API the settings name, its token from the keyring, and
    the objecttypes to read; None when they name no API or no objecttype."""
    objecttypes = {Source.VAC: settings.vac_objecttype, Source.COLLEAGUE: settings.colleague_objecttype}
    objecttypes = {source: url for source, url in objecttypes.items() if url}
    if not settings.objects_url or not objecttypes:
        return None
    return ObjectsApi(settings.objects_url, partial(get_secret, "objects-token"), settings.timeout_seconds), objecttypes


def synchronise(db: Database, api: ObjectsApi, objecttypes: Mapping[Source, str], today: date) -> SyncReport:
    """Read every objecttype in full, then store what was read and remove
    what the API no longer shows. ObjectsApiError: nothing has changed."""
    readings = api.read(objecttypes, today)
    report = SyncReport()
    for source, reading in readings.items():
        added, changed = store_items(db, [(item, indexed(item)) for item in reading.items.values()])
        report.added += added
        report.changed += changed
        report.removed += forget_missing(db, source, FROM_OBJECTS, reading.items.keys())
        report.withdrawn += reading.withdrawn
        report.skipped += reading.skipped
    return report


def _take(reading: Reading, found: object, place: int, source: Source, today: date) -> None:
    """One object of the answer, into the reading: an item, withdrawn, or skipped."""
    object_id = _uuid(found.get("uuid")) if isinstance(found, dict) else ""
    record = found.get("record") if isinstance(found, dict) else None
    try:
        if not object_id or not isinstance(record, dict) or not isinstance(record.get("data"), dict):
            raise ValueError(_("not an object with a uuid and a record with data"))
        item = to_item(source, object_id, record, today)
    except ValueError as error:
        reading.skipped.append(Skipped(object_id or _("number {place} of the list").format(place=place), str(error)))
        return
    if item is None:
        reading.withdrawn += 1
    else:
        reading.items[item.key] = item


def to_item(source: Source, object_id: str, record: Mapping[str, Any], today: date) -> KnowledgeItem | None:
    """The item an object's record describes; None when it is withdrawn;
    ValueError (with why) when it is not as its objecttype describes."""
    data: Mapping[str, Any] = record["data"]
    ends = _date(record.get("endAt"), "endAt")
    status = data.get("status")
    if status is not None and fold(_text(data, "status")) not in ACTIVE:
        return None
    if ends is not None and ends <= today:
        return None
    valid_until = ends - timedelta(days=1) if ends is not None else None  # endAt is the first day it no longer holds
    key = FROM_OBJECTS + object_id
    if source is Source.VAC:
        link = _text(data, "link")
        if link and not _LINK.match(link):
            raise ValueError(_("the link {value} is not an http or https address").format(value=link))
        return KnowledgeItem(
            source=Source.VAC,
            key=key,
            title=_needed(data, "vraag", _("the question (vraag) is missing")),
            body=_needed(data, "antwoord", _("the answer (antwoord) is missing")),
            keywords=_names(data, "trefwoorden", "trefwoord"),
            department=", ".join(_names(data, "afdelingen", "afdelingNaam", "afdelingnaam")),
            link=link,
            valid_until=valid_until,
        )
    name = " ".join(
        part for part in (_text(data, n) for n in ("voornaam", "voorvoegselAchternaam", "achternaam")) if part
    )
    if not name:
        raise ValueError(_("the name (voornaam, achternaam) is missing"))
    contact = data["contact"] if isinstance(data.get("contact"), dict) else data
    departments = _names(data, "afdelingen", "afdelingnaam", "afdelingNaam") + _names(data, "groepen", "groepsnaam")
    return KnowledgeItem(
        source=Source.COLLEAGUE,
        key=key,
        title=name,
        body=_text(data, "skills"),
        department=", ".join(departments) or _text(data, "department"),
        phone=", ".join(_names(contact, "telefoonnummers", "telefoonnummer")),
        role=_text(data, "functie") or _text(data, "function"),
        valid_until=valid_until,
    )


def _uuid(value: object) -> str:
    try:
        return str(uuid.UUID(str(value))) if isinstance(value, str) else ""
    except ValueError:
        return ""


def _text(data: Mapping[str, Any], name: str) -> str:
    value = data.get(name)
    if value is None:
        return ""
    if not isinstance(value, str):
        raise ValueError(_("{field} is not text").format(field=name))
    return value.strip()


def _needed(data: Mapping[str, Any], name: str, missing: str) -> str:
    value = _text(data, name)
    if not value:
        raise ValueError(missing)
    return value


def _names(data: Mapping[str, Any], name: str, *inner: str) -> tuple[str, ...]:
    """The texts of a list such as ``[{"trefwoord": "paspoort"}]`` (plain texts are taken too)."""
    values = data.get(name)
    if values is None:
        return ()
    if not isinstance(values, list):
        raise ValueError(_("{field} is not a list").format(field=name))
    names: list[str] = []
    for entry in values:
        value = (
            next((entry[key] for key in inner if isinstance(entry.get(key), str)), "")
            if isinstance(entry, dict)
            else entry
        )
        if not isinstance(value, str):
            raise ValueError(_("{field} holds something that is not text").format(field=name))
        if value.strip():
            names.append(value.strip())
    return tuple(dict.fromkeys(names))


def _date(value: object, name: str) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        raise ValueError(_("{field} is not a date like 2026-12-31").format(field=name)) from None
