"""The caller's cases in the window, driven by keys: a known resident with
two cases rings (the demo line) and both cases show under the record
before the agent answers, read from the local Zaken API that checks every
request against its document; a server that does not answer says so and
the record stays."""

from __future__ import annotations

import dataclasses
from datetime import date, datetime

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from kccdesk.app.window import create_window
from kccdesk.app.workstation import prepare
from kccdesk.config.paths import default_profile
from kccdesk.config.secrets import set_secret
from kccdesk.config.settings import CaseSettings, SinkSettings
from kccdesk.core.clock import ManualClock
from kccdesk.core.session import CallState
from kccdesk.outbox import store
from kccdesk.store.access_log import access_log
from kccdesk.ui.case_chooser import CaseChooser
from tests.support.demo_window import headline, press
from tests.support.klantinteracties_server import TOKEN, KlantinteractiesServer
from tests.support.zaken_server import CLIENT_ID, SECRET, ZakenServer, running_server

pytestmark = pytest.mark.gui

ANNA_BSN = "999993653"  # the first demo resident, Anna de Vries
MONDAY = datetime(2026, 11, 23, 10, 15)


def open_window(
    qtbot, api: ZakenServer | None, timeout: float = 5.0, registrations: KlantinteractiesServer | None = None
):
    """The demo window with the local Zaken API as its case system (without
    ``api``: the demo's own made-up cases); with ``registrations``, the
    registrations go to that Klantinteracties API."""
    workstation = prepare(default_profile().demo(), demo=True)
    if api is not None:
        set_secret("zaken-secret", SECRET)
        cases = CaseSettings(zaken_url=api.base_url, client_id=CLIENT_ID, timeout_seconds=timeout)
        workstation = dataclasses.replace(
            workstation, settings=workstation.settings.model_copy(update={"cases": cases})
        )
    if registrations is not None:
        set_secret("api-token", TOKEN)
        sinks = SinkSettings(klantinteracties_url=registrations.base_url, timeout_seconds=5.0)
        workstation = dataclasses.replace(
            workstation, settings=workstation.settings.model_copy(update={"sinks": sinks})
        )
    window = create_window(workstation, ManualClock(MONDAY), demo=True)
    qtbot.addWidget(window, before_close_func=lambda shown: shown.services.stop())
    window.show()
    window.activateWindow()
    qtbot.waitExposed(window)
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    return window, workstation


@pytest.fixture
def api():
    with running_server() as server:
        server.add_case(
            "ZAAK-2026-0107",
            "Melding kapotte lantaarnpaal",
            date(2026, 11, 2),
            bsn=ANNA_BSN,
            uiterlijke_einddatum=date(2026, 11, 16),
            status=("Doorgestuurd naar de aannemer", datetime(2026, 11, 4, 9, 30).astimezone()),
        )
        server.add_case(
            "ZAAK-2026-0001",
            "Aanvraag parkeervergunning",
            date(2026, 9, 1),
            bsn=ANNA_BSN,
            einddatum_gepland=date(2026, 10, 1),
            einddatum=date(2026, 9, 20),
            status=("Vergunning verleend", datetime(2026, 9, 20, 14, 0).astimezone()),
        )
        yield server
    assert server.contract_errors == []


def seen(text: str) -> str:
    """A label's text as it reads: without the places where a long word may break."""
    return text.replace("\u200b", "")


def case_texts(window) -> list[str]:
    return [seen(label.text()) for label in window.cases.lines if label.isVisible()]


def test_a_resident_with_two_cases_rings_and_both_show_before_answering(qtbot, api):
    window, workstation = open_window(qtbot, api)
    press(qtbot, window, Qt.Key.Key_F6)  # demo: a resident calls (Anna de Vries)
    qtbot.waitUntil(lambda: headline(window) == "Gaat over: 1 van 3")
    assert window.caller.name.text() == "mevrouw De Vries"
    qtbot.waitUntil(lambda: len(case_texts(window)) == 2, timeout=5000)
    assert window.desk.current is not None and window.desk.current.state is CallState.RINGING  # not answered yet
    street_light, permit = case_texts(window)
    assert street_light.splitlines() == [
        "Te laat: nog open na de geplande einddatum",
        "ZAAK-2026-0107 · Melding kapotte lantaarnpaal",
        "Open: gestart op 02-11-2026, klaar uiterlijk 16-11-2026",
        "Stand: Doorgestuurd naar de aannemer (sinds 04-11-2026)",
    ]
    assert window.cases.lines[0].objectName() == "caseOverdue"
    assert permit.splitlines() == [
        "ZAAK-2026-0001 · Aanvraag parkeervergunning",
        "Afgesloten: gestart op 01-09-2026, afgesloten op 20-09-2026",
        "Stand: Vergunning verleend (sinds 20-09-2026)",
    ]
    assert window.cases.title.text() == "Zaken" and not window.cases.state.isVisible()
    call_id = window.desk.current.call_id
    logged = {(e.record, e.call_id) for e in access_log(workstation.db)}
    assert {("zaak:ZAAK-2026-0107", call_id), ("zaak:ZAAK-2026-0001", call_id)} <= logged
    workstation.db.close()


def test_the_agent_picks_the_case_by_keys_and_the_pushed_registration_carries_it(qtbot, api):
    with KlantinteractiesServer() as registrations:
        window, workstation = open_window(qtbot, api, registrations=registrations)
        try:
            press(qtbot, window, Qt.Key.Key_F6)  # Anna de Vries, with two cases
            qtbot.waitUntil(lambda: len(case_texts(window)) == 2, timeout=5000)
            press(qtbot, window, Qt.Key.Key_F2)
            qtbot.waitUntil(window.form.isEnabled)
            press(qtbot, window, Qt.Key.Key_J, Qt.KeyboardModifier.ControlModifier)  # which case is the call about?
            qtbot.waitUntil(lambda: isinstance(QApplication.activeModalWidget(), CaseChooser))
            chooser = QApplication.activeModalWidget()
            qtbot.waitUntil(lambda: QApplication.focusWidget() is chooser.list)
            assert chooser.list.count() == 2 and chooser.list.currentRow() == 0
            press(qtbot, chooser, Qt.Key.Key_Down)  # the permit
            press(qtbot, chooser, Qt.Key.Key_Return)
            qtbot.waitUntil(lambda: not chooser.isVisible())
            form = window.form
            assert form.question.toPlainText() == "Over zaak ZAAK-2026-0001: "  # begun with the case's number
            assert seen(form.about.text()) == "Zaak: ZAAK-2026-0001 · Aanvraag parkeervergunning"
            window.activateWindow()
            qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
            press(qtbot, window, Qt.Key.Key_F4)  # hang up
            form.subject.setFocus()
            qtbot.keyClicks(form.subject, "parkeervergunning")
            form.question.setFocus()
            qtbot.keyClicks(form.question, "wanneer krijg ik bericht?")
            form.answer.setFocus()
            qtbot.keyClicks(form.answer, "De vergunning is verleend op 20 september.")
            form.outcome.setFocus()
            press(qtbot, window, Qt.Key.Key_Down)  # answered directly
            press(qtbot, window, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
            outbox = window.services.deliveries.outbox.db
            qtbot.waitUntil(lambda: store.counts(outbox)["delivered"] == 1, timeout=10000)
            [contact] = registrations.created.values()
            assert contact["inhoud"] == "Over zaak ZAAK-2026-0001: wanneer krijg ik bericht?"
            [about] = registrations.subject_objects
            assert about["klantcontact"]["uuid"] == contact["uuid"]
            assert about["onderwerpobjectidentificator"] == {
                "objectId": "ZAAK-2026-0001",
                "codeObjecttype": "zaak",
                "codeRegister": "zaken-api",
                "codeSoortObjectId": "identificatie",
            }
            assert registrations.contract_errors == []
        finally:
            window.services.deliveries.stop()
            workstation.db.close()


def test_a_case_system_that_does_not_answer_says_so_and_the_record_stays(qtbot, api):
    api.mode = "error500"
    window, workstation = open_window(qtbot, api, timeout=1.0)
    press(qtbot, window, Qt.Key.Key_F6)
    qtbot.waitUntil(lambda: window.cases.state.text() == "Zaken niet beschikbaar: het zaaksysteem geeft geen antwoord.")
    assert window.caller.name.text() == "mevrouw De Vries"
    assert case_texts(window) == []
    workstation.db.close()


def test_the_demo_shows_made_up_cases_without_a_case_system(qtbot):
    window, workstation = open_window(qtbot, None)
    press(qtbot, window, Qt.Key.Key_F6)
    qtbot.waitUntil(lambda: len(case_texts(window)) == 3, timeout=5000)
    assert case_texts(window)[0].startswith("Te laat")
    press(qtbot, window, Qt.Key.Key_F12)  # the caller hangs up
    press(qtbot, window, Qt.Key.Key_F7)  # a business calls: Bakkerij Van Dijk, with one case
    qtbot.waitUntil(lambda: len(case_texts(window)) == 1, timeout=5000)
    assert "Aanvraag terrasvergunning" in case_texts(window)[0]
    press(qtbot, window, Qt.Key.Key_F2)
    qtbot.waitUntil(window.form.isEnabled)
    press(qtbot, window, Qt.Key.Key_J, Qt.KeyboardModifier.ControlModifier)  # one case: linked at once, no list
    assert QApplication.activeModalWidget() is None
    about = seen(window.form.about.text())
    assert about.startswith("Zaak: ") and "Aanvraag terrasvergunning" in about
    workstation.db.close()
