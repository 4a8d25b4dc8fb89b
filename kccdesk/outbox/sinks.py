"""The sinks chosen in the settings, and handing a closed registration to them.

The local database is always a sink: the registration itself is saved there.
Each remote sink gets its own outbox item, committed in the same place.
"""

from __future__ import annotations

from kccdesk.config.secrets import get_secret
from kccdesk.config.settings import SinkSettings
from kccdesk.core.draft import CallbackDetails
from kccdesk.core.registration import EndedCall, Involved, Registration
from kccdesk.outbox import store
from kccdesk.outbox.klantcontact import NOBODY, maak_klantcontact, with_follow_up
from kccdesk.outbox.worker import Sink
from kccdesk.store.db import Database

KLANTINTERACTIES = "klantinteracties"
WEBHOOK = "webhook"


def remote_sinks(settings: SinkSettings) -> list[str]:
    names = []
    if settings.klantinteracties_url:
        names.append(KLANTINTERACTIES)
    if settings.webhook_url:
        names.append(WEBHOOK)
    return names


def build_sinks(settings: SinkSettings) -> dict[str, Sink]:
    """The remote sinks; the API token comes from the keyring ("api-token")."""
    sinks: dict[str, Sink] = {}  # the HTTP client is loaded only where there is a server to send to
    if settings.klantinteracties_url:
        from kccdesk.outbox.klantinteracties import KlantinteractiesSink

        token = get_secret("api-token") or ""
        sinks[KLANTINTERACTIES] = KlantinteractiesSink(settings.klantinteracties_url, token, settings.timeout_seconds)
    if settings.webhook_url:
        from kccdesk.outbox.webhook import WebhookSink

        sinks[WEBHOOK] = WebhookSink(settings.webhook_url, settings.timeout_seconds)
    return sinks


def submit(
    db: Database,
    settings: SinkSettings,
    call: EndedCall,
    registration: Registration,
    callback: CallbackDetails | None = None,
    reference: str = "",
    involved: Involved = NOBODY,
) -> list[str]:
    """Commit one outbox item per remote sink; returns their references.
    ``reference``: the one the agent already saw, for the Klantinteracties item."""
    references = []
    for sink in remote_sinks(settings):
        reference = (reference if sink == KLANTINTERACTIES else "") or store.new_reference()
        payload = maak_klantcontact(call, registration, reference, involved)
        if sink == KLANTINTERACTIES:
            payload = with_follow_up(payload, call, registration, callback, involved)
        references.append(store.enqueue(db, sink, payload, reference))
    return references
