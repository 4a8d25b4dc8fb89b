"""The knowledge in the store: items added or brought up to date by source
and key, and the candidates for a query.

The words are kept as stems (made by ``kccdesk.knowledge.words``). SQLite
finds the items that have every word with FTS5, PostgreSQL with its
full-text index on the same stems (a column of its own, ``words``, kept by
PostgreSQL); either gives at most CANDIDATES, in no order of its own, and
``kccdesk.core.knowledge.rank`` puts them in the one order every database shows.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Sequence, Sized
from datetime import date
from itertools import islice
from typing import Any

from sqlalchemy import Connection, bindparam, delete, func, insert, select, text, update

from kccdesk.core.knowledge import Candidate, KnowledgeItem, Query, Source, Stems
from kccdesk.store.db import Database
from kccdesk.store.models import KnowledgeRow, utc_now

CANDIDATES = 100
_CHUNK = 2000  # items a transaction (and keys asked for at once)
_COLUMNS = (
    "k.id, k.source, k.key, k.title, k.body, k.keywords, k.department, k.link, k.phone, k.role, "
    "k.valid_until, k.title_stems, k.keyword_stems, k.body_stems"
)
_FOUND = "k.id, k.source, k.title, k.title_stems, k.keyword_stems, k.body_stems"
_SHOWN = "WHERE k.valid_until IS NULL OR k.valid_until >= :today"
# At most CANDIDATES items that have every word, first among the titles and
# keywords (where the best answers have them), then anywhere when those are
# too few; no ranking by the database (a word in thousands of items would
# cost more than a key's whole frame): kccdesk ranks what comes back.
_SQLITE = text(
    f"SELECT {_FOUND} FROM (SELECT rowid AS id FROM knowledge_fts WHERE knowledge_fts MATCH :match LIMIT :limit) "
    f"AS found JOIN knowledge AS k ON k.id = found.id {_SHOWN}"
)
_POSTGRESQL = text(
    f"SELECT {_FOUND} FROM (SELECT id FROM knowledge WHERE words @@ to_tsquery('simple', :match) LIMIT :limit) "
    f"AS found JOIN knowledge AS k ON k.id = found.id {_SHOWN}"
)
# The same, among one source's items only (the colleagues, for a transfer).
_SQLITE_ONE_SOURCE = text(
    f"SELECT {_FOUND} FROM (SELECT rowid AS id FROM knowledge_fts WHERE knowledge_fts MATCH :match "
    "AND rowid IN (SELECT id FROM knowledge WHERE source = :source) LIMIT :limit) "
    f"AS found JOIN knowledge AS k ON k.id = found.id {_SHOWN}"
)
_POSTGRESQL_ONE_SOURCE = text(
    f"SELECT {_FOUND} FROM (SELECT id FROM knowledge WHERE words @@ to_tsquery('simple', :match) "
    f"AND source = :source LIMIT :limit) AS found JOIN knowledge AS k ON k.id = found.id {_SHOWN}"
)
_SOURCES = {source.value: source for source in Source}
ENOUGH = 20  # found among the titles and keywords: no need to look in the texts


def store_items(
    db: Database,
    items: Iterable[tuple[KnowledgeItem, Stems]],
    keep_stored: bool = False,
    expected: int | None = None,
) -> tuple[int, int]:
    """Add the new items and bring changed ones up to date (known by source
    and key); (added, changed). An item as it is already stored changes
    nothing; with ``keep_stored`` no stored item changes (only new ones are
    added). Each CHUNK is a transaction of its own: the database is never
    held for long by a large import, so the window goes on saving meanwhile;
    the items are taken a chunk at a time (a file's rows are read as they
    are stored), ``expected`` saying how many may come when they are not a
    list.

    On SQLite the search's FTS5 table follows: row by row for a few, and
    rebuilt in one pass at the end when an import at least doubles the
    items (some three times quicker), or when an earlier import stopped
    before its rebuild. On PostgreSQL its full-text index is kept the same
    way: for such an import dropped first and made again at the end (the
    index kept row by row grows slower with every row); an import that
    stopped in between leaves no index, and the next import makes it."""
    coming = expected if expected is not None else len(items) if isinstance(items, Sized) else 0
    with db.connect() as connection:
        fts = connection.dialect.name == "sqlite"
        stored = connection.execute(select(func.count(KnowledgeRow.id))).scalar_one()
        if fts:
            rebuild = coming > stored or _fts_behind(connection, stored)
        else:
            rebuild = coming > stored or not _pg_index_there(connection)
            if rebuild:
                connection.execute(text(f"DROP INDEX IF EXISTS {_PG_INDEX}"))
    added = changed = 0
    remaining = iter(items)
    with db.writing_much() as connection:
        while chunk := list(islice(remaining, _CHUNK)):
            with connection.begin():
                new, updated = _store_chunk(connection, chunk, fts and not rebuild, keep_stored, known=stored > 0)
            added += new
            changed += updated
        if rebuild:
            with connection.begin():
                connection.execute(text(_FTS_REBUILD if fts else _PG_INDEX_MADE))
    return added, changed


_FTS_REBUILD = "INSERT INTO knowledge_fts(knowledge_fts) VALUES ('rebuild')"
_PG_INDEX = "ix_knowledge_words"  # made by migration 0007_knowledge
_PG_INDEX_MADE = f"CREATE INDEX IF NOT EXISTS {_PG_INDEX} ON knowledge USING gin (words)"


def _pg_index_there(connection: Connection) -> bool:
    return connection.execute(text("SELECT to_regclass(:name) IS NOT NULL"), {"name": _PG_INDEX}).scalar_one()


def _fts_behind(connection: Connection, stored: int) -> bool:
    """The FTS5 table knows fewer items than the store (an import stopped before its rebuild)."""
    return connection.execute(text("SELECT count(*) FROM knowledge_fts_docsize")).scalar_one() != stored


def _store_chunk(
    connection: Connection,
    chunk: Sequence[tuple[KnowledgeItem, Stems]],
    follow: bool,
    keep_stored: bool,
    known: bool,
) -> tuple[int, int]:
    """One chunk in one transaction; ``follow``: the FTS5 table follows row
    by row; ``known``: the store had items before (else none is looked up)."""
    stored = _stored(connection, chunk) if known else {}
    now = utc_now()  # when this chunk was stored
    plainly = connection.dialect.name == "sqlite"
    stamp = _ready(connection, "updated_at")(now) if plainly else now
    new: list[tuple[object, ...]] = []
    updates: list[dict[str, object]] = []
    for item, stems in chunk:
        source = item.source.value
        row = stored.get((source, item.key))
        if row is None:
            new.append((source, item.key, stamp, *_values(item, stems)))
        elif not keep_stored and (values := _values(item, stems)) != tuple(row[3:]):
            updates.append({"row_id": row.id, "updated_at": now, **dict(zip(_STORED, values, strict=True))})
    changed_ids = [update["row_id"] for update in updates]
    if updates:
        if follow:
            connection.execute(_FTS_FORGET, {"ids": changed_ids})
        connection.execute(update(KnowledgeRow).where(KnowledgeRow.id == bindparam("row_id")), updates)
    if new and plainly:
        _insert_plainly(connection, new)
    elif new:
        connection.execute(insert(KnowledgeRow), [dict(zip(_NEW, row, strict=True)) for row in new])
    if follow:
        if changed_ids:
            connection.execute(_FTS_ADD_CHANGED, {"ids": changed_ids})
        for source in {str(row[0]) for row in new}:
            added_keys = [row[1] for row in new if row[0] == source]
            connection.execute(_FTS_ADD_NEW, {"source": source, "keys": added_keys})
    return len(new), len(updates)


def _stored(connection: Connection, chunk: Sequence[tuple[KnowledgeItem, Stems]]) -> dict[tuple[str, str], Any]:
    """The chunk's items as they are stored, by source and key (those that are)."""
    columns = [getattr(KnowledgeRow, name) for name in ("id", "source", "key", *_STORED)]
    return {
        (row.source, row.key): row
        for source in {item.source.value for item, _stems in chunk}
        for row in connection.execute(
            select(*columns).where(  # through the (source, key) index
                KnowledgeRow.source == source,
                KnowledgeRow.key.in_([item.key for item, _stems in chunk if item.source.value == source]),
            )
        )
    }


def _insert_plainly(connection: Connection, rows: list[tuple[object, ...]]) -> None:
    """New items into SQLite through its driver's own executemany (some 40 %
    quicker on a large import than through SQLAlchemy's statement); their
    moment is made ready already, a date here, as SQLAlchemy would."""
    day = _ready(connection, "valid_until")
    until = _NEW.index("valid_until")
    for number, row in enumerate(rows):
        if row[until] is not None:
            rows[number] = (*row[:until], day(row[until]), *row[until + 1 :])
    statement = f"INSERT INTO knowledge ({', '.join(_NEW)}) VALUES ({', '.join('?' * len(_NEW))})"
    connection.exec_driver_sql(statement, rows)


def _ready(connection: Connection, column: str) -> Callable[[Any], object]:
    """How the column's type makes a value ready for the database's driver."""
    dialect = connection.dialect
    make = KnowledgeRow.__table__.columns[column].type.dialect_impl(dialect).bind_processor(dialect)
    return make if make is not None else lambda value: value


_FTS_COLUMNS = "title_stems, keyword_stems, body_stems"
_FTS_FORGET = text(
    f"INSERT INTO knowledge_fts(knowledge_fts, rowid, {_FTS_COLUMNS}) "
    f"SELECT 'delete', id, {_FTS_COLUMNS} FROM knowledge WHERE id IN :ids"
).bindparams(bindparam("ids", expanding=True))
_FTS_ADD_CHANGED = text(
    f"INSERT INTO knowledge_fts(rowid, {_FTS_COLUMNS}) SELECT id, {_FTS_COLUMNS} FROM knowledge WHERE id IN :ids"
).bindparams(bindparam("ids", expanding=True))
_FTS_ADD_NEW = text(
    f"INSERT INTO knowledge_fts(rowid, {_FTS_COLUMNS}) SELECT id, {_FTS_COLUMNS} FROM knowledge "
    "WHERE source = :source AND key IN :keys"
).bindparams(bindparam("keys", expanding=True))
_STORED = (
    "title", "body", "keywords", "department", "link", "phone", "role", "valid_until",
    "title_stems", "keyword_stems", "body_stems",
)  # fmt: skip
_NEW = ("source", "key", "updated_at", *_STORED)  # a new item's columns


def _values(item: KnowledgeItem, stems: Stems) -> tuple[object, ...]:
    """The item as stored, in the order of _STORED."""
    return (
        item.title,
        item.body,
        ";".join(item.keywords),
        item.department,
        item.link,
        item.phone,
        item.role,
        item.valid_until,
        " ".join(stems.title),
        " ".join(stems.keywords),
        " ".join(stems.body),
    )


def candidates(db: Database, query: Query, today: date, source: Source | None = None) -> list[Candidate]:
    """Items shown on ``today`` that have every word of ``query`` (and a
    word beginning as it does): at most CANDIDATES, those with the words in
    their titles and keywords first; only ``source``'s, when one is named."""
    if not query:
        return []
    found: dict[int, Candidate] = {}
    with db.connect() as connection:
        for everywhere in (False, True):
            for item_id, kind, title, *stems in _search(connection, query, today, everywhere, source):
                if item_id not in found:
                    found[item_id] = Candidate(
                        int(item_id), _SOURCES[kind], title, Stems(*(tuple(words.split()) for words in stems))
                    )
            if len(found) >= ENOUGH:
                break
    return list(found.values())


def items_by_id(db: Database, ids: Sequence[int]) -> dict[int, KnowledgeItem]:
    if not ids:
        return {}
    with db.connect() as connection:
        rows = connection.execute(
            text(f"SELECT {_COLUMNS} FROM knowledge AS k WHERE k.id IN :ids").bindparams(
                bindparam("ids", expanding=True)
            ),
            {"ids": list(ids)},
        )
        return dict(map(_item, rows))


def _search(
    connection: Connection, query: Query, today: date, everywhere: bool, source: Source | None
) -> Iterable[Any]:
    # Stems are letters and digits only ([0-9a-z]), so they go into either
    # query language as they are; FTS5's words are quoted all the same.
    values: dict[str, object] = {"today": today, "limit": CANDIDATES}
    if source is not None:
        values["source"] = source.value
    if connection.dialect.name == "sqlite":
        parts = [f'"{word}"' for word in query.words]
        if query.beginning:
            parts.append("(" + " OR ".join(f'"{beginning}"*' for beginning in query.beginning) + ")")
        match = " AND ".join(parts)
        values["match"] = match if everywhere else f"{{title_stems keyword_stems}} : ({match})"
        return connection.execute(_SQLITE if source is None else _SQLITE_ONE_SOURCE, values)
    only = "" if everywhere else "AB"  # PostgreSQL's weights: A the title, B the keywords, C the text
    parts = [f"{word}:{only}" if only else word for word in query.words]
    if query.beginning:
        parts.append("(" + " | ".join(f"{beginning}:*{only}" for beginning in query.beginning) + ")")
    values["match"] = " & ".join(parts)
    return connection.execute(_POSTGRESQL if source is None else _POSTGRESQL_ONE_SOURCE, values)


def _item(row: Sequence[object]) -> tuple[int, KnowledgeItem]:
    item_id, source, key, title, body, keywords, department, link, phone, role, valid_until, *_stems = row
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
    return int(str(item_id)), item


def _date(value: object) -> date | None:
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(str(value))  # SQLite through a plain statement: the text it keeps


def counts(db: Database) -> dict[Source, int]:
    """How many items each source has."""
    with db.session() as session:
        rows = session.execute(select(KnowledgeRow.source, func.count()).group_by(KnowledgeRow.source))
        return {Source(source): count for source, count in rows}


def forget_missing(db: Database, source: Source, prefix: str, kept: Collection[str]) -> int:
    """Remove the items of ``source`` whose key begins with ``prefix`` (those
    from one outside register) and is not in ``kept``: what the register no
    longer has. The FTS5 table forgets them first, as ``_FTS_FORGET`` does
    for a changed item; how many were removed."""
    with db.connect() as connection:
        rows = connection.execute(
            select(KnowledgeRow.id, KnowledgeRow.key).where(
                KnowledgeRow.source == source.value, KnowledgeRow.key.startswith(prefix, autoescape=True)
            )
        )
        gone = [row.id for row in rows if row.key not in kept]
    for start in range(0, len(gone), _CHUNK):
        ids = gone[start : start + _CHUNK]
        with db.connect() as connection:
            if connection.dialect.name == "sqlite":
                connection.execute(_FTS_FORGET, {"ids": ids})
            connection.execute(delete(KnowledgeRow).where(KnowledgeRow.id.in_(ids)))
    return len(gone)


def stored_keys(db: Database, source: Source) -> set[str]:
    """The keys of a source's items (to add only what is missing, without making its stems first)."""
    with db.connect() as connection:
        return set(connection.execute(select(KnowledgeRow.key).where(KnowledgeRow.source == source.value)).scalars())
