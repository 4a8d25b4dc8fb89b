"""Reading the subject list, a UPL CSV (resources/subjects/upl.csv, or the
municipality's newer download with the same columns)."""

from __future__ import annotations

import csv
from collections.abc import Iterable
from pathlib import Path

from kccdesk import resource_path
from kccdesk.content.toml_lines import FileProblem
from kccdesk.core.subjects import SOCIAL_DOMAIN_LAWS, Subject, SubjectList

REQUIRED_COLUMNS = ("UniformeProductnaam", "URI")


class SubjectListError(FileProblem):
    """The list of subjects (a UPL CSV) cannot be used."""


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


def configured_subjects(subjects_file: str) -> SubjectList:
    """The subject list the settings name (``[registration] subjects_file``),
    or the UPL shipped with kccdesk when they name none."""
    return load_subjects(Path(subjects_file) if subjects_file else resource_path("subjects", "upl.csv"))
