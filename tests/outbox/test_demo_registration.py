"""A demo call, driven by keys, ends in a maak-klantcontact request that the
local Klantinteracties API (validating against the OpenAPI document) accepts."""

from __future__ import annotations

from datetime import datetime

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from kccdesk.i18n import set_language
from kccdesk.outbox import store
from kccdesk.ui.backlog_indicator import BacklogIndicator
from tests.support.demo_window import answer_call, open_demo, press
from tests.support.klantinteracties_server import KlantinteractiesServer

pytestmark = pytest.mark.gui


def test_a_demo_call_is_delivered_as_a_valid_klantcontact(qtbot, api: KlantinteractiesServer) -> None:
    window, clock, workstation = open_demo(qtbot, datetime(2026, 11, 23, 10, 15), api)
    try:
        answer_call(qtbot, window, clock)
        window.form.subject.setFocus()
        qtbot.keyClicks(window.form.subject, "Paspoort aanvragen")
        press(qtbot, window, Qt.Key.Key_Tab)
        qtbot.keyClicks(QApplication.focusWidget(), "Wat kost een paspoort?")
        press(qtbot, window, Qt.Key.Key_Tab)
        qtbot.keyClicks(QApplication.focusWidget(), "Tarief genoemd.")
        press(qtbot, window, Qt.Key.Key_Tab)
        press(qtbot, window, Qt.Key.Key_Down)
        clock.advance(60.0)
        press(qtbot, window, Qt.Key.Key_F4)  # hang up
        qtbot.waitUntil(lambda: window.ring.headline.text().startswith("Gesprek beëindigd"))
        assert api.posts == 0  # not closed yet: after-call work
        press(qtbot, window, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)  # close
        qtbot.waitUntil(lambda: store.counts(window.services.deliveries.outbox.db)["delivered"] == 1, timeout=10000)
        indicator = window.findChild(BacklogIndicator, "backlog")

        def backlog_shown() -> str:  # the server stores before it answers: the worker marks it delivered after
            indicator.refresh()
            return indicator.text()

        qtbot.waitUntil(lambda: backlog_shown() == "Registraties in de wachtrij: 0")
        assert api.invalid == []
        [contact] = api.created.values()
        assert contact["onderwerp"] == "Paspoort aanvragen"
        assert contact["inhoud"] == "Wat kost een paspoort?"
        assert contact["reactie"] == "Tarief genoemd."
        assert contact["kanaal"] == "telefoon"
        assert contact["metadata"]["talkSeconds"] == "60.0"
        [agent] = api.actors  # the agent, linked to the klantcontact as its actor
        assert (agent["naam"], agent["soortActor"]) == ("Sanne", "medewerker")
        [link] = api.actor_links
        assert (link["actor"]["uuid"], link["klantcontact"]["uuid"]) == (agent["uuid"], contact["uuid"])
    finally:
        window.services.deliveries.stop()
        workstation.db.close()
        set_language("en")
