"""A registration the registration system refuses for good is not lost and not
hidden: the agent sees at once that it did not arrive and whom to tell, the
supervisor sees it in the dashboard, and ``kccdesk outbox status`` says what
to fix. Against the local Klantinteracties API, which refuses like the real one."""

from __future__ import annotations

from datetime import datetime

import pytest
from PySide6.QtCore import Qt

from kccdesk.cli import main
from kccdesk.config.paths import default_profile
from kccdesk.config.secrets import set_secret
from kccdesk.config.settings import SinkSettings, load_settings, save_settings
from kccdesk.outbox import store
from kccdesk.outbox.klantinteracties import KlantinteractiesSink
from kccdesk.outbox.worker import DeliveryWorker
from kccdesk.services.deliveries import fix_for
from kccdesk.store import open_database
from kccdesk.ui.dashboard import Dashboard
from tests.support.demo_window import answer_call, open_demo, press
from tests.support.klantinteracties_server import TOKEN, KlantinteractiesServer

API = "https://openklant.voorbeeldstad.nl/klantinteracties/api/v1"


@pytest.mark.parametrize(
    ("reason", "url", "fix"),
    [
        ("HTTP 404: Niet gevonden.", "https://openklant.voorbeeldstad.nl", f"write {API}."),
        ("HTTP 404: Niet gevonden.", API + "/", "does not lead to the registration system"),
        ("HTTP 403: bad token", API, "kccdesk secret set api-token"),
        ("HTTP 400: onderwerp ontbreekt", API, "tell its manager"),
    ],
)
def test_each_refusal_comes_with_what_to_fix(reason: str, url: str, fix: str) -> None:
    advice = fix_for("klantinteracties", reason, SinkSettings(klantinteracties_url=url))
    assert fix in advice
    assert advice.endswith("kccdesk outbox retry.")


def test_the_agent_sees_at_once_that_a_registration_was_refused_and_whom_to_tell(
    qtbot, api: KlantinteractiesServer
) -> None:
    api.mode = "error400"
    window, clock, workstation = open_demo(qtbot, datetime(2026, 11, 23, 10, 15), api)
    try:
        notice = window.refusal
        assert not notice.isVisible()
        answer_call(qtbot, window, clock)
        qtbot.keyClicks(window.form.subject, "paspoort")
        qtbot.keyClicks(window.form.question, "Wat kost een paspoort?")
        press(qtbot, window, Qt.Key.Key_1, Qt.KeyboardModifier.AltModifier)
        press(qtbot, window, Qt.Key.Key_F4)
        press(qtbot, window, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
        qtbot.waitUntil(notice.isVisible, timeout=10_000)
        assert notice.text().startswith("1 registratie is niet aangekomen in het registratiesysteem (")
        assert "onderwerp: Onderwerp is niet toegestaan)" in notice.text()  # the field and the reason
        assert "Meld het aan je supervisor" in notice.text()

        dashboard = Dashboard(window.services.figures, refusals=lambda: window.services.deliveries.state().refusals)
        qtbot.addWidget(dashboard)
        assert "Registraties geweigerd (geparkeerd): 1" in dashboard.backlog.text()
        assert "meld dit aan de beheerder van dat systeem" in dashboard.refused.text()

        assert store.retry_parked(workstation.db) == 1  # the supervisor sends it again
        api.mode = "up"
        qtbot.waitUntil(lambda: not notice.isVisible(), timeout=10_000)
    finally:
        window.services.deliveries.stop()
        workstation.db.close()


def test_outbox_status_suggests_the_missing_api_path(api: KlantinteractiesServer, capsys) -> None:
    root = api.base_url.removesuffix("/klantinteracties/api/v1")  # the address as a supervisor may type it
    profile = default_profile()
    settings = load_settings(profile.settings_file)
    save_settings(profile.settings_file, settings.model_copy(update={"sinks": SinkSettings(klantinteracties_url=root)}))
    set_secret("api-token", TOKEN)
    db = open_database(None, profile.database_file)
    try:
        store.enqueue(db, "klantinteracties", {"klantcontact": {"onderwerp": "Afval"}}, "AAAAAAAAAA")
        DeliveryWorker(db, {"klantinteracties": KlantinteractiesSink(root, TOKEN)}).drain_once()
        assert store.counts(db)[store.PARKED] == 1
    finally:
        db.close()
    assert main(["outbox", "status"]) == 0
    out = capsys.readouterr().out
    assert "Geparkeerd AAAAAAAAAA (klantinteracties): HTTP 404" in out
    assert "Wat te doen: Het adres van de API voor registraties mist het laatste deel: zet in [sinks] " in out
    assert f"klantinteracties_url het adres {root}/klantinteracties/api/v1." in out
