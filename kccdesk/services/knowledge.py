"""Knowledge at hand for the agent: search as you type over the answers,
products and colleagues in the store, and files imported into it.

Searching asks the store for the items that have every word (its full-text
search) and ranks them the one way ``kccdesk.core.knowledge`` does; a query
costs a few milliseconds at 100,000 answers, so the view asks at every key.
"""

from __future__ import annotations

from pathlib import Path

from kccdesk.core.clock import Clock
from kccdesk.core.knowledge import Hit, KnowledgeItem, Source, rank
from kccdesk.knowledge.files import ImportReport, import_file
from kccdesk.knowledge.words import query
from kccdesk.store.db import Database
from kccdesk.store.knowledge import candidates, counts, item_by_id

SHOWN = 20


class Knowledge:
    def __init__(self, db: Database, clock: Clock) -> None:
        self._db = db
        self._clock = clock

    def search(self, text: str, limit: int = SHOWN) -> list[Hit]:
        """What fits ``text`` best, best first; nothing for an empty text or one of only common words."""
        asked = query(text)
        if not asked:
            return []
        return rank(asked, candidates(self._db, asked, self._clock.now().date()), limit)

    def item(self, item_id: int) -> KnowledgeItem | None:
        return item_by_id(self._db, item_id)

    def import_file(self, path: Path, source: Source = Source.VAC) -> ImportReport:
        return import_file(self._db, path, source)

    def counts(self) -> dict[Source, int]:
        return counts(self._db)
