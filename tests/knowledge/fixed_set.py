"""A small fixed knowledge set for the stemming and ranking tests (and the
same on PostgreSQL): each answer is there to prove one rule."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from kccdesk.core.knowledge import Source
from kccdesk.knowledge.files import import_file
from kccdesk.store.db import Database

ANSWERS = """\
vraag,antwoord,trefwoorden,afdeling,link,geldig_tot
Wat kost een rijbewijs?,Een rijbewijs kost € 52. U betaalt bij de aanvraag.,rijbewijs;kosten,Burgerzaken,,
Hoe vraag ik een paspoort aan?,Maak een afspraak bij Burgerzaken en neem een pasfoto mee.,paspoort;afspraak,Burgerzaken,https://www.voorbeeldstad.nl/paspoort,
Ik ga op reis. Wat heb ik nodig?,Neem een geldig paspoort of een identiteitskaart mee.,reizen;vakantie,Burgerzaken,,
Welke papieren heb ik nodig bij een verhuizing?,U hebt alleen uw DigiD nodig.,DigiD,Burgerzaken,,
Hoe geef ik door dat ik ga verhuizen?,Geef uw nieuwe adres door op de website.,adreswijziging,Burgerzaken,,
Kan ik een oud paspoort nog gebruiken?,Een verlopen document is niet meer geldig.,verlopen,Burgerzaken,,2026-01-31
Wat is het tarief voor een café-terras?,Een terrasvergunning kost € 120 per jaar.,terras;horeca,Vergunningen,,
"""
COLLEAGUES = """\
naam,afdeling,functie,telefoon,behandelt,trefwoorden
Fatima El Amrani,Burgerzaken,medewerker burgerzaken,14 0123 toestel 210,paspoorten en verhuizingen,
"""
TODAY = date(2026, 11, 28)


def load_fixed_set(db: Database, folder: Path) -> None:
    answers, colleagues = folder / "vac.csv", folder / "collega.csv"
    answers.write_text(ANSWERS, encoding="utf-8")
    colleagues.write_text(COLLEAGUES, encoding="utf-8")
    assert not import_file(db, answers).bad
    assert not import_file(db, colleagues, Source.COLLEAGUE).bad
