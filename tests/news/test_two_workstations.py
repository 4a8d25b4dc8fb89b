"""Two workstations on one database file: a supervisor publishes on one,
the other's news board sees the item at its next poll (within a minute),
driven by the manual clock and scheduler; who read what is kept per agent,
and a withdrawn or ended item goes at the next poll."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from pathlib import Path

from kccdesk.core.news import NewsItem
from kccdesk.services.news import POLL_SECONDS, NewsBoard, publish_file, store_item, withdraw
from kccdesk.store import open_database
from kccdesk.store.news import readers
from tests.support.manual_time import ManualClock, ManualScheduler

MONDAY = datetime(2026, 11, 23, 9, 0, tzinfo=timezone(timedelta(hours=1)))


def titles(board: NewsBoard) -> list[str]:
    return [one.item.title for one in board.board]


def test_an_item_published_on_one_workstation_is_seen_on_the_other_within_a_minute(db_file: Path, tmp_path: Path):
    clock = ManualClock(MONDAY)
    scheduler = ManualScheduler(clock)
    supervisor, agent = open_database(None, db_file), open_database(None, db_file)
    try:
        board = NewsBoard(agent, clock, "Sanne", ["Burgerzaken"], scheduler)
        changes = []
        board.on_change(lambda: changes.append(titles(board)))
        assert board.board == []
        item = tmp_path / "storing.toml"
        item.write_text('title = "Storing DigiD"\ntext = "Inloggen lukt even niet."\nimportant = true\n')

        published = publish_file(supervisor, item, clock, author="Teamleider")

        assert titles(board) == []  # not before the poll
        scheduler.advance(POLL_SECONDS - 1)
        assert titles(board) == []
        scheduler.advance(1)
        assert titles(board) == ["Storing DigiD"]
        assert changes == [["Storing DigiD"]]
        assert [item.title for item in board.to_confirm] == ["Storing DigiD"]
        assert POLL_SECONDS * 2 <= 60  # so every workstation sees it within a minute, whenever it polled last

        board.mark_read(published.id)
        assert board.to_confirm == [] and board.unread == []
        assert [agent for agent, _at in readers(supervisor, published.id)] == ["Sanne"]
        other = NewsBoard(agent, clock, "Ahmed", [], scheduler)  # another agent: still unread for them
        assert [item.title for item in other.unread] == ["Storing DigiD"]

        assert withdraw(supervisor, published.id, clock)
        scheduler.advance(POLL_SECONDS)
        assert titles(board) == [] and titles(other) == []
    finally:
        supervisor.close()
        agent.close()


def test_teams_start_and_end_are_applied_at_each_poll(db_file: Path):
    clock = ManualClock(MONDAY)
    scheduler = ManualScheduler(clock)
    supervisor, agent = open_database(None, db_file), open_database(None, db_file)
    try:
        minutes = timedelta(minutes=1)
        for title, teams, starts, ends in (
            ("Voor Wmo", ("Wmo",), None, None),
            ("Voor Afval", ("Afval",), None, None),
            ("Vanaf half tien", (), MONDAY + 30 * minutes, None),
            ("Tot vijf over negen", (), None, MONDAY + 5 * minutes),
        ):
            store_item(supervisor, NewsItem(title, "...", MONDAY, teams=teams, starts=starts, ends=ends))
        board = NewsBoard(agent, clock, "Sanne", ["wmo"], scheduler)

        assert sorted(titles(board)) == ["Tot vijf over negen", "Voor Wmo"]
        scheduler.advance(5 * 60)
        assert titles(board) == ["Voor Wmo"]  # ended
        scheduler.advance(25 * 60)
        assert titles(board) == ["Vanaf half tien", "Voor Wmo"]  # started; the newest first
    finally:
        supervisor.close()
        agent.close()
