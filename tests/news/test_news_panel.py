"""The news in the window, by keys: at start it opens by itself (the focus
left where it is), important items first and unread ones marked; Ctrl+N
takes the agent into it, Enter confirms an important item, which is then
no longer unread (kept in the database); a call coming in closes what opened
by itself, and news that arrives during a call waits until the call is over."""

from __future__ import annotations

from datetime import datetime

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from kccdesk.config.paths import default_profile
from kccdesk.core.news import NewsItem
from kccdesk.services.news import store_item
from kccdesk.store import open_database
from kccdesk.store.news import readers
from tests.support.demo_window import open_demo, press

pytestmark = pytest.mark.gui
CONTROL = Qt.KeyboardModifier.ControlModifier
MORNING = datetime(2026, 11, 23, 10, 15)
INSTRUCTION = "Werkinstructie: paspoort kwijt of gestolen"


def rows(window) -> list[str]:
    items = window.news.items
    return [items.item(i).text() for i in range(items.count())]


def test_the_agent_confirms_an_important_item_by_keys(qtbot) -> None:
    window, _clock, workstation = open_demo(qtbot, MORNING)
    try:
        panel = window.news
        assert panel.isVisible()  # the demo's news, unread: opened by itself at start
        assert not panel.isAncestorOf(QApplication.focusWidget())  # without taking the focus
        assert rows(window)[0] == f"{INSTRUCTION}\nBelangrijk · nog niet bevestigd"  # important first, marked
        assert all(row.endswith("ongelezen") for row in rows(window)[1:])
        assert panel.items.item(0).font().bold()
        assert panel.status.text() == "1 belangrijk bericht om te bevestigen"

        press(qtbot, window, Qt.Key.Key_N, CONTROL)

        assert QApplication.focusWidget() is panel.items
        assert panel.heading.text() == INSTRUCTION
        assert "aangifte bij de politie" in panel.text.text()
        assert panel.confirm.text() == "Belangrijk: druk op Enter om te bevestigen dat je dit hebt gelezen."

        press(qtbot, window, Qt.Key.Key_Return)  # read and confirmed

        assert rows(window)[0] == f"{INSTRUCTION}\nBelangrijk"
        assert not panel.items.item(0).font().bold()
        assert panel.confirm.text() == "Je hebt dit bevestigd."
        assert window.services.news.to_confirm == []
        [confirmed] = [one.item for one in window.services.news.board if one.item.title == INSTRUCTION]
        assert [agent for agent, _at in readers(workstation.db, confirmed.id)] == [
            workstation.settings.workstation.agent_name
        ]
        assert panel.status.text() == "2 ongelezen"

        press(qtbot, window, Qt.Key.Key_Down)  # an ordinary item is read by moving onto it
        assert panel.status.text() == "1 ongelezen"
        assert rows(window)[1:] == [
            "Extra spreekuur Wmo op donderdag",
            "Storing bij de afvalcontainers in Noord\nongelezen",
        ]
        press(qtbot, window, Qt.Key.Key_Escape)
        assert not panel.isVisible()
        assert not panel.isAncestorOf(QApplication.focusWidget())
    finally:
        workstation.db.close()


def test_news_never_comes_over_a_live_call_but_after_it(qtbot) -> None:
    window, clock, workstation = open_demo(qtbot, MORNING)
    other_workstation = open_database(None, default_profile().demo().database_file)
    try:
        panel = window.news
        assert panel.isVisible()
        press(qtbot, window, Qt.Key.Key_F6)  # demo: a resident calls
        qtbot.waitUntil(lambda: window.desk.current is not None)
        assert not panel.isVisible()  # what opened by itself makes room for the call
        clock.advance(3.0)
        press(qtbot, window, Qt.Key.Key_F2)
        qtbot.waitUntil(window.form.isEnabled)

        store_item(other_workstation, NewsItem("Telefooncentrale wordt herstart", "Om 12 uur.", clock.now()))
        window.services.news.poll()  # the board's poll comes round

        assert rows(window)[1] == "Telefooncentrale wordt herstart\nongelezen"  # known, below the important one
        assert not panel.isVisible()  # but not pushed over the call
        press(qtbot, window, Qt.Key.Key_F4)  # hang up
        qtbot.waitUntil(panel.isVisible)  # between calls: there it is
        assert not panel.isAncestorOf(QApplication.focusWidget())  # the after-call work goes on where it was
    finally:
        other_workstation.close()
        workstation.db.close()
