"""The products of the subject list (the UPL) as knowledge: every product a
municipality provides to residents or businesses can be found by the search,
also before the municipality has written its own text for it (imported with
``kccdesk knowledge import --source product``, which then takes its place)."""

from __future__ import annotations

from kccdesk.core.knowledge import KnowledgeItem, Source
from kccdesk.core.subjects import SubjectList
from kccdesk.knowledge.files import indexed, item_key
from kccdesk.store.db import Database
from kccdesk.store.knowledge import store_items, stored_keys


def add_products(db: Database, subjects: SubjectList) -> int:
    """Add the subject list's municipal products the store does not have yet
    (a product already there, with or without its text, stays as it is); how many were added."""
    known = stored_keys(db, Source.PRODUCT)
    missing = [
        KnowledgeItem(Source.PRODUCT, key, subject.name, "")
        for subject in subjects.subjects
        if subject.municipal and (subject.for_residents or subject.for_businesses)
        and (key := item_key(subject.name)) not in known
    ]  # fmt: skip
    if not missing:
        return 0
    added, _changed = store_items(db, [(item, indexed(item)) for item in missing], keep_stored=True)
    return added
