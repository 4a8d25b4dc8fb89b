"""The knowledge in the store: items added or brought up to date by source
and key, and the candidates for a query.

The words are kept as stems (made by ``kccdesk.knowledge.words``). SQLite
finds the items that have every word with FTS5, PostgreSQL with its
full-text index on the same stems; either gives at most CANDIDATES, by its
own rank, and ``kccdesk.core.knowledge.rank`` puts them in the one order
every database shows.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date

from sqlalchemy import Connection, func, select, text

from kccdesk.core.knowledge import KnowledgeItem, Query, Source, Stems
from kccdesk.store.db import Database
from kccdesk.store.models import KnowledgeRow

CANDIDATES = 500
_CHUNK = 500  # keys asked for at once
_FIELDS = ("title", "body", "keywords", "department", "link", "phone", "role", "valid_until")
_COLUMNS = (
    "k.id, k.source, k.key, k.title, k.body, k.keywords, k.department, k.link, k.phone, k.role, "
    "k.valid_until, k.title_stems, k.keyword_stems, k.body_stems"
)
_SQLITE = text(
    f"SELECT {_COLUMNS} FROM knowledge_fts JOIN knowledge AS k ON k.id = knowledge_fts.rowid "
    "WHERE knowledge_fts MATCH :match AND (k.valid_until IS NULL OR k.valid_until >= :today) "
    "ORDER BY bm25(knowledge_fts, 2.0, 3.0, 1.0) LIMIT :limit"
)
_DOCUMENT = "to_tsvector('simple', k.title_stems || ' ' || k.keyword_stems || ' ' || k.body_stems)"
_POSTGRESQL = text(
    f"SELECT {_COLUMNS} FROM knowledge AS k "
    f"WHERE {_DOCUMENT} @@ to_tsquery('simple', :match) AND (k.valid_until IS NULL OR k.valid_until >= :today) "
    f"ORDER BY ts_rank({_DOCUMENT}, to_tsquery('simple', :match)) DESC LIMIT :limit"
)


def store_items(db: Database, items: Sequence[tuple[KnowledgeItem, Stems]]) -> tuple[int, int]:
    """Add the new items and bring changed ones up to date (known by source
    and key); (added, changed). An item as it is already stored changes nothing."""
    added = changed = 0
    with db.session() as session:
        for start in range(0, len(items), _CHUNK):
            chunk = items[start : start + _CHUNK]
            keys = {(item.source.value, item.key) for item, _stems in chunk}
            rows = session.scalars(
                select(KnowledgeRow).where(
                    KnowledgeRow.source.in_({source for source, _key in keys}),
                    KnowledgeRow.key.in_({key for _source, key in keys}),
                )
            )
            known = {(row.source, row.key): row for row in rows}
            for item, stems in chunk:
                values = _values(item, stems)
                row = known.get((item.source.value, item.key))
                if row is None:
                    row = KnowledgeRow(source=item.source.value, key=item.key, **values)
                    session.add(row)
                    known[(row.source, row.key)] = row
                    added += 1
                elif any(getattr(row, name) != value for name, value in values.items()):
                    for name, value in values.items():
                        setattr(row, name, value)
                    changed += 1
    return added, changed


def _values(item: KnowledgeItem, stems: Stems) -> dict[str, object]:
    return {
        "title": item.title,
        "body": item.body,
        "keywords": ";".join(item.keywords),
        "department": item.department,
        "link": item.link,
        "phone": item.phone,
        "role": item.role,
        "valid_until": item.valid_until,
        "title_stems": " ".join(sorted(stems.title)),
        "keyword_stems": " ".join(sorted(stems.keywords)),
        "body_stems": " ".join(sorted(stems.body)),
    }


def candidates(db: Database, query: Query, today: date) -> list[tuple[int, KnowledgeItem, Stems]]:
    """The items shown on ``today`` that have every word of ``query``
    (and a word beginning as it does), at most CANDIDATES."""
    if not query:
        return []
    with db.connect() as connection:
        return [_item(row) for row in _search(connection, query, today)]


def _search(connection: Connection, query: Query, today: date) -> Iterable[tuple[object, ...]]:
    # Stems are letters and digits only ([0-9a-z]), so they go into either
    # query language as they are; FTS5's words are quoted all the same.
    if connection.dialect.name == "sqlite":
        parts = [f'"{word}"' for word in query.words]
        if query.beginning:
            parts.append("(" + " OR ".join(f'"{beginning}"*' for beginning in query.beginning) + ")")
        return connection.execute(_SQLITE, {"match": " AND ".join(parts), "today": today, "limit": CANDIDATES})
    parts = list(query.words)
    if query.beginning:
        parts.append("(" + " | ".join(f"{beginning}:*" for beginning in query.beginning) + ")")
    return connection.execute(_POSTGRESQL, {"match": " & ".join(parts), "today": today, "limit": CANDIDATES})


def _item(row: Sequence[object]) -> tuple[int, KnowledgeItem, Stems]:
    (item_id, source, key, title, body, keywords, department, link, phone, role, valid_until, *stems) = row
    item = KnowledgeItem(
        source=Source(str(source)),
        key=str(key),
        title=str(title),
        body=str(body),
        keywords=tuple(word for word in str(keywords).split(";") if word),
        department=str(department),
        link=str(link),
        phone=str(phone),
        role=str(role),
        valid_until=_date(valid_until),
    )
    title_stems, keyword_stems, body_stems = (frozenset(str(words).split()) for words in stems)
    return int(str(item_id)), item, Stems(title_stems, keyword_stems, body_stems)


def _date(value: object) -> date | None:
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(str(value))  # SQLite through a plain statement: the text it keeps


def counts(db: Database) -> dict[Source, int]:
    """How many items each source has."""
    with db.session() as session:
        rows = session.execute(select(KnowledgeRow.source, func.count()).group_by(KnowledgeRow.source))
        return {Source(source): count for source, count in rows}


def item_by_id(db: Database, item_id: int) -> KnowledgeItem | None:
    with db.connect() as connection:
        row = connection.execute(
            text(f"SELECT {_COLUMNS} FROM knowledge AS k WHERE k.id = :id"), {"id": item_id}
        ).first()
    return _item(tuple(row))[1] if row is not None else None
