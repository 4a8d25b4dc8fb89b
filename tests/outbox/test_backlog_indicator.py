"""The backlog indicator shows what waits and what is parked, with the reason."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from kccdesk.config.settings import SinkSettings
from kccdesk.i18n import set_language
from kccdesk.outbox import store
from kccdesk.outbox.service import Outbox
from kccdesk.services.deliveries import Deliveries
from kccdesk.store import Database
from kccdesk.ui.backlog_indicator import BacklogIndicator

pytestmark = pytest.mark.gui


def test_pending_and_parked_are_shown_with_the_servers_reason(qtbot, db: Database) -> None:
    set_language("nl")
    try:
        outbox = Outbox(db, SinkSettings())
        deliveries = Deliveries(outbox)
        deliveries.start()  # what waits is read at the start, then after each round of deliveries
        indicator = BacklogIndicator(deliveries.state)
        qtbot.addWidget(indicator)
        assert indicator.text() == "Registraties in de wachtrij: 0"
        store.enqueue(db, "klantinteracties", {}, "AAAAAAAAAA")
        store.enqueue(db, "klantinteracties", {}, "BBBBBBBBBB")
        second = store.due(db, datetime.now(UTC))[1]
        store.mark_parked(db, second.id, "HTTP 400: onderwerp ontbreekt")
        deliveries.refresh()  # as the outbox's thread does after a round
        indicator.refresh()
        assert indicator.text() == "Registraties in de wachtrij: 1 · geparkeerd: 1"
        assert indicator.toolTip() == "BBBBBBBBBB: HTTP 400: onderwerp ontbreekt"
        assert indicator.property("status") == "parked"
    finally:
        set_language("en")
