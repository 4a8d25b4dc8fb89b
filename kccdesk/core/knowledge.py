"""Knowledge at hand: the municipality's answers to questions (VAC,
*vraag-antwoordcombinaties*), its product pages and its colleagues, and how
a search ranks them.

The words are compared as stems (``kccdesk.knowledge.words`` makes them:
accents folded, Dutch endings taken off), so ``paspoorten`` finds
``paspoort``. Every database finds the candidates its own way; the order is
decided here, the same for all of them: a word in the keywords weighs more
than one in the question or title, and that more than one in the text.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum


class Source(StrEnum):
    VAC = "vac"  # a question and its answer
    PRODUCT = "product"  # a product of the subject list, with the municipality's own text
    COLLEAGUE = "colleague"  # someone in the employee directory, and what they handle


@dataclass(frozen=True)
class KnowledgeItem:
    source: Source
    key: str  # unique within its source: importing the same question twice keeps one item
    title: str  # the question, the product's name, the colleague's name
    body: str  # the answer (plain text or light HTML), the product's text, what the colleague handles
    keywords: tuple[str, ...] = ()
    department: str = ""
    link: str = ""
    phone: str = ""  # a colleague's
    role: str = ""  # a colleague's
    valid_until: date | None = None  # after this day the item is no longer shown

    def shown_on(self, day: date) -> bool:
        return self.valid_until is None or day <= self.valid_until


@dataclass(frozen=True)
class Stems:
    """An item's words as stems, field by field."""

    title: frozenset[str]
    keywords: frozenset[str]
    body: frozenset[str]


@dataclass(frozen=True)
class Hit:
    item: KnowledgeItem
    score: float
    item_id: int = 0  # the store's number for it, to open it or link it to a registration


KEYWORD_WEIGHT = 3.0
TITLE_WEIGHT = 2.0
BODY_WEIGHT = 1.0
SOURCE_ORDER = (Source.VAC, Source.PRODUCT, Source.COLLEAGUE)  # on an equal score


@dataclass(frozen=True)
class Query:
    """What the agent typed, as stems: the whole words, and the word still
    being typed (its possible beginnings: as typed, and as a stem), if any."""

    words: tuple[str, ...]
    beginning: tuple[str, ...] = ()

    def __bool__(self) -> bool:
        return bool(self.words or self.beginning)


_FIELDS = ((KEYWORD_WEIGHT, "keywords"), (TITLE_WEIGHT, "title"), (BODY_WEIGHT, "body"))


def score(query: Query, stems: Stems) -> float:
    """How well an item fits: for each word the weight of the best field it
    is in, and the same for the word being typed (as the beginning of a
    stem); 0 when any of them is in no field (every word must be found)."""
    total = 0.0
    for word in query.words:
        found = max((weight for weight, name in _FIELDS if word in getattr(stems, name)), default=0.0)
        if not found:
            return 0.0
        total += found
    if query.beginning:
        found = max((weight for weight, name in _FIELDS if _begins(query.beginning, getattr(stems, name))), default=0.0)
        if not found:
            return 0.0
        total += found
    return total


def _begins(beginnings: tuple[str, ...], field: frozenset[str]) -> bool:
    return any(stem.startswith(beginning) for stem in field for beginning in beginnings)


def rank(query: Query, candidates: Iterable[tuple[int, KnowledgeItem, Stems]], limit: int = 20) -> list[Hit]:
    """The candidates that fit, best first; on an equal score answers before
    products before colleagues, then by title: the same order on every database."""
    hits = [Hit(item, fit, item_id) for item_id, item, stems in candidates if (fit := score(query, stems)) > 0]
    hits.sort(key=lambda hit: (-hit.score, SOURCE_ORDER.index(hit.item.source), hit.item.title.casefold(), hit.item_id))
    return hits[:limit]


def grouped(hits: Sequence[Hit]) -> list[tuple[Source, list[Hit]]]:
    """The hits by source, the group with the best hit first; within a group the ranked order."""
    groups: dict[Source, list[Hit]] = {}
    for hit in hits:
        groups.setdefault(hit.item.source, []).append(hit)
    return list(groups.items())
