"""The subject list's products in the search: every municipal product can
be found, also without the municipality's own text, and that text, once
imported, is never overwritten by the list."""

from __future__ import annotations

from datetime import datetime

from kccdesk.content.subjects import configured_subjects
from kccdesk.core.clock import ManualClock
from kccdesk.core.knowledge import Source
from kccdesk.knowledge.products import add_products
from kccdesk.services.knowledge import Knowledge
from kccdesk.store.knowledge import counts


def test_the_lists_products_are_found_and_the_municipalitys_text_stays(db, tmp_path) -> None:
    knowledge = Knowledge(db, ManualClock(datetime(2026, 11, 23, 10).astimezone()))
    own = tmp_path / "product.csv"
    own.write_text("product,tekst\npaspoort,Op afspraak bij de balie Burgerzaken.\n", encoding="utf-8")
    knowledge.import_file(own, Source.PRODUCT)
    subjects = configured_subjects("")
    added = add_products(db, subjects)
    assert added == 444  # the municipal products for residents or businesses (445), but the one imported
    assert counts(db)[Source.PRODUCT] == 445
    assert add_products(db, subjects) == 0  # the next start adds nothing
    [grofvuil, *_rest] = [hit.item for hit in knowledge.search("grofvuil ") if hit.item.source is Source.PRODUCT]
    assert (grofvuil.title, grofvuil.body) == ("afvalinzameling grofvuil", "")
    [paspoort] = [hit.item for hit in knowledge.search("paspoort ") if hit.item.title == "paspoort"]
    assert paspoort.body == "Op afspraak bij de balie Burgerzaken."  # not replaced by the list's empty one
    assert not any(
        hit.item.title == "aanpassing zelfgebouwd vliegtuig melding" for hit in knowledge.search("vliegtuig ")
    )
