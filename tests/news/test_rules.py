"""Which news an agent sees, as pure rules of a moment on the manual clock:
not before its start, not from its end on, only for its teams (no team:
everyone), not once withdrawn; important first, then newest first; unread
marked; and the news opens by itself only between calls."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from kccdesk.core.news import NewsItem, NewsState, ShownItem, news_to_push, shown, state, to_confirm, unread
from tests.support.manual_time import ManualClock

AMSTERDAM = timezone(timedelta(hours=1))
MONDAY = datetime(2026, 11, 23, 8, 0, tzinfo=AMSTERDAM)
HOUR = 3600


def item(number: int, title: str, **fields: object) -> NewsItem:
    published = fields.pop("published_at", MONDAY)
    return NewsItem(id=number, title=title, text="...", published_at=published, **fields)  # type: ignore[arg-type]


def titles(items: list[ShownItem] | list[NewsItem]) -> list[str]:
    return [one.item.title if isinstance(one, ShownItem) else one.title for one in items]


def test_an_item_is_shown_from_its_start_until_its_end_and_not_at_the_end():
    clock = ManualClock(MONDAY)
    window = item(1, "Stadswinkel dicht", starts=MONDAY + timedelta(hours=1), ends=MONDAY + timedelta(hours=3))

    assert shown([window], clock.now(), (), set()) == []  # before its start
    assert state(window, clock.now()) is NewsState.WAITING
    clock.advance(HOUR)
    assert titles(shown([window], clock.now(), (), set())) == ["Stadswinkel dicht"]  # at its start
    clock.advance(2 * HOUR - 1)
    assert titles(shown([window], clock.now(), (), set())) == ["Stadswinkel dicht"]
    clock.advance(1)
    assert shown([window], clock.now(), (), set()) == []  # the end itself: gone
    assert state(window, clock.now()) is NewsState.ENDED


def test_without_a_start_it_is_shown_from_its_publication_and_a_withdrawn_one_never_again():
    clock = ManualClock(MONDAY)
    later = item(1, "Later", published_at=MONDAY + timedelta(minutes=5))
    withdrawn = item(2, "Ingetrokken", withdrawn_at=MONDAY + timedelta(minutes=1))

    assert titles(shown([later, withdrawn], clock.now(), (), set())) == ["Ingetrokken"]
    clock.advance(10 * 60)
    assert titles(shown([later, withdrawn], clock.now(), (), set())) == ["Later"]
    assert state(withdrawn, clock.now()) is NewsState.WITHDRAWN


def test_an_item_for_teams_is_shown_only_to_those_teams_and_one_for_no_team_to_everyone():
    items = [
        item(1, "Voor iedereen"),
        item(2, "Voor Wmo", teams=("Wmo",)),
        item(3, "Voor Burgerzaken en Afval", teams=("Burgerzaken", "Afval")),
    ]

    assert titles(shown(items, MONDAY, (), set())) == ["Voor iedereen"]
    assert titles(shown(items, MONDAY, ("wmo",), set())) == ["Voor Wmo", "Voor iedereen"]  # capitals do not matter
    assert titles(shown(items, MONDAY, ("Afval", "Wmo"), set())) == [  # published together: the last first
        "Voor Burgerzaken en Afval",
        "Voor Wmo",
        "Voor iedereen",
    ]


def test_important_items_come_first_then_the_newest():
    items = [
        item(1, "Oud nieuws", published_at=MONDAY - timedelta(days=2)),
        item(2, "Oude werkinstructie", important=True, published_at=MONDAY - timedelta(days=3)),
        item(3, "Nieuw nieuws", published_at=MONDAY - timedelta(hours=1)),
        item(4, "Nieuwe werkinstructie", important=True, published_at=MONDAY - timedelta(days=1)),
        item(5, "Gepland", published_at=MONDAY - timedelta(days=5), starts=MONDAY - timedelta(minutes=1)),
    ]

    assert titles(shown(items, MONDAY, (), set())) == [
        "Nieuwe werkinstructie",
        "Oude werkinstructie",
        "Gepland",  # new since its start, a minute ago
        "Nieuw nieuws",
        "Oud nieuws",
    ]


def test_unread_items_are_marked_and_important_unread_ones_are_to_confirm():
    items = [item(1, "Nieuws"), item(2, "Werkinstructie", important=True), item(3, "Gelezen")]

    board = shown(items, MONDAY, (), read={3})

    assert [(one.item.title, one.unread) for one in board] == [
        ("Werkinstructie", True),
        ("Gelezen", False),
        ("Nieuws", True),
    ]
    assert titles(unread(board)) == ["Werkinstructie", "Nieuws"]
    assert titles(to_confirm(board)) == ["Werkinstructie"]
    assert to_confirm(shown(items, MONDAY, (), read={2})) == []


def test_the_news_opens_by_itself_only_without_a_live_call_and_only_for_what_was_not_shown():
    board = shown([item(1, "Nieuws"), item(2, "Werkinstructie", important=True)], MONDAY, (), set())

    assert news_to_push(board, offered=set(), live_call=False)
    assert not news_to_push(board, offered=set(), live_call=True)  # never over a call
    assert not news_to_push(board, offered={1, 2}, live_call=False)  # shown already
    assert not news_to_push(shown([item(1, "Nieuws")], MONDAY, (), {1}), offered=set(), live_call=False)
