"""The screen pop in the real window, driven by keys: the record, its open
callback request, the chooser and the quick search, all before answering."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from PySide6.QtCore import QObject, Qt, QUrl, Slot
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QApplication

from kccdesk.app.window import create_window
from kccdesk.app.workstation import prepare
from kccdesk.config.paths import default_profile
from kccdesk.config.settings import RecordsSettings, save_settings
from kccdesk.core.caller import (
    AccessReason,
    CallbackRequest,
    Caller,
    CallerKind,
    EarlierContact,
)
from kccdesk.core.clock import ManualClock
from kccdesk.core.greeting import Salutation
from kccdesk.core.line import CallerId
from kccdesk.demo import people as demo_data
from kccdesk.i18n import set_language
from kccdesk.store.access_log import access_log
from kccdesk.store.callbacks import add_callback_request
from kccdesk.store.callers import add_caller, add_contact, find_records_by_number

pytestmark = pytest.mark.gui


@pytest.fixture
def desk(qtbot):
    workstation = prepare(default_profile().demo(), demo=True)
    window = create_window(workstation, ManualClock(datetime(2026, 11, 23, 10, 15)), demo=True)
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    qtbot.waitExposed(window)
    qtbot.waitUntil(window.isActiveWindow)
    yield window, workstation.db
    window.services.screen_pop.shutdown()
    workstation.db.close()
    set_language("en")


def press(qtbot, window, key, modifier=Qt.KeyboardModifier.NoModifier):
    qtbot.keyClick(QApplication.focusWidget() or window, key, modifier)


def ringing(window) -> bool:
    session = window.desk.current
    return session is not None and not session.state.connected and not session.state.finished


def test_a_known_number_shows_the_resident_and_their_open_callback_request_before_answering(qtbot, desk):
    window, db = desk
    [anna] = [r.caller for r in find_records_by_number(db, "+31612345678")]
    add_callback_request(
        db,
        CallbackRequest(anna.id, "team Wmo", "Vraagt naar de traplift", due=datetime(2026, 11, 24, 12, tzinfo=UTC)),
    )
    add_contact(db, anna.id, EarlierContact(datetime(2026, 10, 1, 9, tzinfo=UTC), "Afval", "resolved", "Piet"))
    add_contact(db, anna.id, EarlierContact(datetime(2026, 11, 2, 9, tzinfo=UTC), "Wmo", "callback", "Sanne"))

    press(qtbot, window, Qt.Key.Key_F6)  # demo: Anna de Vries calls
    qtbot.waitUntil(lambda: window.caller.name.text() == "mevrouw De Vries")
    assert ringing(window)  # nobody answered yet
    panel = window.caller
    assert panel.callbacks.isVisible()
    assert panel.callbacks.text() == (
        "1 open terugbelverzoek:\n• team Wmo: Vraagt naar de traplift (uiterlijk 24-11-2026)"
    )
    contacts = [panel.contacts.item(i).text() for i in range(panel.contacts.count())]
    assert contacts == ["02-11-2026 · Wmo · Sanne", "01-10-2026 · Afval · Piet"]  # newest first
    [entry] = access_log(db)
    assert (entry.record, entry.reason, entry.agent) == (f"local:{anna.id}", AccessReason.SCREEN_POP, "Sanne")
    assert entry.call_id == window.desk.current.call_id


def test_a_shared_number_offers_a_chooser_that_works_by_keys(qtbot, desk):
    window, db = desk
    add_caller(
        db,
        Caller(None, CallerKind.RESIDENT, "Vries", "de", "Kees", Salutation.MENEER),
        ["06 12345678"],
    )
    press(qtbot, window, Qt.Key.Key_F6)
    qtbot.waitUntil(lambda: window.caller.name.text() == "Gedeeld nummer")
    chooser = window.caller.chooser
    assert chooser.isVisible() and chooser.count() == 2
    press(qtbot, window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert QApplication.focusWidget() is chooser
    press(qtbot, window, Qt.Key.Key_Down)
    press(qtbot, window, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.caller.name.text() == "meneer De Vries")
    assert ringing(window)
    assert window.services.screen_pop.lookups[window.desk.current.call_id].caller.given_name == "Kees"


def test_an_unknown_number_gets_a_quick_search_by_keys(qtbot, desk):
    window, db = desk
    press(qtbot, window, Qt.Key.Key_F8)  # an unknown number calls
    qtbot.waitUntil(lambda: window.caller.name.text() == "Onbekend nummer")
    assert window.caller.search.isVisible()
    assert not window.caller.search.results.isVisible()  # no empty list before a search
    press(qtbot, window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert QApplication.focusWidget() is window.caller.search.name
    press(qtbot, window, Qt.Key.Key_Tab)
    qtbot.keyClicks(QApplication.focusWidget(), "1234ab")
    press(qtbot, window, Qt.Key.Key_Tab)
    qtbot.keyClicks(QApplication.focusWidget(), "12")
    press(qtbot, window, Qt.Key.Key_Return)
    results = window.caller.search.results
    qtbot.waitUntil(lambda: results.count() == 1)
    assert results.isVisible() and QApplication.focusWidget() is results
    assert results.item(0).text().startswith("Anna de Vries")
    press(qtbot, window, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.caller.name.text() == "mevrouw De Vries")
    assert [e.reason for e in access_log(db)] == [AccessReason.SEARCH]


def test_a_search_that_finds_nothing_says_so(qtbot, desk):
    window, _db = desk
    window.demo.line.ring_in(CallerId("0698765432"))
    qtbot.waitUntil(window.caller.search.isVisible)
    press(qtbot, window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(QApplication.focusWidget(), "Zzyzx")
    press(qtbot, window, Qt.Key.Key_Return)
    assert window.caller.search.status.text() == "Niets gevonden."


class UrlCatcher(QObject):
    """Takes the place of the browser for https addresses during a test."""

    def __init__(self) -> None:
        super().__init__()
        self.opened: list[str] = []

    @Slot(QUrl)
    def open(self, url: QUrl) -> None:
        self.opened.append(url.toString(QUrl.ComponentFormattingOption.FullyEncoded))


def test_ctrl_o_opens_the_record_in_the_municipalitys_system(qtbot):
    profile = default_profile().demo()
    settings = demo_data.demo_settings().model_copy(
        update={"records": RecordsSettings(open_url="https://zaak.example.org/zoek?telefoon={e164}")}
    )
    save_settings(profile.settings_file, settings)
    workstation = prepare(profile, demo=True)
    window = create_window(workstation, ManualClock(datetime(2026, 11, 23, 10, 15)), demo=True)
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    qtbot.waitExposed(window)
    qtbot.waitUntil(window.isActiveWindow)
    catcher = UrlCatcher()
    QDesktopServices.setUrlHandler("https", catcher, "open")
    try:
        press(qtbot, window, Qt.Key.Key_F6)
        qtbot.waitUntil(lambda: window.caller.name.text() == "mevrouw De Vries")
        press(qtbot, window, Qt.Key.Key_O, Qt.KeyboardModifier.ControlModifier)
        qtbot.waitUntil(lambda: catcher.opened == ["https://zaak.example.org/zoek?telefoon=%2B31612345678"])
    finally:
        QDesktopServices.unsetUrlHandler("https")
        window.services.screen_pop.shutdown()
        workstation.db.close()
        set_language("en")


def test_a_caller_found_after_answering_is_the_one_the_registration_is_for(qtbot, desk):
    window, db = desk
    [anna] = [r.caller for r in find_records_by_number(db, "+31612345678")]
    press(qtbot, window, Qt.Key.Key_F8)  # an unknown number calls
    qtbot.waitUntil(lambda: window.caller.name.text() == "Onbekend nummer")
    press(qtbot, window, Qt.Key.Key_F2)  # answer first, then ask and search
    qtbot.waitUntil(lambda: window.form.call_id == window.desk.current.call_id)
    assert window.services.registrations.caller_id is None
    press(qtbot, window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(QApplication.focusWidget(), "Vries")
    press(qtbot, window, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.caller.search.results.count() == 1)
    press(qtbot, window, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.caller.name.text() == "mevrouw De Vries")
    assert window.services.registrations.caller_id == anna.id
    assert window.form.fact_caller.text() == "Anna de Vries"  # the registration's caller too


def test_each_call_shows_only_its_own_caller(qtbot, desk):
    """The panel changes only what differs from the call before: nothing of
    an earlier caller may stay on screen for the next."""
    window, db = desk
    [anna] = [r.caller for r in find_records_by_number(db, "+31612345678")]
    add_callback_request(db, CallbackRequest(anna.id, "team Wmo", "Vraagt naar de traplift"))
    add_contact(db, anna.id, EarlierContact(datetime(2026, 10, 1, 9, tzinfo=UTC), "Afval", "resolved", "Piet"))
    line, panel = window.demo.line, window.caller

    def shown() -> dict[str, object]:
        labels = (panel.name, panel.kind, panel.number, panel.address, panel.details, panel.note, panel.callbacks)
        return {
            **{label.objectName(): label.text() for label in labels},
            "contacts": [panel.contacts.item(i).text() for i in range(panel.contacts.count())],
            "visible": sorted(w.objectName() for w in (panel.callbacks, panel.contacts, panel.search) if w.isVisible()),
        }

    first = line.ring_in(CallerId("0612345678"))
    qtbot.waitUntil(lambda: panel.name.text() == "mevrouw De Vries")
    anna_shown = shown()
    assert anna_shown["contacts"] == ["01-10-2026 · Afval · Piet"]
    assert anna_shown["visible"] == ["callerCallbacks", "callerContacts"]
    line.hang_up(first)

    second = line.ring_in(CallerId("0698765432"))
    qtbot.waitUntil(lambda: panel.name.text() == "Onbekend nummer")
    assert shown() == {
        "callerName": "Onbekend nummer",
        "callerKind": "",
        "callerNumber": "06 98765432",
        "callerAddress": "",
        "callerDetails": "",
        "callerNote": "Vraag naar de naam van de beller.",
        "callerCallbacks": "",
        "contacts": [],
        "visible": ["recordSearch"],
    }
    line.hang_up(second)

    line.ring_in(CallerId("0612345678"))
    qtbot.waitUntil(lambda: panel.name.text() == "mevrouw De Vries")
    assert shown() == anna_shown
