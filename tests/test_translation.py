"""The Dutch translation is complete and follows the language rule; the
shipped call scripts say what they show on screen in English too."""

import re
import tomllib
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

from kccdesk import resource_path
from kccdesk.content.language_rules import check_text, load_word_lists
from kccdesk.content.scripts import load_script, load_subject_script
from kccdesk.i18n import load_catalogue

ROOT = Path(__file__).resolve().parent.parent
KEYWORDS = {"_": None, "N_": None, "ngettext": (1, 2)}
# Trade terms that contain "klant" and stay (see the source documents), the
# word quoted as the word not to use (the script checker's finding), and the
# names of settings a supervisor types (klantinteracties_url): no one is called so.
ALLOWED = re.compile(
    r'\b(KCC|Klant ?Contact ?Centrum|KlantContactCentrum|klantreis\w*|[a-z]*klant[a-z]*_url)\b|niet "klant"',
    re.IGNORECASE,
)


def source_messages() -> set[str]:
    found = set()
    for _file, _line, message, _comments, _context in extract_from_dir(
        ROOT / "kccdesk", method_map=[("**.py", "python")], keywords=KEYWORDS
    ):
        found.add(message[0] if isinstance(message, tuple) else message)
    return found


def merged_catalogue(language: str) -> Catalog:
    """All .po files of ``language`` as one catalogue, as Babel reads them."""
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


def catalogue():
    return merged_catalogue("nl")


def test_every_source_string_has_a_dutch_translation():
    nl = catalogue()
    untranslated = sorted(
        message
        for message in source_messages()
        if (entry := nl.get(message)) is None
        or entry.fuzzy
        or not all(entry.string if isinstance(entry.string, tuple) else [entry.string])
    )
    assert untranslated == []


@pytest.mark.parametrize("language", ["nl"])
def test_the_app_reads_every_translation_as_babel_does(language):
    """The app's own quick reader of the .po files (no Babel at start) gives
    every message, singular and plural, as Babel's compiled catalogue does."""
    import gettext
    import io

    from babel.messages.mofile import write_mo

    compiled = io.BytesIO()
    write_mo(compiled, merged_catalogue(language))
    compiled.seek(0)
    babel, ours = gettext.GNUTranslations(compiled), load_catalogue(language)
    for entry in merged_catalogue(language):
        if not entry.id:
            continue
        if isinstance(entry.id, tuple):
            for n in (0, 1, 2, 7):
                assert ours.ngettext(*entry.id, n) == babel.ngettext(*entry.id, n), entry.id
        else:
            assert ours.gettext(entry.id) == babel.gettext(entry.id), entry.id
    assert ours.gettext("not a message of kccdesk") == "not a message of kccdesk"


def test_placeholders_survive_translation():
    for entry in catalogue():
        if not entry.id:
            continue
        ids = entry.id if isinstance(entry.id, tuple) else (entry.id,)
        strings = entry.string if isinstance(entry.string, tuple) else (entry.string,)
        wanted = set(re.findall(r"\{\w+\}|%\(\w+\)s", ids[0]))
        for string in strings:
            assert set(re.findall(r"\{\w+\}|%\(\w+\)s", string)) == wanted, entry.id


def test_no_resident_is_called_klant():
    """Not in the translation, the scripts, the subject scripts or the organisations."""
    texts = [ALLOWED.sub("", str(entry.string)) for entry in catalogue() if entry.id]
    files = [*resource_path("scripts").rglob("*.toml"), *resource_path("organisations").glob("*.toml")]
    assert len(files) > 3
    scripts = [ALLOWED.sub("", p.read_text(encoding="utf-8")) for p in files]
    offending = [t for t in texts + scripts if re.search(r"klant", t, re.IGNORECASE)]
    assert offending == []


def test_the_dutch_screen_has_no_diminutives():
    """ "pijltjestoetsen", "momentje": the language rule of the scripts holds for the screen too."""
    words = load_word_lists(resource_path("scripts", "taalregels.toml"))
    found = [
        finding.message
        for entry in catalogue()
        if entry.id
        for string in (entry.string if isinstance(entry.string, tuple) else (entry.string,))
        for finding in check_text(string, 0, words)
        if finding.message.startswith("diminutive")
    ]
    assert found == []


def is_subject_script(path: Path) -> bool:
    return "subject" in tomllib.loads(path.read_text(encoding="utf-8"))


def shown_texts(path: Path, language: str) -> list[str]:
    """What the screen says about a shipped script in ``language``: the titles
    of its phases and branches, its guidance and checklist items, its subject."""
    if is_subject_script(path):
        subject = load_subject_script(path, language)
        items = [item.text for phase in subject.checklist.values() for item in phase]
        return [subject.title, *items]
    script = load_script(path, language)
    texts = []
    for part in script.phases.values():
        texts += [part.title, part.guidance, *(item.text for item in part.checklist)]
        for branch in part.branches.values():
            texts += [branch.title, branch.guidance, *(item.text for item in branch.checklist)]
    return [text for text in texts if text]


SHIPPED_SCRIPTS = [
    *(p for p in sorted(resource_path("scripts").glob("*.toml")) if p.stem != "taalregels"),
    *sorted(resource_path("scripts", "onderwerpen").glob("*.toml")),
]


@pytest.mark.parametrize("path", SHIPPED_SCRIPTS, ids=lambda p: p.name)
def test_every_text_a_shipped_script_shows_on_screen_has_an_english_translation(path):
    """The English screen's side of the scripts: no title, guidance, checklist
    item or subject is left in Dutch. What the agent says stays Dutch."""
    dutch, english = shown_texts(path, "nl"), shown_texts(path, "en")
    assert len(dutch) == len(english) > 0
    untranslated = [text for text, translated in zip(dutch, english, strict=True) if text == translated]
    assert untranslated == []
    if not is_subject_script(path):
        nl, en = load_script(path, "nl"), load_script(path, "en")
        assert [p.prompts for p in nl.phases.values()] == [p.prompts for p in en.phases.values()]


def test_a_text_has_one_dutch_translation_in_all_the_files():
    """The files are merged into one catalogue, so a text translated twice
    shows only one of its translations: the other is never seen."""
    seen: dict[str, tuple[str, str]] = {}
    twice = []
    for po_file in sorted(resource_path("i18n", "nl").glob("*.po")):
        with po_file.open("rb") as fh:
            for message in read_po(fh, locale="nl"):
                if not message.id:
                    continue
                key = message.id if isinstance(message.id, str) else message.id[0]
                earlier = seen.setdefault(key, (po_file.name, str(message.string)))
                if earlier[0] != po_file.name and earlier[1] != str(message.string):
                    twice.append(f"{key!r}: {earlier[0]} {earlier[1]!r}, {po_file.name} {message.string!r}")
    assert twice == []
