"""The directory of organisations the KCC refers callers to: always named in
full, with their phone number and website."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from kccdesk.core.toml_lines import FileProblem, line_of, read_toml
from kccdesk.i18n import _


class DirectoryError(FileProblem):
    """The directory of organisations cannot be used, and why."""


@dataclass(frozen=True)
class Organisation:
    name: str  # the full name, never an abbreviation
    spoken: str  # the name as said in a sentence ("de Belastingdienst")
    phone: str = ""
    website: str = ""
    abbreviation: str = ""  # only to recognise it where it should not be used

    @property
    def summary(self) -> str:
        return " · ".join(part for part in (self.name, self.phone, self.website) if part)


class Directory:
    def __init__(self, organisations: list[Organisation]) -> None:
        self.organisations = tuple(sorted(organisations, key=lambda o: o.name.casefold()))

    def find(self, text: str) -> Organisation | None:
        """The organisation by its full name, or by its abbreviation."""
        wanted = text.strip().casefold()
        return next(
            (o for o in self.organisations if wanted in (o.name.casefold(), o.abbreviation.casefold()) and wanted),
            None,
        )

    @property
    def abbreviations(self) -> dict[str, str]:
        return {o.abbreviation: o.name for o in self.organisations if o.abbreviation}


def load_directory(path: Path) -> Directory:
    text, data = read_toml(path, DirectoryError)
    entries = data.get("organisation", [])
    if not isinstance(entries, list):
        raise DirectoryError(path, _("the directory needs [[organisation]] tables"))
    organisations = []
    for index, entry in enumerate(entries):
        line = _entry_line(text, index)
        if not isinstance(entry, dict) or not isinstance(entry.get("name"), str) or not entry["name"].strip():
            raise DirectoryError(path, _("an organisation has no name"), line)
        values = {key: entry.get(key, "") for key in ("phone", "website", "abbreviation")}
        if any(not isinstance(value, str) for value in values.values()):
            raise DirectoryError(path, _("phone, website and abbreviation must be text"), line)
        name = entry["name"].strip()
        if values["abbreviation"] and name.upper() == name:
            raise DirectoryError(path, _("{name!r} is an abbreviation: write the name in full").format(name=name), line)
        organisations.append(Organisation(name=name, spoken=str(entry.get("spoken") or name), **values))
    return Directory(organisations)


def _entry_line(text: str, index: int) -> int | None:
    lines = [n for n, line in enumerate(text.splitlines(), 1) if line.strip() == "[[organisation]]"]
    return lines[index] if index < len(lines) else line_of(text, "organisation")
