"""Translations: source strings are English, Dutch is the default language.

Catalogues are kept as plain .po files, one or more per language in
resources/i18n/<language>/ (one per part of the app, so that parts can be
translated apart), merged in memory at start (``po``, a reader quick enough
for the start; Babel, the translators' tool, checks it in the tests): the
repository holds no generated binaries.
Use ``_("…")`` for every text a person reads; ``N_("…")`` marks a string for
extraction where it is translated later (module-level tables).
"""

from __future__ import annotations

import functools
import gettext

from kccdesk import resource_path
from kccdesk.i18n.po import Catalogue, read_messages

DEFAULT_LANGUAGE = "nl"
LANGUAGES = ("nl", "en")

_translations: gettext.NullTranslations = gettext.NullTranslations()
_language = "en"


@functools.cache
def load_catalogue(language: str) -> gettext.NullTranslations:
    """The translations for ``language``; English (the source strings) for
    "en". Read once a process: the start sets the language twice."""
    if language == "en":
        return gettext.NullTranslations()
    return Catalogue(*read_messages(sorted(resource_path("i18n", language).glob("*.po"))))


def set_language(language: str) -> None:
    global _translations, _language
    if language not in LANGUAGES:
        raise ValueError(f"unknown language {language!r}; choose one of {', '.join(LANGUAGES)}")
    _translations = load_catalogue(language)
    _language = language


def current_language() -> str:
    return _language


def _(message: str) -> str:
    return _translations.gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    return _translations.ngettext(singular, plural, n)


def N_(message: str) -> str:
    """Mark for extraction only; translate with _() where it is shown."""
    return message
