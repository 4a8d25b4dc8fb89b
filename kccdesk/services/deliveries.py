"""The registrations on their way to the registration system: started and
stopped with the app; how many wait and which were refused, read from the
local database only (never from the network); and for a refusal, what a
supervisor can do about it.

A refused registration is parked: it stays on this computer, and goes again
with ``kccdesk outbox retry`` once the cause is fixed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urlsplit

from kccdesk.config.settings import SinkSettings
from kccdesk.i18n import _
from kccdesk.outbox.service import Outbox
from kccdesk.outbox.sinks import KLANTINTERACTIES
from kccdesk.outbox.store import OutboxItem
from kccdesk.store import DatabaseError

REFUSALS_SHOWN = 10
API_PATH = "/klantinteracties/api/v1"
_STATUS = re.compile(r"^HTTP (\d{3})\b")


@dataclass(frozen=True)
class Refusal:
    """A registration the registration system refused for good."""

    reference: str
    sink: str
    reason: str  # the server's answer
    fix: str  # what a supervisor can do about it


@dataclass(frozen=True)
class DeliveryState:
    pending: int = 0
    parked: int = 0
    refusals: tuple[Refusal, ...] = ()  # the first ones, oldest first
    readable: bool = True  # False: the local database could not be read


class Deliveries:
    """What waits and what was refused, as last read from the local
    database: read by the outbox's own thread after each of its rounds, so
    that the window asks for it without waiting on the database."""

    def __init__(self, outbox: Outbox) -> None:
        self.outbox = outbox
        self._state = DeliveryState()
        outbox.after_each_round(self.refresh)

    def start(self) -> None:
        self.refresh()
        self.outbox.start()

    def stop(self) -> None:
        self.outbox.stop()

    def state(self) -> DeliveryState:
        """The state as last read: at once, from any thread."""
        return self._state

    def refresh(self) -> DeliveryState:
        """Read the state from the database now (off the window's thread)."""
        try:
            pending, parked, first_parked = self.outbox.waiting(REFUSALS_SHOWN)
        except DatabaseError:
            self._state = DeliveryState(readable=False)
        else:
            refused = tuple(refusal(item, self.outbox.settings) for item in first_parked)
            self._state = DeliveryState(pending, parked, refused)
        return self._state


def refusal(item: OutboxItem, sinks: SinkSettings) -> Refusal:
    return Refusal(item.reference, item.sink, item.last_error, fix_for(item.sink, item.last_error, sinks))


def fix_for(sink: str, reason: str, sinks: SinkSettings) -> str:
    """What a supervisor can do about a refusal, read from the server's answer."""
    match = _STATUS.match(reason)
    status = int(match.group(1)) if match else None
    if status in (401, 403):
        fix = _("The server refuses the API token: set it again with kccdesk secret set api-token.")
    elif status in (404, 405) and sink == KLANTINTERACTIES and not _has_api_path(sinks.klantinteracties_url):
        fix = _("The address of the Klantinteracties API lacks its path: in [sinks] klantinteracties_url, write {url}.")
        fix = fix.format(url=sinks.klantinteracties_url.rstrip("/") + API_PATH)
    elif status in (404, 405):
        url = sinks.klantinteracties_url if sink == KLANTINTERACTIES else sinks.webhook_url
        fix = _("The address {url} does not lead to the registration system: check it in [sinks].").format(url=url)
    elif status == 400:
        fix = _("The registration system refused what was registered, for the reason it gave: tell its manager.")
    else:
        fix = _("Fix the cause the server gave.")
    return fix + " " + _("Then send it again: kccdesk outbox retry.")


def _has_api_path(url: str) -> bool:
    return urlsplit(url).path.rstrip("/").endswith(API_PATH)
