"""News and work instructions in the store: publishing, withdrawing, the
items that may be shown at a moment, and who read which.

Every workstation on the same database reads the same rows, so an item
published on one is seen on the others at their next look.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import and_, or_, select, update

from kccdesk.core.news import NewsItem
from kccdesk.store.db import Database
from kccdesk.store.models import NewsReadRow, NewsRow

TEAM_SEPARATOR = ";"


def publish(db: Database, item: NewsItem) -> int:
    """Store a new item; its id."""
    row = NewsRow(
        title=item.title,
        text=item.text,
        important=item.important,
        starts=item.starts,
        ends=item.ends,
        teams=TEAM_SEPARATOR.join(item.teams),
        author=item.author,
        published_at=item.published_at,
    )
    with db.session() as session:
        session.add(row)
        session.flush()
        return row.id


def withdraw(db: Database, news_id: int, moment: datetime) -> bool:
    """Withdraw an item from ``moment`` on; False when there is no such item,
    or it was withdrawn already."""
    with db.session() as session:
        done = session.execute(
            update(NewsRow).where(NewsRow.id == news_id, NewsRow.withdrawn_at.is_(None)).values(withdrawn_at=moment)
        )
        return bool(done.rowcount)  # type: ignore[attr-defined]


def current_items(db: Database, moment: datetime) -> list[NewsItem]:
    """The items that may be shown at ``moment`` (not withdrawn, not ended):
    the ones yet to start are left for the core's rules to hold back."""
    query = select(NewsRow).where(NewsRow.withdrawn_at.is_(None), or_(NewsRow.ends.is_(None), NewsRow.ends > moment))
    with db.session() as session:
        return [_item(row) for row in session.scalars(query)]


def all_items(db: Database) -> list[NewsItem]:
    """Every item ever published, the newest first (withdrawn and ended ones too)."""
    with db.session() as session:
        rows = session.scalars(select(NewsRow).order_by(NewsRow.published_at.desc(), NewsRow.id.desc()))
        return [_item(row) for row in rows]


def read_by(db: Database, agent: str) -> set[int]:
    """The ids of the items ``agent`` has read."""
    with db.session() as session:
        return set(session.scalars(select(NewsReadRow.news_id).where(NewsReadRow.agent == agent)))


def mark_read(db: Database, news_id: int, agent: str, moment: datetime) -> None:
    """``agent`` read the item at ``moment``; the first time counts."""
    with db.session() as session:
        known = session.scalar(
            select(NewsReadRow.id).where(and_(NewsReadRow.news_id == news_id, NewsReadRow.agent == agent))
        )
        if known is None:
            session.add(NewsReadRow(news_id=news_id, agent=agent, read_at=moment))


def readers(db: Database, news_id: int) -> list[tuple[str, datetime]]:
    """Who read the item and when, the first reader first."""
    with db.session() as session:
        rows = session.execute(
            select(NewsReadRow.agent, NewsReadRow.read_at)
            .where(NewsReadRow.news_id == news_id)
            .order_by(NewsReadRow.read_at)
        )
        return [(agent, at) for agent, at in rows]


def _item(row: NewsRow) -> NewsItem:
    return NewsItem(
        id=row.id,
        title=row.title,
        text=row.text,
        important=row.important,
        starts=row.starts,
        ends=row.ends,
        teams=tuple(team for team in row.teams.split(TEAM_SEPARATOR) if team),
        author=row.author,
        published_at=row.published_at,
        withdrawn_at=row.withdrawn_at,
    )
