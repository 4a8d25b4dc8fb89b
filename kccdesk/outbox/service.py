"""The outbox as the app uses it: hand over a closed registration, and the
background worker delivers it to the sinks chosen in the settings."""

from __future__ import annotations

from collections.abc import Callable

from kccdesk.config.settings import SinkSettings
from kccdesk.core.draft import CallbackDetails
from kccdesk.core.registration import EndedCall, Involved, Registration
from kccdesk.outbox import sinks, store
from kccdesk.outbox.klantcontact import NOBODY
from kccdesk.outbox.worker import DeliveryWorker
from kccdesk.store.db import Database


class Outbox:
    def __init__(self, db: Database, settings: SinkSettings) -> None:
        self.db = db
        self.settings = settings
        self.worker = DeliveryWorker(db, sinks.build_sinks(settings))

    def start(self) -> None:
        """Start the worker, when there is anywhere to deliver to."""
        if self.worker.sinks:
            self.worker.start()

    def stop(self) -> None:
        """Stop delivering, and wait for the request under way: it ends within
        the sinks' time limit, so the process never ends under it."""
        if self.worker.sinks:
            self.worker.stop(timeout=self.settings.timeout_seconds + 2.0)

    def submit(
        self,
        call: EndedCall,
        registration: Registration,
        callback: CallbackDetails | None = None,
        reference: str = "",
        involved: Involved = NOBODY,
    ) -> list[str]:
        """Commit the registration for every remote sink, then wake the worker.
        Returns at once: nothing here waits on the network."""
        references = sinks.submit(self.db, self.settings, call, registration, callback, reference, involved)
        if references:
            self.worker.wake()
        return references

    def new_reference(self) -> str:
        """A referentienummer for a klantcontact to come; "" without that sink."""
        return store.new_reference() if sinks.KLANTINTERACTIES in sinks.remote_sinks(self.settings) else ""

    def after_each_round(self, action: Callable[[], object]) -> None:
        """Call ``action`` on the worker's thread after each round of deliveries."""
        self.worker.after_each_round = action

    def waiting(self, parked_shown: int) -> tuple[int, int, list[store.OutboxItem]]:
        return store.waiting(self.db, parked_shown)
