"""Run as a child process: deliver the outbox, and die by SIGKILL right after
the server committed a klantcontact but before the local commit."""

from __future__ import annotations

import os
import signal
import sys
from pathlib import Path
from typing import Any

from kccdesk.outbox.klantinteracties import KlantinteractiesSink
from kccdesk.outbox.worker import DeliveryWorker
from kccdesk.store import open_database


class _DyingSink(KlantinteractiesSink):
    def deliver(self, reference: str, payload: dict[str, Any], maybe_sent: bool) -> str:
        super().deliver(reference, payload, maybe_sent)
        os.kill(os.getpid(), signal.SIGKILL)
        raise AssertionError("not reached")


if __name__ == "__main__":
    db = open_database(None, Path(sys.argv[1]))
    DeliveryWorker(db, {"klantinteracties": _DyingSink(sys.argv[2], sys.argv[3])}).drain_once()
