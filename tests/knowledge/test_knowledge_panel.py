"""The agent finds an answer while the caller waits, by keys only: Ctrl+E,
type, Down, Enter opens it beside the script, Ctrl+Enter puts it into the
registration, and the registration the Klantinteracties API receives
(checked against its OpenAPI document) carries it as the answer given."""

from __future__ import annotations

from datetime import datetime

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from kccdesk.i18n import set_language
from kccdesk.outbox import store
from tests.support.demo_window import answer_call, open_demo, press

pytestmark = pytest.mark.gui
CONTROL = Qt.KeyboardModifier.ControlModifier
ANSWER_START = "Maak online een afspraak bij de balie Burgerzaken."


def test_an_answer_found_by_keys_goes_into_the_pushed_registration(qtbot, api) -> None:
    window, clock, workstation = open_demo(qtbot, datetime(2026, 11, 23, 10, 15), api)
    try:
        answer_call(qtbot, window, clock)
        press(qtbot, window, Qt.Key.Key_E, CONTROL)  # the knowledge search
        panel = window.knowledge
        assert panel.isVisible() and QApplication.focusWidget() is panel.field
        qtbot.keyClicks(panel.field, "paspoorten")
        rows = [panel.results.item(i).text() for i in range(panel.results.count())]
        assert rows[:2] == ["Antwoorden", "Hoe vraag ik een nieuw paspoort aan?"]  # grouped, the best first
        assert "Collega's" in rows
        press(qtbot, panel.field, Qt.Key.Key_Down)  # into the list
        assert QApplication.focusWidget() is panel.results
        press(qtbot, panel.results, Qt.Key.Key_Return)  # open it below the search
        assert panel.shown.isVisible()
        assert ANSWER_START in panel.shown.toPlainText()
        press(qtbot, panel.results, Qt.Key.Key_Return, CONTROL)  # into the registration
        assert window.form.answer.toPlainText().startswith(ANSWER_START)
        assert window.form.about.text() == "Antwoord: Hoe vraag ik een nieuw paspoort aan?"  # linked, and shown
        press(qtbot, panel.results, Qt.Key.Key_Escape)  # the search closes; the registration is kept
        assert not panel.isVisible()
        clock.advance(60.0)
        press(qtbot, window, Qt.Key.Key_F4)  # hang up
        qtbot.waitUntil(lambda: window.ring.headline.text().startswith("Gesprek beëindigd"))
        window.form.subject.setFocus()
        qtbot.keyClicks(window.form.subject, "Paspoort aanvragen")
        press(qtbot, window, Qt.Key.Key_Tab)
        qtbot.keyClicks(QApplication.focusWidget(), "Hoe vraag ik een paspoort aan?")
        press(qtbot, window, Qt.Key.Key_Tab)  # past the answer, already given
        press(qtbot, window, Qt.Key.Key_Tab)
        press(qtbot, window, Qt.Key.Key_Down)  # the outcome
        press(qtbot, window, Qt.Key.Key_S, CONTROL)  # close the registration
        qtbot.waitUntil(lambda: store.counts(window.services.deliveries.outbox.db)["delivered"] == 1, timeout=10000)
        assert api.invalid == []
        [contact] = api.created.values()
        assert contact["reactie"].startswith(ANSWER_START)
        [about] = api.subject_objects  # the answer the agent used: the contact's onderwerpobject
        assert about["klantcontact"]["uuid"] == contact["uuid"]
        assert about["onderwerpobjectidentificator"] == {
            "objectId": "Hoe vraag ik een nieuw paspoort aan?",
            "codeObjecttype": "vac",
            "codeRegister": "kccdesk",
            "codeSoortObjectId": "vraag",
        }
    finally:
        window.services.deliveries.stop()
        workstation.db.close()
        set_language("en")


def test_an_answer_is_shown_safely_and_a_search_without_a_call_puts_nothing_anywhere(qtbot, demo) -> None:
    window, _clock, _db = demo
    press(qtbot, window, Qt.Key.Key_E, CONTROL)
    panel = window.knowledge
    qtbot.keyClicks(panel.field, "zonnepanelen")
    assert panel.status.text() == "Niets gevonden."
    panel.field.clear()
    qtbot.keyClicks(panel.field, "grofvuil")
    press(qtbot, panel.field, Qt.Key.Key_Return)  # Enter in the search field: the best one opens
    assert "Maak een afspraak op de website" in panel.shown.toPlainText()
    press(qtbot, panel.field, Qt.Key.Key_Return, CONTROL)
    assert window.statusBar().currentMessage() == "Er is geen registratie open: neem eerst een gesprek aan."


def test_a_subject_from_the_list_offers_its_answers_without_typing(qtbot, demo) -> None:
    window, clock, _db = demo
    answer_call(qtbot, window, clock, after=2.0)
    panel = window.knowledge
    window.form.subject.setFocus()
    qtbot.keyClicks(window.form.subject, "paspoor")  # not a subject of the list yet: nothing offered
    assert not panel.isVisible()
    qtbot.keyClicks(window.form.subject, "t")  # "paspoort", a product of the subject list
    qtbot.waitUntil(panel.isVisible)
    assert panel.status.text() == "Bij het onderwerp paspoort:"
    rows = [panel.results.item(i).text() for i in range(panel.results.count())]
    assert rows[:2] == ["Antwoorden", "Hoe vraag ik een nieuw paspoort aan?"]
    assert QApplication.focusWidget() is window.form.subject  # the agent goes on typing where they were
    press(qtbot, window, Qt.Key.Key_E, CONTROL)
    press(qtbot, panel.field, Qt.Key.Key_Return, CONTROL)  # the best offered answer, into the registration
    assert window.form.answer.toPlainText().startswith(ANSWER_START)


def test_a_product_used_becomes_the_subject_and_is_linked_by_its_upl_address(qtbot, demo) -> None:
    window, clock, _db = demo
    answer_call(qtbot, window, clock, after=2.0)
    press(qtbot, window, Qt.Key.Key_E, CONTROL)
    panel = window.knowledge
    qtbot.keyClicks(panel.field, "gehandicaptenparkeerkaart")
    rows = [panel.results.item(i).text() for i in range(panel.results.count())]
    assert rows[rows.index("Producten") + 1] == "gehandicaptenparkeerkaart"  # with the municipality's own text
    press(qtbot, panel.field, Qt.Key.Key_Down)
    for _answer in range(rows.index("Producten")):  # down past the answers to the product
        if panel.results.currentItem().text() != "gehandicaptenparkeerkaart":
            press(qtbot, panel.results, Qt.Key.Key_Down)
    assert panel.results.currentItem().text() == "gehandicaptenparkeerkaart"
    press(qtbot, panel.results, Qt.Key.Key_Return, CONTROL)
    assert window.form.subject.text() == "gehandicaptenparkeerkaart"  # the subject was still empty
    assert window.form.answer.toPlainText().startswith("De kaart vraagt u aan met het formulier")
    assert window.form.about.text().replace("\u200b", "") == "Product: gehandicaptenparkeerkaart"  # may wrap
    [about] = window.services.registrations.entry.about
    assert (about.register, about.object_id) == (
        "upl",
        "http://standaarden.overheid.nl/owms/terms/gehandicaptenparkeerkaart",
    )
