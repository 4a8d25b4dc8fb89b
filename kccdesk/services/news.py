"""News and work instructions: publishing and withdrawing (the supervisor's
command, and ``NewsDesk`` for the dashboard), the words of the list of what
was published, and the agent's board (``NewsBoard``).

The board looks at the database every POLL_SECONDS through the window's
``schedule``, so an item published on any workstation on the same database
is seen within a minute; the moment decides what is shown
(``kccdesk.core.news``). It opens the news by itself at start and between
calls when there is something unread the agent has not seen, never while a
call is on the line.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Collection, Sequence
from dataclasses import replace
from datetime import datetime
from pathlib import Path

from kccdesk.content.news import read_news_file
from kccdesk.core.clock import Clock
from kccdesk.core.desk import Desk
from kccdesk.core.news import (
    NewsItem,
    NewsMistake,
    NewsState,
    ShownItem,
    mistakes,
    news_to_push,
    shown,
    state,
    to_confirm,
    unread,
)
from kccdesk.core.stats import TIME_ZONE
from kccdesk.i18n import N_, _
from kccdesk.services.registrations import Scheduler
from kccdesk.store import Database, DatabaseError
from kccdesk.store import news as store

log = logging.getLogger(__name__)

POLL_SECONDS = 30.0  # half the minute within which every workstation sees a new item
STATES = {
    NewsState.WAITING: N_("not shown yet"),
    NewsState.SHOWN: N_("shown"),
    NewsState.ENDED: N_("ended"),
    NewsState.WITHDRAWN: N_("withdrawn"),
}
TEAM_SEPARATORS = re.compile(r"[,;]")


def publish_file(db: Database, path: Path, clock: Clock, author: str = "") -> NewsItem:
    """Check the file and publish its item (NewsFileError, DatabaseError); the item with its id."""
    item = read_news_file(path, clock.now(), author)
    return store_item(db, item)


def store_item(db: Database, item: NewsItem) -> NewsItem:
    """Publish an item already checked; the item with its id."""
    return replace(item, id=store.publish(db, item))


def withdraw(db: Database, news_id: int, clock: Clock) -> bool:
    """Withdraw the item at once; False when there is none by that number (or it was withdrawn)."""
    return store.withdraw(db, news_id, clock.now())


def every_item(db: Database) -> list[tuple[NewsItem, int]]:
    """Every item published, newest first, with how many agents read it."""
    return [(item, len(store.readers(db, item.id or 0))) for item in store.all_items(db)]


def state_text(item: NewsItem, now: datetime) -> str:
    """Whether it is shown at ``now``, in words ("shown", "withdrawn")."""
    return _(STATES[state(item, now)])


def period_text(item: NewsItem) -> str:
    """From when until when it is shown ("from 23-11-2026 08:00")."""
    if item.ends is None:
        return _("from {start}").format(start=_when(item.since))
    return _("from {start} until {end}").format(start=_when(item.since), end=_when(item.ends))


def teams_text(item: NewsItem) -> str:
    return ", ".join(item.teams) if item.teams else _("everyone")


def _when(moment: datetime) -> str:
    return moment.astimezone(TIME_ZONE).strftime("%d-%m-%Y %H:%M")


class NewsRefused(Exception):
    """Nothing was published or withdrawn: the item's ``mistakes``, or why the database refused."""

    def __init__(self, reason: str, found: Sequence[NewsMistake] = ()) -> None:
        super().__init__(reason)
        self.mistakes = list(found)


class NewsDesk:
    """The supervisor's news in the dashboard: an item is checked by the same
    rules as a news file (``kccdesk.core.news``) and published, what was
    published listed, an item withdrawn. ``changed`` runs after each change
    (the workstation's own board looks again at once)."""

    def __init__(
        self, db: Database, clock: Clock, author: str = "", changed: Callable[[], None] = lambda: None
    ) -> None:
        self._db = db
        self._clock = clock
        self.author = author
        self._changed = changed

    def now(self) -> datetime:
        return self._clock.now()

    def draft(
        self, title: str, text: str, important: bool, starts: datetime | None, ends: datetime | None, teams: str
    ) -> NewsItem:
        """The item of the form's fields, as published now; ``teams``: names
        separated by commas (or semicolons), none for everyone."""
        names = tuple(name.strip() for name in TEAM_SEPARATORS.split(teams)) if teams.strip() else ()
        return NewsItem(title.strip(), text.strip(), self.now(), important, starts, ends, names, author=self.author)

    def publish(self, item: NewsItem) -> NewsItem:
        """Check the item again and publish it; the item with its id. NewsRefused
        with its mistakes, or when the database refuses: then nothing is stored."""
        if found := mistakes(item):
            raise NewsRefused(", ".join(found), found)
        try:
            published = store_item(self._db, item)
        except DatabaseError as error:
            raise NewsRefused(str(error)) from error
        self._changed()
        return published

    def items(self) -> list[tuple[NewsItem, int]]:
        """Every item published, newest first, with how many agents read (an important one: confirmed) it."""
        try:
            return every_item(self._db)
        except DatabaseError as error:
            raise NewsRefused(str(error)) from error

    def withdraw(self, news_id: int) -> bool:
        """Withdraw the item at once; False when it was withdrawn already. NewsRefused when the database refuses."""
        try:
            done = withdraw(self._db, news_id, self._clock)
        except DatabaseError as error:
            raise NewsRefused(str(error)) from error
        self._changed()
        return done


class NewsBoard:
    """What one agent sees of the news, kept up to date by polling."""

    def __init__(
        self,
        db: Database,
        clock: Clock,
        agent: str,
        teams: Collection[str],
        schedule: Scheduler | None = None,
        desk: Desk | None = None,
    ) -> None:
        self._db = db
        self._clock = clock
        self.agent = agent
        self.teams = tuple(teams)
        self._schedule = schedule
        self._desk = desk
        self._items: list[NewsItem] = []
        self._read: set[int] = set()
        self._unsaved: dict[int, datetime] = {}  # read while the database refused: written at the next poll
        self._offered: set[int] = set()  # unread items already put before the agent
        self.board: list[ShownItem] = []
        self.problem = ""  # why the news could not be read at the last poll; "" when it could
        self._observers: list[Callable[[], None]] = []
        if desk is not None:
            desk.on_change(self._desk_changed)
        self.poll()

    def on_change(self, observer: Callable[[], None]) -> None:
        self._observers.append(observer)

    # -- reading -------------------------------------------------------------

    def poll(self) -> None:
        """Read the news from the database, and look again after POLL_SECONDS."""
        self.refresh()
        if self._schedule is not None:
            self._schedule(POLL_SECONDS, self.poll)

    def refresh(self) -> None:
        """Read the news from the database now (the polls go on as they were)."""
        try:
            self._write_unsaved()
            self._items = store.current_items(self._db, self._clock.now())
            self._read = store.read_by(self._db, self.agent) | set(self._unsaved)
            self.problem = ""
        except DatabaseError as error:
            log.warning("the news cannot be read: %s", error)
            self.problem = str(error)
        self._update()

    def publishing(self) -> NewsDesk:
        """The supervisor's news on the same database, published by this
        workstation's agent; this board looks again after each change."""
        return NewsDesk(self._db, self._clock, self.agent, changed=self.refresh)

    def _update(self) -> None:
        board = shown(self._items, self._clock.now(), self.teams, self._read)
        if board != self.board or self.push_due():
            self.board = board
            self._notify()

    @property
    def unread(self) -> list[NewsItem]:
        return unread(self.board)

    @property
    def to_confirm(self) -> list[NewsItem]:
        """Important items the agent has not confirmed yet."""
        return to_confirm(self.board)

    # -- the agent ---------------------------------------------------------

    def mark_read(self, news_id: int) -> None:
        """The agent has read the item (for an important one: confirmed it)."""
        if news_id in self._read:
            return
        self._read.add(news_id)
        self._unsaved[news_id] = self._clock.now()
        try:
            self._write_unsaved()
        except DatabaseError as error:
            log.warning("that the news was read cannot be kept yet: %s", error)
            self.problem = str(error)
        self._update()

    def _write_unsaved(self) -> None:
        for news_id, moment in list(self._unsaved.items()):
            store.mark_read(self._db, news_id, self.agent, moment)
            del self._unsaved[news_id]

    # -- opening by itself ---------------------------------------------------

    @property
    def live_call(self) -> bool:
        return self._desk is not None and bool(self._desk.calls)

    def push_due(self) -> bool:
        """Whether the window should open the news now: something unread not
        yet put before the agent, and no call on the line."""
        board = shown(self._items, self._clock.now(), self.teams, self._read)
        return news_to_push(board, self._offered, self.live_call)

    def pushed(self) -> None:
        """The window has put the unread items before the agent."""
        self._offered |= {one.item.id for one in self.board if one.unread and one.item.id is not None}

    def _desk_changed(self) -> None:
        if self.push_due():  # a call has ended with news waiting
            self._notify()

    def _notify(self) -> None:
        for observer in self._observers:
            observer()


def load_demo_news(db: Database, clock: Clock) -> None:
    """The demo profile's news (resources/news), once, into a store without news."""
    if store.all_items(db):
        return
    from kccdesk import resource_path

    for path in sorted(resource_path("news").glob("*.toml")):
        publish_file(db, path, clock, author="demo")
