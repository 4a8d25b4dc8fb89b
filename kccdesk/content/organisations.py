"""Reading the directory of organisations (resources/organisations/organisaties.toml):
each organisation by its full name, never an abbreviation."""

from __future__ import annotations

from pathlib import Path

from kccdesk.content.toml_lines import FileProblem, line_of, read_toml
from kccdesk.core.organisations import Directory, Organisation
from kccdesk.i18n import _


class DirectoryError(FileProblem):
    """The directory of organisations cannot be used, and why."""


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
