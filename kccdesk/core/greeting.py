"""How the agent greets and addresses the caller."""

from __future__ import annotations

import enum
from datetime import time


def greeting(at: time) -> str:
    """Goedemorgen before 12:00, Goedemiddag until 18:00, Goedenavond after.

    A greeting is never "Goedenacht" (that is said when parting), so the
    morning greeting covers the small hours too.
    """
    if at < time(12, 0):
        return "Goedemorgen"
    if at < time(18, 0):
        return "Goedemiddag"
    return "Goedenavond"


class Salutation(enum.Enum):
    MEVROUW = "mevrouw"
    MENEER = "meneer"
    NONE = ""  # unknown or not wished: address by full name


def addressed_name(salutation: Salutation, surname: str, surname_prefix: str = "", given_name: str = "") -> str:
    """The caller's name as the agent says it: "mevrouw De Vries".

    After mevrouw/meneer the prefix (tussenvoegsel) starts with a capital;
    without a salutation the full name is used as written: "Sam de Vries".
    """
    surname = " ".join(surname.split())
    prefix = " ".join(surname_prefix.split())
    given = " ".join(given_name.split())
    if salutation is not Salutation.NONE and surname:
        family = f"{prefix[:1].upper()}{prefix[1:]} {surname}" if prefix else surname
        return f"{salutation.value} {family}"
    return " ".join(part for part in (given, prefix, surname) if part)
