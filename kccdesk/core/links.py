"""Quick links: the municipality's systems and forms, grouped, each opened
in the browser from a key of its own or by typing part of its name."""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class QuickLink:
    name: str
    url: str  # http, https or mailto
    group: str = ""
    key: str = ""  # its own key (Ctrl+Alt and a letter or digit), or none


def matching(links: Sequence[QuickLink], text: str) -> list[QuickLink]:
    """The links every typed word is part of (in the name or the group;
    case and accents ignored), in their own order; all of them for no text."""
    words = _folded(text).split()
    return [link for link in links if all(word in _folded(f"{link.name} {link.group}") for word in words)]


def _folded(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(char for char in decomposed if not unicodedata.combining(char))
