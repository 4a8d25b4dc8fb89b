"""The registrations on their way to the registration system: started and
stopped with the app, and how many wait or are parked (and why), read from
the local database only, never from the network."""

from __future__ import annotations

from dataclasses import dataclass

from kccdesk.outbox.service import Outbox
from kccdesk.outbox.store import PARKED, PENDING
from kccdesk.store import DatabaseError

REASONS_SHOWN = 10


@dataclass(frozen=True)
class DeliveryState:
    pending: int = 0
    parked: int = 0
    parked_reasons: tuple[str, ...] = ()  # "reference: the server's message", the first ones
    readable: bool = True  # False: the local database could not be read


class Deliveries:
    def __init__(self, outbox: Outbox) -> None:
        self.outbox = outbox

    def start(self) -> None:
        self.outbox.start()

    def stop(self) -> None:
        self.outbox.stop()

    def state(self) -> DeliveryState:
        try:
            counts = self.outbox.counts()
            parked = [item for item in self.outbox.undelivered() if item.status == PARKED] if counts[PARKED] else []
        except DatabaseError:
            return DeliveryState(readable=False)
        reasons = tuple(f"{item.reference}: {item.last_error}" for item in parked[:REASONS_SHOWN])
        return DeliveryState(counts[PENDING], counts[PARKED], reasons)
