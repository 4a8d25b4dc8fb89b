"""Words made comparable for the knowledge search: accents folded, lower
case, Dutch endings taken off by the Snowball stemmer for Dutch, so that
``paspoorten`` and ``Paspoort`` meet, and ``verhuizing`` meets ``verhuizen``.

The same stemmer makes the stems that are stored and the stems of what the
agent types; every database searches these stems, so SQLite and PostgreSQL
find the same.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache
from typing import Any, cast

from kccdesk.core.knowledge import Query

_WORD = re.compile(r"[0-9a-z]+")
_MARKS = re.compile("[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")  # combining marks
# Words too common to tell answers apart; a question typed in full ("hoe vraag
# ik een paspoort aan") is then searched by what it is about.
STOP_WORDS = frozenset((
    "de", "het", "een", "en", "of", "van", "voor", "in", "op", "aan", "met", "bij", "te", "tot", "om", "over",
    "uit", "naar", "door", "als", "dan", "dat", "die", "dit", "deze", "ik", "je", "jij", "u", "uw", "mijn", "mij",
    "we", "wij", "ze", "zij", "hij", "zijn", "haar", "hun", "is", "ben", "bent", "was", "wordt", "worden", "kan",
    "kun", "kunt", "moet", "wil", "hoe", "wat", "wie", "waar", "wanneer", "welke", "er", "niet", "geen", "ook",
    "nog", "wel", "al",
))  # fmt: skip


def fold(text: str) -> str:
    """Lower case, without accents: "Één Café" -> "een cafe"."""
    folded = text.casefold()
    if folded.isascii():
        return folded
    return _MARKS.sub("", unicodedata.normalize("NFKD", folded))


def stem_set(text: str) -> set[str]:
    """The text's stems once each (what an item's field is searched by).

    The text is cut at its spaces and each different piece (a word,
    perhaps with a comma or a bracket) made into stems once: a large import
    repeats the same pieces millions of times, so nearly all are looked up,
    and set operations do the rest without a step per word. A piece of one
    stem (most) is kept as that stem, of none (a common word) as "", of
    more ("id-kaart") as a set of them."""
    pieces = fold(text).split()
    kept = _PIECES
    found: set[object] = set(map(kept.get, pieces))
    if None in found:  # pieces not seen before
        found.discard(None)
        for piece in set(pieces).difference(kept):
            made = _piece_stems(piece)
            if len(kept) < _KEPT_STEMS:
                kept[piece] = made
                if isinstance(made, frozenset):
                    _MORE.add(made)
            if isinstance(made, frozenset):
                found |= made
            else:
                found.add(made)
    if not found.isdisjoint(_MORE):
        for more in found & _MORE:
            found.discard(more)
            found |= more  # type: ignore[arg-type]  # each a frozenset of stems
    found.discard("")
    return cast(set[str], found)


def _piece_stems(piece: str) -> str | frozenset[str]:
    stems = {_stem(word) for word in _WORD.findall(piece) if word not in STOP_WORDS}
    if len(stems) > 1:
        return frozenset(stems)
    return stems.pop() if stems else ""


def query(text: str) -> Query:
    """What the agent typed, as a query: its whole words as stems, and the
    last word, when no space follows it yet, as a beginning (as typed and
    as a stem: "paspo" is no word yet, "paspoorten" is one in full); a
    single letter after whole words waits for the next."""
    words = _WORD.findall(fold(text))
    typing = bool(words) and not text[-1:].isspace()
    whole = [_stem(word) for word in (words[:-1] if typing else words) if word not in STOP_WORDS]
    beginning: tuple[str, ...] = ()
    if typing and words[-1] not in STOP_WORDS and (len(words[-1]) > 1 or not whole):
        typed = words[-1]
        # The stemmer ends a stem in s and f where the word has z and v (verhuizen: verhuis).
        spelled = typed[:-1] + {"z": "s", "v": "f"}.get(typed[-1], typed[-1])
        beginning = tuple(dict.fromkeys((typed, _stem(typed), spelled)))
    return Query(tuple(dict.fromkeys(whole)), beginning)


_STEMS: dict[str, str] = {}  # every word stemmed so far, up to _KEPT_STEMS: a text repeats them
_PIECES: dict[str, str | frozenset[str]] = {}  # the pieces of text between spaces made into stems so far
_MORE: set[frozenset[str]] = set()  # the pieces' stems that are more than one
_KEPT_STEMS = 200_000


def _stem(word: str) -> str:
    if word.isdigit():
        return word
    stem = _STEMS.get(word)
    if stem is None:
        stem = str(_dutch().stemWord(word))
        if len(_STEMS) < _KEPT_STEMS:
            _STEMS[word] = stem
    return stem


@cache
def _dutch() -> Any:
    """Snowball's Dutch stemmer, loaded at the first word (the package loads
    all its languages: some 20 ms, not on the way to the first frame)."""
    import snowballstemmer

    return snowballstemmer.stemmer("dutch")
