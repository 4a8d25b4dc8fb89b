"""The directory of organisations the KCC refers callers to: always named in
full, with their phone number and website."""

from __future__ import annotations

from dataclasses import dataclass


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
