"""The subject list a registration is classified against: the government's
Uniforme Productnamenlijst (UPL), with each product's URI.

A copy ships in ``resources/subjects/upl.csv``; a municipality may replace it
with a newer download of the same list (same columns). A subject is in the
social domain when one of its legal bases is the Participatiewet, the Wmo or
the Jeugdwet: for those the KCC norm is 85 % handled directly instead of 60 %.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from kccdesk.core.toml_lines import FileProblem

SOCIAL_DOMAIN_LAWS = ("Participatiewet", "Wet maatschappelijke ondersteuning", "Jeugdwet")
REQUIRED_COLUMNS = ("UniformeProductnaam", "URI")


class SubjectListError(FileProblem):
    """The list of subjects (a UPL CSV) cannot be used."""


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


def load_subjects(path: Path) -> SubjectList:
    """Read a UPL CSV. Raises SubjectListError with a plain reason."""
    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            reader = csv.DictReader(handle)
            missing = [c for c in REQUIRED_COLUMNS if c not in (reader.fieldnames or ())]
            if missing:
                raise SubjectListError(path, f"missing column(s): {', '.join(missing)}")
            return SubjectList(_subjects(reader))
    except (OSError, UnicodeDecodeError, csv.Error) as exc:
        raise SubjectListError(path, str(exc)) from exc


def _subjects(rows: Iterable[dict[str, str]]) -> Iterable[Subject]:
    seen: set[str] = set()
    for row in rows:
        name = (row.get("UniformeProductnaam") or "").strip()
        uri = (row.get("URI") or "").strip()
        if not name or not uri or name.casefold() in seen:
            continue
        seen.add(name.casefold())
        yield Subject(
            name=name,
            uri=uri,
            social_domain=_social(row.get("Grondslaglabel") or ""),
            municipal=_marked(row, "Gemeente"),
            for_residents=_marked(row, "Burger"),
            for_businesses=_marked(row, "Bedrijf"),
        )


def _marked(row: dict[str, str], column: str) -> bool:
    return (row.get(column) or "").strip().upper() == "X"


def _social(bases: str) -> bool:
    return any(law in bases for law in SOCIAL_DOMAIN_LAWS)


def social_domain_names(subjects: Sequence[Subject]) -> list[str]:
    return [s.name for s in subjects if s.social_domain]
