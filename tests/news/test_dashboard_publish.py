"""Publishing news from the supervisor's dashboard, by keys: Ctrl+N opens
the form; a bad period, an empty title or a database that refuses is told
under its field (or in the form) and nothing is stored; Ctrl+Enter publishes,
the dashboard lists the item as ``kccdesk news list`` does, and an agent's
board on the same database sees it at its next poll (manual clock and
scheduler); Delete withdraws it after a confirmation."""

from __future__ import annotations

import sqlite3
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog

from kccdesk import resource_path
from kccdesk.content.subjects import load_subjects
from kccdesk.i18n import set_language
from kccdesk.services.figures import TeamStats
from kccdesk.services.news import POLL_SECONDS, NewsBoard, NewsDesk
from kccdesk.store import open_database
from kccdesk.store.news import all_items
from kccdesk.ui.dashboard import Dashboard
from kccdesk.ui.news_publish import NewsForm
from tests.support.demo_window import open_demo, press
from tests.support.manual_time import ManualClock, ManualScheduler
from tests.support.mnemonics import clashes, fields_without_letter

pytestmark = pytest.mark.gui
ALT = Qt.KeyboardModifier.AltModifier
CONTROL = Qt.KeyboardModifier.ControlModifier
MONDAY = datetime(2026, 11, 23, 10, 15, tzinfo=timezone(timedelta(hours=1)))  # Dutch winter time


@pytest.fixture
def workstations(qtbot, db_file: Path):
    """The supervisor's dashboard and an agent's news board on one database file."""
    set_language("nl")
    clock = ManualClock(MONDAY)
    scheduler = ManualScheduler(clock)
    supervisor, agent = open_database(None, db_file), open_database(None, db_file)
    stats = TeamStats(supervisor, load_subjects(resource_path("subjects", "upl.csv")), max_rings=3)
    dashboard = Dashboard(stats, today=lambda: clock.now().date(), news=NewsDesk(supervisor, clock, "Teamleider"))
    qtbot.addWidget(dashboard)
    dashboard.show()
    dashboard.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dashboard)
    board = NewsBoard(agent, clock, "Sanne", ["Burgerzaken"], scheduler)
    yield dashboard, board, scheduler, supervisor
    supervisor.close()
    agent.close()


def key(qtbot, key, modifier=Qt.KeyboardModifier.NoModifier) -> None:
    """Press a key where the supervisor's focus is."""
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None)
    qtbot.keyClick(QApplication.focusWidget(), key, modifier)


def open_form(qtbot, dashboard: Dashboard) -> NewsForm:
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dashboard)
    key(qtbot, Qt.Key.Key_N, CONTROL)
    qtbot.waitUntil(lambda: isinstance(QApplication.activeWindow(), NewsForm))
    return QApplication.activeWindow()


def asked(dashboard: Dashboard) -> bool:
    """Whether the question before withdrawing is there, and has the focus."""
    box = dashboard.news.confirmation
    return box is not None and QApplication.activeWindow() is box


def row(dashboard: Dashboard, number: int) -> list[str]:
    table = dashboard.news.table
    return [table.item(number, column).text() for column in range(table.columnCount())]


def shown_mistakes(form: NewsForm) -> dict[str, str]:
    return {field: label.text() for field, label in form.mistakes.items() if label.isVisible()}


def test_the_supervisor_publishes_by_keys_and_the_agent_sees_it_after_the_poll(qtbot, workstations) -> None:
    dashboard, board, scheduler, supervisor = workstations
    assert "Ctrl+N: nieuws publiceren" in [label.text() for label in dashboard.findChildren(type(dashboard.title))]
    assert dashboard.news.status.text() == "Er is geen nieuws gepubliceerd."

    form = open_form(qtbot, dashboard)

    assert QApplication.focusWidget() is form.title
    assert form.starts.dateTime().toString("dd-MM-yyyy HH:mm") == "23-11-2026 10:15"  # from now
    assert not form.ends.isEnabled()  # no end
    key(qtbot, Qt.Key.Key_Return, CONTROL)  # nothing typed yet
    assert shown_mistakes(form) == {"title": "Geef het bericht een titel.", "text": "Schrijf de tekst van het bericht."}
    assert QApplication.focusWidget() is form.title

    qtbot.keyClicks(form.title, "Storing DigiD")
    key(qtbot, Qt.Key.Key_K, ALT)  # Te&kst
    qtbot.keyClicks(QApplication.focusWidget(), "Inloggen met DigiD lukt tot 12 uur niet.")
    key(qtbot, Qt.Key.Key_B, ALT)  # Belangrijk
    key(qtbot, Qt.Key.Key_E, ALT)  # it has an end ...
    qtbot.waitUntil(form.ends.isEnabled)  # a button's Alt-letter clicks it as a person would see it
    key(qtbot, Qt.Key.Key_O, ALT)  # ... until: one day before the start
    assert QApplication.focusWidget() is form.ends
    for _day in range(8):  # the day, the field's first part: a week on by default, eight days back
        key(qtbot, Qt.Key.Key_Down)
    assert form.ends.dateTime().toString("dd-MM-yyyy HH:mm") == "22-11-2026 10:15"
    key(qtbot, Qt.Key.Key_M, ALT)
    qtbot.keyClicks(form.teams, "Burgerzaken")

    key(qtbot, Qt.Key.Key_Return, CONTROL)

    assert shown_mistakes(form) == {
        "until": "Het einde ligt vóór het begin, of is al voorbij: niemand zou het bericht zien."
    }
    assert QApplication.focusWidget() is form.ends
    assert form.isVisible() and all_items(supervisor) == []  # refused: nothing stored, nothing lost
    assert form.title.text() == "Storing DigiD"

    key(qtbot, Qt.Key.Key_E, ALT)  # no end after all
    qtbot.waitUntil(lambda: not form.ends.isEnabled())
    key(qtbot, Qt.Key.Key_Return, CONTROL)

    qtbot.waitUntil(lambda: not form.isVisible())
    [item] = all_items(supervisor)
    assert (item.title, item.important, item.teams, item.ends, item.author) == (
        "Storing DigiD",
        True,
        ("Burgerzaken",),
        None,
        "Teamleider",
    )
    assert dashboard.news.status.text() == f"Gepubliceerd als nummer {item.id}: Storing DigiD"
    assert row(dashboard, 0) == [
        str(item.id),
        "Storing DigiD",
        "belangrijk, te zien",
        "vanaf 23-11-2026 10:15",
        "Burgerzaken",
        "0",
    ]

    assert board.board == []  # the agent's workstation: not before its poll
    scheduler.advance(POLL_SECONDS)
    assert [item.title for item in board.to_confirm] == ["Storing DigiD"]
    board.mark_read(item.id)  # confirmed
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dashboard)  # the form gone, the dashboard again
    key(qtbot, Qt.Key.Key_F5)
    assert row(dashboard, 0)[5] == "1"


def test_the_supervisor_withdraws_an_item_by_keys_after_confirming(qtbot, workstations) -> None:
    dashboard, board, scheduler, supervisor = workstations
    for title in ("Extra spreekuur Wmo", "Storing DigiD"):
        form = open_form(qtbot, dashboard)
        qtbot.keyClicks(form.title, title)
        key(qtbot, Qt.Key.Key_K, ALT)  # Te&kst
        qtbot.keyClicks(QApplication.focusWidget(), "Tekst.")
        key(qtbot, Qt.Key.Key_Return, CONTROL)
        qtbot.waitUntil(lambda form=form: not form.isVisible())
    scheduler.advance(POLL_SECONDS)
    assert sorted(one.item.title for one in board.board) == ["Extra spreekuur Wmo", "Storing DigiD"]

    qtbot.waitUntil(lambda: QApplication.activeWindow() is dashboard)
    key(qtbot, Qt.Key.Key_N, ALT)  # Gepubliceerd &nieuws: into the list
    assert QApplication.focusWidget() is dashboard.news.table
    key(qtbot, Qt.Key.Key_Down)
    key(qtbot, Qt.Key.Key_Up)  # the newest, at the top
    assert row(dashboard, dashboard.news.table.currentRow())[1] == "Storing DigiD"
    key(qtbot, Qt.Key.Key_Delete)
    qtbot.waitUntil(lambda: asked(dashboard))
    assert "“Storing DigiD”" in dashboard.news.confirmation.text()
    key(qtbot, Qt.Key.Key_Escape)  # kept
    qtbot.waitUntil(lambda: dashboard.news.confirmation is None)
    assert all(item.withdrawn_at is None for item in all_items(supervisor))
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dashboard.news.table)  # back in the list

    key(qtbot, Qt.Key.Key_Delete)
    qtbot.waitUntil(lambda: asked(dashboard))
    key(qtbot, Qt.Key.Key_I, ALT)  # &Intrekken

    qtbot.waitUntil(lambda: dashboard.news.confirmation is None)
    withdrawn = {item.title: item.withdrawn_at is not None for item in all_items(supervisor)}
    assert withdrawn == {"Storing DigiD": True, "Extra spreekuur Wmo": False}
    number = row(dashboard, 0)[0]
    assert dashboard.news.status.text() == f"Bericht nummer {number} is ingetrokken."
    assert row(dashboard, 0)[1:3] == ["Storing DigiD", "ingetrokken"]
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dashboard.news.table)  # back in the list
    scheduler.advance(POLL_SECONDS)
    assert [one.item.title for one in board.board] == ["Extra spreekuur Wmo"]


def test_a_refusing_database_is_told_in_the_form_and_the_typed_item_stays(qtbot, workstations, db_file) -> None:
    dashboard, _board, _scheduler, supervisor = workstations
    refusing = sqlite3.connect(db_file)
    refusing.execute("CREATE TRIGGER refuse BEFORE INSERT ON news BEGIN SELECT RAISE(ABORT, 'alleen lezen'); END")
    refusing.commit()
    refusing.close()
    form = open_form(qtbot, dashboard)
    qtbot.keyClicks(form.title, "Storing DigiD")
    key(qtbot, Qt.Key.Key_K, ALT)  # Te&kst
    qtbot.keyClicks(QApplication.focusWidget(), "Tekst.")

    key(qtbot, Qt.Key.Key_Return, CONTROL)

    assert form.isVisible()
    assert form.status.isVisible() and form.status.text().startswith("Er is niets gepubliceerd: ")
    assert "alleen lezen" in form.status.text()
    assert (form.title.text(), form.text.toPlainText()) == ("Storing DigiD", "Tekst.")
    assert all_items(supervisor) == []


@pytest.mark.parametrize("language", ["nl", "en"])
def test_every_field_has_its_own_alt_letter(qtbot, workstations, language) -> None:
    dashboard, _board, _scheduler, supervisor = workstations
    set_language(language)
    try:
        news = NewsDesk(supervisor, ManualClock(MONDAY), "Teamleider")
        fresh = Dashboard(dashboard.stats, today=dashboard.today, news=news)
        qtbot.addWidget(fresh)
        fresh.show()
        fresh.activateWindow()
        qtbot.waitUntil(lambda: QApplication.activeWindow() is fresh)
        assert clashes(fresh) == {}
        form = open_form(qtbot, fresh)
        key(qtbot, Qt.Key.Key_E, ALT)  # the end too
        qtbot.waitUntil(form.ends.isEnabled)
        assert clashes(form) == {}
        assert fields_without_letter(form) == []
    finally:
        set_language("nl")


def test_the_dashboard_of_the_window_publishes_and_the_own_board_sees_it_at_once(qtbot) -> None:
    window, _clock, workstation = open_demo(qtbot, datetime(2026, 11, 23, 10, 15))
    try:
        press(qtbot, window, Qt.Key.Key_D, CONTROL | Qt.KeyboardModifier.ShiftModifier)
        qtbot.waitUntil(lambda: isinstance(QApplication.activeWindow(), QDialog))
        dashboard = QApplication.activeWindow()
        demo_items = dashboard.news.table.rowCount()
        assert demo_items >= 1  # the demo's news
        form = open_form(qtbot, dashboard)
        qtbot.keyClicks(form.title, "Telefooncentrale wordt herstart")
        key(qtbot, Qt.Key.Key_K, ALT)  # Te&kst
        qtbot.keyClicks(QApplication.focusWidget(), "Om 12 uur.")
        key(qtbot, Qt.Key.Key_Return, CONTROL)
        qtbot.waitUntil(lambda: not form.isVisible())

        assert dashboard.news.table.rowCount() == demo_items + 1
        assert "Telefooncentrale wordt herstart" in [one.item.title for one in window.services.news.board]
        [item] = [item for item in all_items(workstation.db) if item.title == "Telefooncentrale wordt herstart"]
        assert item.author == workstation.settings.workstation.agent_name
        dashboard.close()
    finally:
        workstation.db.close()


def test_an_empty_name_between_the_teams_is_a_mistake_of_the_teams_field(qtbot, workstations) -> None:
    dashboard, _board, _scheduler, supervisor = workstations
    form = open_form(qtbot, dashboard)
    qtbot.keyClicks(form.title, "Storing DigiD")
    key(qtbot, Qt.Key.Key_K, ALT)
    qtbot.keyClicks(QApplication.focusWidget(), "Tekst.")
    key(qtbot, Qt.Key.Key_M, ALT)
    qtbot.keyClicks(form.teams, "Wmo,,Afval")

    key(qtbot, Qt.Key.Key_Return, CONTROL)

    assert shown_mistakes(form) == {"teams": "Er staat een lege naam tussen de teams: haal de extra komma weg."}
    assert QApplication.focusWidget() is form.teams and all_items(supervisor) == []
