"""``kccdesk knowledge import FILE.csv``: answers, products or colleagues from a file.

A header row, UTF-8, separated by commas or semicolons (as a spreadsheet
saves it). The columns, by source:

- answers (``vac``, the default): ``vraag`` and ``antwoord`` required;
  ``trefwoorden`` (separated by ``;``), ``afdeling``, ``link`` (http or https)
  and ``geldig_tot`` (YYYY-MM-DD: not shown after that day) optional;
- products (``product``): ``product`` required (its name in the subject
  list); ``tekst``, ``trefwoorden``, ``afdeling`` and ``link`` optional;
- colleagues (``colleague``): ``naam`` required; ``afdeling``, ``functie``,
  ``telefoon``, ``behandelt`` (what they handle) and ``trefwoorden`` optional.

Each row is checked on its own: a bad row is reported with its line and
reason, the good rows are imported. A row is known again by its question,
product or name (and department), so importing the same file again adds
nothing; a changed answer replaces the old one.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from html.parser import HTMLParser
from pathlib import Path
from typing import TYPE_CHECKING

from kccdesk.core.knowledge import KnowledgeItem, Source, Stems
from kccdesk.i18n import _
from kccdesk.knowledge.words import fold, stem_set
from kccdesk.store.db import Database
from kccdesk.store.knowledge import store_items

if TYPE_CHECKING:
    from _csv import Reader

_MANGLED = re.compile("[\udc80-\udcff]")  # bytes that were not UTF-8, kept by surrogateescape
_SPACES = re.compile(r"\s+")


class KnowledgeFileError(Exception):
    """The file as a whole cannot be imported (unreadable, no usable header)."""


@dataclass(frozen=True)
class BadRow:
    line: int
    reason: str


@dataclass
class ImportReport:
    added: int = 0
    changed: int = 0
    unchanged: int = 0
    bad: list[BadRow] = field(default_factory=list)


Row = dict[str, str]


@dataclass(frozen=True)
class _Layout:
    required: tuple[str, ...]  # other columns are read where the source has them, or ignored
    make: Callable[[Row], KnowledgeItem]


def import_file(db: Database, path: Path, source: Source = Source.VAC) -> ImportReport:
    try:
        data = path.read_bytes()
    except OSError as error:
        raise KnowledgeFileError(
            _("{path} cannot be read: {reason}").format(path=path, reason=error.strerror or error)
        ) from None
    report = ImportReport()
    rows = parse(data, source)  # the header checked here, before anything is stored
    taken = 0

    def good() -> Iterator[tuple[KnowledgeItem, Stems]]:  # each row as it is read, stored a chunk at a time
        nonlocal taken
        for entry in rows:
            if isinstance(entry, BadRow):
                report.bad.append(entry)
            else:
                taken += 1
                yield entry, indexed(entry)

    lines = max(data.count(b"\n"), data.count(b"\r"))  # rows at most, whichever way the lines end
    report.added, report.changed = store_items(db, good(), expected=lines)
    report.unchanged = taken - report.added - report.changed
    return report


def indexed(item: KnowledgeItem) -> Stems:
    """The item's words as the search compares them (its department and a
    colleague's role count as its text)."""
    body = plain_text(item.body) if "<" in item.body else item.body
    text = stem_set(f"{body} {item.department} {item.role}")
    return Stems(tuple(sorted(stem_set(item.title))), _keyword_stems(item.keywords), tuple(sorted(text)))


@lru_cache(maxsize=4096)
def _keyword_stems(keywords: tuple[str, ...]) -> tuple[str, ...]:
    """The stems of keywords many items share, sorted: made once."""
    return tuple(sorted(stem_set(" ".join(keywords))))


def parse(data: bytes, source: Source) -> Iterator[KnowledgeItem | BadRow]:
    """Each row of the file, checked: an item to store or the reason it is
    bad. The header is checked at once (KnowledgeFileError), the rows as
    they are taken."""
    layout = _LAYOUTS[source]
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        data.decode("utf-8")  # checked once for the whole file: most files are UTF-8
        mangled = None
    except UnicodeDecodeError:
        mangled = _MANGLED  # then row by row
    first_line = re.split(rb"[\r\n]", data, maxsplit=1)[0]
    # Read as the rows are taken: the text is never all in memory at once
    # (as one string a letter may take four bytes).
    text = io.TextIOWrapper(io.BytesIO(data), encoding="utf-8", errors="surrogateescape", newline="")
    reader = csv.reader(text, delimiter=";" if first_line.count(b";") > first_line.count(b",") else ",")
    try:
        header = [column.strip().lower() for column in next(reader)]
    except StopIteration:
        raise KnowledgeFileError(_("the file is empty: it needs a header row")) from None
    missing = [column for column in layout.required if column not in header]
    if missing:
        raise KnowledgeFileError(_("the header row lacks the column(s): {columns}").format(columns=", ".join(missing)))
    return _rows(reader, header, layout, mangled)


def _rows(
    reader: Reader, header: list[str], layout: _Layout, mangled: re.Pattern[str] | None
) -> Iterator[KnowledgeItem | BadRow]:
    seen: dict[str, int] = {}
    line = reader.line_num
    while True:
        start = line + 1
        try:
            values = next(reader)
        except StopIteration:
            return
        except csv.Error as error:
            yield BadRow(start, _("not a valid CSV row: {reason}").format(reason=error))
            return
        line = reader.line_num
        if not "".join(values).strip():
            continue
        if len(values) > len(header):
            yield BadRow(start, _("more values than columns in the header"))
            continue
        if mangled is not None and mangled.search("".join(values)):
            yield BadRow(start, _("the row is not UTF-8 text (save the file as UTF-8)"))
            continue
        row = {name: value.strip() for name, value in zip(header, values, strict=False)}
        try:
            item = layout.make(row)
        except ValueError as error:
            yield BadRow(start, str(error))
            continue
        if item.key in seen:
            yield BadRow(start, _("the same as line {line}").format(line=seen[item.key]))
            continue
        seen[item.key] = start
        yield item


def plain_text(body: str) -> str:
    """An answer's text without its markup (for the search and a terminal)."""
    parser = _TextOnly()
    parser.feed(body)
    parser.close()
    return _SPACES.sub(" ", " ".join(parser.parts)).strip()


class _TextOnly(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []

    def handle_data(self, data: str) -> None:
        self.parts.append(data)


def _needed(row: Row, column: str, missing: Callable[[], str]) -> str:
    value = row.get(column, "")
    if not value:
        raise ValueError(missing())
    return value


def _link(row: Row) -> str:
    link = row.get("link", "")
    if link and not re.match(r"^https?://\S+$", link, re.IGNORECASE):
        raise ValueError(_("the link {value} is not an http or https address").format(value=link))
    return link


def _keywords(row: Row) -> tuple[str, ...]:
    value = row.get("trefwoorden", "")
    return tuple(word for word in map(str.strip, value.split(";")) if word) if value else ()


def _valid_until(row: Row) -> date | None:
    value = row.get("geldig_tot", "")
    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise ValueError(_("the date {value} is not like 2026-12-31").format(value=value)) from None


def item_key(*parts: str) -> str:
    """How an item is known again in its source: its question, product or name (and department), folded."""
    return " ".join(fold(" ".join(parts)).split())[:255]


def _answer(row: Row) -> KnowledgeItem:
    question = _needed(row, "vraag", lambda: _("the question is missing"))
    return KnowledgeItem(
        source=Source.VAC,
        key=item_key(question),
        title=question,
        body=_needed(row, "antwoord", lambda: _("the answer is missing")),
        keywords=_keywords(row),
        department=row.get("afdeling", ""),
        link=_link(row),
        valid_until=_valid_until(row),
    )


def _product(row: Row) -> KnowledgeItem:
    name = _needed(row, "product", lambda: _("the product is missing"))
    return KnowledgeItem(
        source=Source.PRODUCT,
        key=item_key(name),
        title=name,
        body=row.get("tekst", ""),
        keywords=_keywords(row),
        department=row.get("afdeling", ""),
        link=_link(row),
    )


def _colleague(row: Row) -> KnowledgeItem:
    name = _needed(row, "naam", lambda: _("the name is missing"))
    department = row.get("afdeling", "")
    return KnowledgeItem(
        source=Source.COLLEAGUE,
        key=item_key(name, department),
        title=name,
        body=row.get("behandelt", ""),
        keywords=_keywords(row),
        department=department,
        phone=row.get("telefoon", ""),
        role=row.get("functie", ""),
    )


_LAYOUTS = {
    Source.VAC: _Layout(("vraag", "antwoord"), _answer),
    Source.PRODUCT: _Layout(("product",), _product),
    Source.COLLEAGUE: _Layout(("naam",), _colleague),
}
