"""Language rules for call-script text: no "klant" for a resident, no
abbreviations, no diminutives, no doubt or stop words, short sentences (B1).
Findings are warnings with the line they are on."""

from __future__ import annotations

import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from kccdesk.i18n import _

_ALLOWED_KLANT = re.compile(r"Klant Contact Centrum|klantreis", re.IGNORECASE)
_KLANT = re.compile(r"\bklant(en)?\b", re.IGNORECASE)
_ABBREVIATION = re.compile(r"\b[A-Z]{2,}\b")
_DIMINUTIVE = re.compile(r"\b\w{2,}[tpk]jes?\b", re.IGNORECASE)
_SENTENCE_END = re.compile(r"[.?!]")


@dataclass(frozen=True)
class WordLists:
    doubt_words: tuple[str, ...]
    stop_words: tuple[str, ...]
    not_diminutives: tuple[str, ...]
    allowed_abbreviations: tuple[str, ...]
    max_sentence_words: int
    full_names: Mapping[str, str] = field(default_factory=dict)  # abbreviation -> organisation's full name


@dataclass(frozen=True)
class Finding:
    line: int
    message: str


def load_word_lists(path: Path) -> WordLists:
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    return WordLists(
        doubt_words=tuple(data["doubt_words"]),
        stop_words=tuple(data["stop_words"]),
        not_diminutives=tuple(w.lower() for w in data["not_diminutives"]),
        allowed_abbreviations=tuple(data["allowed_abbreviations"]),
        max_sentence_words=int(data["max_sentence_words"]),
    )


def check_text(text: str, line: int, words: WordLists) -> list[Finding]:
    """Findings for one piece of script text that starts on ``line``."""
    findings: list[Finding] = []
    plain = re.sub(r"\{[a-z_]+\}", "", text).replace("[", "").replace("]", "")
    if _KLANT.search(_ALLOWED_KLANT.sub("", plain)):
        findings.append(Finding(line, _('say "inwoner" or "ondernemer", not "klant"')))
    for abbreviation in _ABBREVIATION.findall(plain):
        if abbreviation in words.full_names:
            findings.append(
                Finding(
                    line,
                    _('write "{name}" in full, not "{abbreviation}"').format(
                        name=words.full_names[abbreviation], abbreviation=abbreviation
                    ),
                )
            )
        elif abbreviation not in words.allowed_abbreviations:
            findings.append(
                Finding(
                    line, _('write the organisation in full, not "{abbreviation}"').format(abbreviation=abbreviation)
                )
            )
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
