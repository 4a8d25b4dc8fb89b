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

from bisect import bisect_left
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum


class Source(StrEnum):
    VAC = "vac"  # a question and its answer
    PRODUCT = "product"  # a product of the subject list, with the municipality's own text
    COLLEAGUE = "colleague"  # someone in the employee directory, and what they handle


FROM_OBJECTS = "objects:"  # the key of an item from the Objects API: this, then the object's uuid


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
    """An item's words as stems, field by field: each field's stems sorted,
    once each (a search looks a word up in them by halving)."""

    title: tuple[str, ...]
    keywords: tuple[str, ...]
    body: tuple[str, ...]

    @classmethod
    def of(cls, title: Iterable[str], keywords: Iterable[str], body: Iterable[str]) -> Stems:
        return cls(tuple(sorted(set(title))), tuple(sorted(set(keywords))), tuple(sorted(set(body))))


@dataclass(frozen=True)
class Candidate:
    """What a database found for a query, enough to rank it."""

    item_id: int
    source: Source
    title: str
    stems: Stems


@dataclass(frozen=True)
class Ranked:
    item_id: int
    source: Source
    title: str
    score: float


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
        found = max((weight for weight, name in _FIELDS if _has(getattr(stems, name), word)), default=0.0)
        if not found:
            return 0.0
        total += found
    if query.beginning:
        found = max((weight for weight, name in _FIELDS if _begins(getattr(stems, name), query.beginning)), default=0.0)
        if not found:
            return 0.0
        total += found
    return total


def _has(field: tuple[str, ...], word: str) -> bool:
    at = bisect_left(field, word)
    return at < len(field) and field[at] == word


def _begins(field: tuple[str, ...], beginnings: tuple[str, ...]) -> bool:
    for beginning in beginnings:
        at = bisect_left(field, beginning)
        if at < len(field) and field[at].startswith(beginning):
            return True
    return False


def rank(query: Query, candidates: Iterable[Candidate], limit: int = 20) -> list[Ranked]:
    """The candidates that fit, best first; on an equal score answers before
    products before colleagues, then by title: the same order on every database."""
    ranked = [
        Ranked(found.item_id, found.source, found.title, fit)
        for found in candidates
        if (fit := score(query, found.stems)) > 0
    ]
    ranked.sort(key=lambda one: (-one.score, SOURCE_ORDER.index(one.source), one.title.casefold(), one.item_id))
    return ranked[:limit]


def grouped(hits: Sequence[Hit]) -> list[tuple[Source, list[Hit]]]:
    """The hits by source, the group with the best hit first; within a group the ranked order."""
    groups: dict[Source, list[Hit]] = {}
    for hit in hits:
        groups.setdefault(hit.item.source, []).append(hit)
    return list(groups.items())
