"""Language rules for the Dutch text of call scripts and of the directory of
organisations: no "klant" for a resident, no abbreviations (in capitals, in
mixed case such as "KvK" or "Wmo", or without vowels such as "Wlz"), no
diminutives ("pasje", "vraagje", "momentje"), no doubt or stop words, short
sentences (B1). Findings are warnings with the line they are on."""

from __future__ import annotations

import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from kccdesk.i18n import _

_ALLOWED_KLANT = re.compile(r"Klant Contact Centrum|klantreis", re.IGNORECASE)
_KLANT = re.compile(r"\bklant(en)?\b", re.IGNORECASE)
_WORD = re.compile(r"\b[^\W\d_]+\b")
# -je after b d f g k p s t (pasje, vraagje, briefje, kopje, momentje), also
# in the plural and at the front of a compound (pijltjestoets).
_DIMINUTIVE = re.compile(r"\b\w{2,}[bdfgkpst]je(?:s\w*)?\b", re.IGNORECASE)
_VOWELS = set("aeiouyáéíóúäëïöüèàâêîôû")
_SENTENCE_END = re.compile(r"[.?!]")


@dataclass(frozen=True)
class WordLists:
    doubt_words: tuple[str, ...]
    stop_words: tuple[str, ...]
    not_diminutives: tuple[str, ...]
    allowed_abbreviations: tuple[str, ...]
    max_sentence_words: int
    full_names: Mapping[str, str] = field(default_factory=dict)  # abbreviation -> what to write in full


@dataclass(frozen=True)
class Finding:
    line: int
    message: str


def load_word_lists(path: Path, organisations: Mapping[str, str] | None = None) -> WordLists:
    """The word lists of ``path``; ``organisations``: the directory's
    abbreviations with their full names, known as the file's own are."""
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    return WordLists(
        doubt_words=tuple(data["doubt_words"]),
        stop_words=tuple(data["stop_words"]),
        not_diminutives=tuple(w.lower() for w in data["not_diminutives"]),
        allowed_abbreviations=tuple(data["allowed_abbreviations"]),
        max_sentence_words=int(data["max_sentence_words"]),
        full_names={**data.get("abbreviations", {}), **(organisations or {})},
    )


def abbreviations(text: str, words: WordLists) -> list[str]:
    """The words of ``text`` that are abbreviations: a known one in any case,
    else a word with a capital after its first letter ("UWV", "KvK"; the
    capital IJ counts as one letter) or a capitalised word without a vowel
    ("Wlz", "Dhr")."""
    known = {abbreviation.casefold() for abbreviation in words.full_names}
    found = []
    for word in _WORD.findall(text):
        if word in words.allowed_abbreviations:
            continue
        rest = word[2:] if word.startswith("IJ") else word[1:]
        mixed = any(letter.isupper() for letter in rest)
        unspeakable = word[0].isupper() and len(word) > 1 and not _VOWELS.intersection(word.lower())
        if word.casefold() in known or mixed or unspeakable:
            found.append(word)
    return found


def check_text(text: str, line: int, words: WordLists) -> list[Finding]:
    """Findings for one piece of script text that starts on ``line``."""
    findings: list[Finding] = []
    plain = re.sub(r"\{[a-z_]+\}", "", text).replace("[", "").replace("]", "")
    if _KLANT.search(_ALLOWED_KLANT.sub("", plain)):
        findings.append(Finding(line, _('say "inwoner" or "ondernemer", not "klant"')))
    full_names = {abbreviation.casefold(): name for abbreviation, name in words.full_names.items()}
    for abbreviation in abbreviations(plain, words):
        name = full_names.get(abbreviation.casefold())
        message = (
            _('write "{name}" in full, not "{abbreviation}"').format(name=name, abbreviation=abbreviation)
            if name
            else _('abbreviation "{abbreviation}": write it in full').format(abbreviation=abbreviation)
        )
        findings.append(Finding(line, message))
    for word in _DIMINUTIVE.findall(plain):
        if word.lower() not in words.not_diminutives:
            findings.append(Finding(line, _('diminutive "{word}"').format(word=word)))
    for label, listed in ((_('doubt word "{word}"'), words.doubt_words), (_('stop word "{word}"'), words.stop_words)):
        for word in listed:
            if re.search(rf"\b{re.escape(word)}\b", plain, re.IGNORECASE):
                findings.append(Finding(line, label.format(word=word)))
    for sentence in _SENTENCE_END.split(plain):
        count = len(sentence.split())
        if count > words.max_sentence_words:
            findings.append(
                Finding(
                    line,
                    _("sentence of {count} words; B1 keeps to {most}").format(
                        count=count, most=words.max_sentence_words
                    ),
                )
            )
    return findings
