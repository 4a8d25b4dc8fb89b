"""News and work instructions (*nieuws en werkinstructies*): what a
supervisor publishes for the agents, and which items an agent sees when.

The rules are pure functions of a moment: an item is shown from its start
until its end (not before, not after), only to the teams it is for (an item
for no team is for everyone), and not once withdrawn; the shown items come
important first, then newest first; an item the agent has not read is
unread. An important item is read only when the agent confirms it.
What keeps an item from being published (``mistakes``) is checked here
once, for a news file and for the dashboard's form alike.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

TITLE_LENGTH = 255


class NewsState(StrEnum):
    WAITING = "waiting"  # its start is still to come
    SHOWN = "shown"
    ENDED = "ended"
    WITHDRAWN = "withdrawn"


@dataclass(frozen=True)
class NewsItem:
    title: str
    text: str
    published_at: datetime  # when the supervisor published it
    important: bool = False  # the agent confirms they read it
    starts: datetime | None = None  # shown from this moment; None: from when it is published
    ends: datetime | None = None  # shown until this moment; None: until it is withdrawn
    teams: tuple[str, ...] = ()  # the teams or skills it is for; none: everyone
    author: str = ""
    withdrawn_at: datetime | None = None
    id: int | None = None  # given by the store

    @property
    def since(self) -> datetime:
        """From when the agents see it: its start, or else its publication."""
        return self.starts if self.starts is not None else self.published_at

    def for_teams(self, teams: Collection[str]) -> bool:
        """For everyone, or for one of ``teams`` (compared without regard to capitals)."""
        if not self.teams:
            return True
        mine = {team.casefold() for team in teams}
        return any(team.casefold() in mine for team in self.teams)

    def shown_at(self, moment: datetime) -> bool:
        """Between its start and its end (the end itself no longer), and not withdrawn."""
        return state(self, moment) is NewsState.SHOWN


class NewsMistake(StrEnum):
    """What keeps an item from being published; ``field`` names where it is."""

    NO_TITLE = "no_title"
    LONG_TITLE = "long_title"
    NO_TEXT = "no_text"
    NEVER_SHOWN = "never_shown"  # it ends before it would be shown: nobody would see it
    BLANK_TEAM = "blank_team"

    @property
    def field(self) -> str:
        """The item's field, by its name in a news file: title, text, until or teams."""
        return _MISTAKE_FIELDS[self]


_MISTAKE_FIELDS = {
    NewsMistake.NO_TITLE: "title",
    NewsMistake.LONG_TITLE: "title",
    NewsMistake.NO_TEXT: "text",
    NewsMistake.NEVER_SHOWN: "until",
    NewsMistake.BLANK_TEAM: "teams",
}


def mistakes(item: NewsItem) -> list[NewsMistake]:
    """What keeps ``item`` from being published, in the order of its fields; [] when nothing."""
    found = []
    if not item.title.strip():
        found.append(NewsMistake.NO_TITLE)
    elif len(item.title.strip()) > TITLE_LENGTH:
        found.append(NewsMistake.LONG_TITLE)
    if not item.text.strip():
        found.append(NewsMistake.NO_TEXT)
    if item.ends is not None and item.ends <= max(item.since, item.published_at):
        found.append(NewsMistake.NEVER_SHOWN)  # over before it starts, or before it is published
    if any(not team.strip() for team in item.teams):
        found.append(NewsMistake.BLANK_TEAM)
    return found


def state(item: NewsItem, moment: datetime) -> NewsState:
    if item.withdrawn_at is not None and item.withdrawn_at <= moment:
        return NewsState.WITHDRAWN
    if item.ends is not None and item.ends <= moment:
        return NewsState.ENDED
    return NewsState.SHOWN if item.since <= moment else NewsState.WAITING


@dataclass(frozen=True)
class ShownItem:
    item: NewsItem
    unread: bool


def shown(
    items: Iterable[NewsItem], moment: datetime, teams: Collection[str], read: Collection[int]
) -> list[ShownItem]:
    """What an agent of ``teams`` sees at ``moment``: important first, then
    newest first; ``read``: the ids of the items the agent has read."""
    visible = [item for item in items if item.shown_at(moment) and item.for_teams(teams)]
    visible.sort(key=lambda item: (not item.important, -item.since.timestamp(), -(item.id or 0)))
    return [ShownItem(item, item.id not in read) for item in visible]


def unread(board: Iterable[ShownItem]) -> list[NewsItem]:
    return [one.item for one in board if one.unread]


def to_confirm(board: Iterable[ShownItem]) -> list[NewsItem]:
    """The important items the agent has not confirmed yet."""
    return [one.item for one in board if one.unread and one.item.important]


def news_to_push(board: Iterable[ShownItem], offered: Collection[int], live_call: bool) -> bool:
    """Whether the news should open by itself: something unread the agent has
    not been shown yet, and no call on the line (never over a live call)."""
    return not live_call and any(one.item.id not in offered for one in board if one.unread)
