"""Translations: source strings are English, Dutch is the default language.

Catalogues are kept as plain .po files, one or more per language in
resources/i18n/<language>/ (one per part of the app, so that parts can be
translated apart), merged and compiled in memory at start (Babel): the
repository holds no generated binaries.
Use ``_("…")`` for every text a person reads; ``N_("…")`` marks a string for
extraction where it is translated later (module-level tables).
"""

from __future__ import annotations

import functools
import gettext
import io

from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

from kccdesk import resource_path

DEFAULT_LANGUAGE = "nl"
LANGUAGES = ("nl", "en")

_translations: gettext.NullTranslations = gettext.NullTranslations()
_language = "en"


@functools.cache
def load_catalogue(language: str) -> gettext.NullTranslations:
    """The translations for ``language``; English (the source strings) for
    "en". Compiled once a process: the start sets the language twice."""
    if language == "en":
        return gettext.NullTranslations()
    catalogue = merged_catalogue(language)
    buffer = io.BytesIO()
    write_mo(buffer, catalogue)
    buffer.seek(0)
    return gettext.GNUTranslations(buffer)


def merged_catalogue(language: str) -> Catalog:
    """All .po files of ``language`` as one catalogue."""
    merged = Catalog(locale=language)
    for po_file in sorted(resource_path("i18n", language).glob("*.po")):
        with po_file.open("rb") as fh:
            part = read_po(fh, locale=language)
        if not merged.plural_forms or part.plural_forms:
            merged.mime_headers = part.mime_headers
        for message in part:
            if message.id:
                merged[message.id] = message
    return merged


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
