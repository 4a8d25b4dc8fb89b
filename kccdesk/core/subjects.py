"""The subject list a registration is classified against: the government's
Uniforme Productnamenlijst (UPL), with each product's URI.

A copy ships in ``resources/subjects/upl.csv``; a municipality may replace it
with a newer download of the same list (same columns). A subject is in the
social domain when one of its legal bases is the Participatiewet, the Wmo or
the Jeugdwet: for those the KCC norm is 85 % handled directly instead of 60 %.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

SOCIAL_DOMAIN_LAWS = ("Participatiewet", "Wet maatschappelijke ondersteuning", "Jeugdwet")


@dataclass(frozen=True)
class Subject:
    name: str
    uri: str
    social_domain: bool = False
    municipal: bool = False  # a product of municipalities
    for_residents: bool = False
    for_businesses: bool = False


class SubjectList:
    def __init__(self, subjects: Iterable[Subject]) -> None:
        self.subjects: tuple[Subject, ...] = tuple(sorted(subjects, key=lambda s: s.name.casefold()))
        self._by_name = {s.name.casefold(): s for s in self.subjects}

    def __len__(self) -> int:
        return len(self.subjects)

    def find(self, name: str) -> Subject | None:
        """The subject with exactly this name (case ignored)."""
        return self._by_name.get(name.strip().casefold())

    def matching(self, text: str, limit: int = 20) -> list[Subject]:
        """Subjects for type-ahead: names starting with the text first, then
        names containing it; municipal products before the rest."""
        needle = text.strip().casefold()
        if not needle:
            return []
        ranked = sorted(
            (s for s in self.subjects if needle in s.name.casefold()),
            key=lambda s: (not s.name.casefold().startswith(needle), not s.municipal, s.name.casefold()),
        )
        return ranked[:limit]

    def is_social_domain(self, name: str) -> bool:
        subject = self.find(name)
        return subject is not None and subject.social_domain
