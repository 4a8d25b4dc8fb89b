"""Splitting a Dutch name as written ("Anna van der Meer") into its parts."""

from __future__ import annotations

PREFIXES = frozenset(
    {"van", "de", "der", "den", "het", "'t", "ter", "ten", "te", "in", "op", "el", "al", "la", "le", "von", "du", "da"}
)


def split_name(name: str) -> tuple[str, str, str]:
    """(given name, surname prefix, surname). The first word is the given
    name, the lower-case words after it that are prefixes the prefix, the
    rest the surname. One word is a surname."""
    words = name.split()
    if len(words) <= 1:
        return "", "", " ".join(words)
    given, rest = words[0], words[1:]
    prefix: list[str] = []
    while len(rest) > 1 and rest[0].lower() in PREFIXES:
        prefix.append(rest.pop(0).lower())
    return given, " ".join(prefix), " ".join(rest)
