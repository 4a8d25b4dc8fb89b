"""Knowledge at hand for the agent: search as you type over the answers,
products and colleagues in the store, and files imported into it.

Searching asks the store for the items that have every word (its full-text
search) and ranks them the one way ``kccdesk.core.knowledge`` does; a query
costs a few milliseconds at 100,000 answers, so the view asks at every key.
"""

from __future__ import annotations

import gc
import logging
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from kccdesk.core.clock import Clock
from kccdesk.core.knowledge import FROM_OBJECTS, Hit, KnowledgeItem, Source, rank
from kccdesk.core.registration import ANSWER, PRODUCT, SubjectObject
from kccdesk.core.subjects import SubjectList
from kccdesk.knowledge.words import query
from kccdesk.services.registrations import Registrations
from kccdesk.store import DatabaseError
from kccdesk.store.db import Database
from kccdesk.store.knowledge import candidates, counts, items_by_id

if TYPE_CHECKING:
    from kccdesk.knowledge.files import ImportReport

log = logging.getLogger(__name__)

SHOWN = 20
OFFERED = 5  # answers offered by a subject
COLLEAGUES_OFFERED = 8  # for a transfer or a callback
MIN_LETTERS = 3  # of a word being typed, alone, before it is searched: two letters would find nearly everything


class Knowledge:
    def __init__(self, db: Database, clock: Clock) -> None:
        self._db = db
        self._clock = clock

    def search(self, text: str, limit: int = SHOWN, source: Source | None = None) -> list[Hit]:
        """What fits ``text`` best, best first (only ``source``'s items, when
        one is named); nothing for an empty text or one of only common words."""
        asked = query(text)
        if not asked or (not asked.words and len(asked.beginning[0]) < MIN_LETTERS):
            return []
        ranked = rank(asked, candidates(self._db, asked, self._clock.now().date(), source), limit)
        items = items_by_id(self._db, [one.item_id for one in ranked])
        return [Hit(items[one.item_id], one.score, one.item_id) for one in ranked if one.item_id in items]

    def colleagues(self, text: str) -> list[KnowledgeItem]:
        """The colleagues whose name, role or work fits ``text``, the best first (for a transfer or a callback)."""
        return [hit.item for hit in self.search(text, COLLEAGUES_OFFERED, Source.COLLEAGUE)]

    def import_file(self, path: Path, source: Source = Source.VAC) -> ImportReport:
        """A file's answers, products or colleagues into the store. A large
        file makes millions of short-lived objects and no cycles among them:
        Python's cycle collector, which would look through them hundreds of
        times, rests meanwhile (some 6 % of a 100,000-row import)."""
        from kccdesk.knowledge.files import import_file

        collecting = gc.isenabled()
        gc.disable()
        try:
            return import_file(self._db, path, source)
        finally:
            if collecting:
                gc.enable()

    def add_products(self, subjects: SubjectList) -> None:
        """The subject list's products into the search, those not there yet
        (a moment's work on the first start, a look at the keys after it)."""
        from kccdesk.knowledge.products import add_products

        try:
            added = add_products(self._db, subjects)
        except DatabaseError as error:  # the search goes on without them; the next start tries again
            log.warning("the subject list's products were not added to the knowledge: %s", error)
            return
        if added:
            log.info("%d products of the subject list added to the knowledge", added)

    def answer_text(self, item: KnowledgeItem) -> str:
        """What goes into the registration's answer field: the answer as
        plain text (a colleague: who, and how to reach them; a product
        without the municipality's text: nothing)."""
        from kccdesk.knowledge.files import plain_text

        if item.source is Source.COLLEAGUE:
            parts = (item.title, item.role, item.department, item.phone)
            return " · ".join(part for part in parts if part)
        if item.source is Source.PRODUCT:
            return plain_text(item.body)
        return plain_text(item.body) or item.title


OWN_REGISTER = "kccdesk"  # the answers and products imported from files: known by their question or name
OBJECTS_REGISTER = "objecten"  # those from the municipality's Objects API: known by the object's uuid
UPL_REGISTER = "upl"  # a product of the subject list: known by its URI there


def subject_object(item: KnowledgeItem, subjects: SubjectList) -> SubjectObject | None:
    """What the registration is linked to when the agent uses ``item``: an
    answer or a product (a colleague is nobody's subject)."""
    if item.source is Source.COLLEAGUE:
        return None
    kind = ANSWER if item.source is Source.VAC else PRODUCT
    if item.key.startswith(FROM_OBJECTS):
        return SubjectObject(kind, OBJECTS_REGISTER, "uuid", item.key.removeprefix(FROM_OBJECTS), item.title)
    known = subjects.find(item.title) if item.source is Source.PRODUCT else None
    if known is not None:
        return SubjectObject(kind, UPL_REGISTER, "uri", known.uri, item.title)
    return SubjectObject(kind, OWN_REGISTER, "vraag" if kind == ANSWER else "naam", item.title, item.title)


class Offers:
    """The answers at the call: offered by the registration's subject (once
    it is one of the subject list, typed or picked in the script, the best
    answers for it, without a search typed), and used by the agent (put into
    the registration, and linked to it)."""

    def __init__(self, knowledge: Knowledge, registrations: Registrations) -> None:
        self._knowledge = knowledge
        self._registrations = registrations
        self.subject = ""  # the subject the answers are offered for; "" for none
        self.hits: list[Hit] = []
        self._observers: list[Callable[[], None]] = []
        registrations.on_change(self._changed)

    def on_change(self, observer: Callable[[], None]) -> None:
        self._observers.append(observer)

    def use(self, item: KnowledgeItem) -> bool:
        """The answer into the registration's answer field, the answer or
        product linked to it (a product of the subject list is the
        registration's subject too, when it has none yet); False when no
        registration is open."""
        subjects = self._registrations.subjects
        product = subjects.find(item.title) if item.source is Source.PRODUCT else None
        return self._registrations.use_answer(
            self._knowledge.answer_text(item), subject_object(item, subjects), product.name if product else ""
        )

    def _changed(self) -> None:
        typed = self._registrations.entry.subject.strip() if self._registrations.facts else ""
        known = self._registrations.subjects.find(typed) if typed else None
        subject = known.name if known is not None else ""
        if subject == self.subject:
            return
        self.subject = subject
        self.hits = self._knowledge.search(subject + " ", OFFERED) if subject else []
        for observer in self._observers:
            observer()


def load_demo_set(db: Database) -> None:
    """The demo profile's answers, products and colleagues (resources/knowledge), once, into an empty store."""
    if counts(db):
        return
    from kccdesk import resource_path
    from kccdesk.knowledge.files import import_file

    import_file(db, resource_path("knowledge", "vac.csv"), Source.VAC)
    import_file(db, resource_path("knowledge", "product.csv"), Source.PRODUCT)
    import_file(db, resource_path("knowledge", "collega.csv"), Source.COLLEAGUE)
