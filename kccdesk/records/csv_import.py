"""``kccdesk records import FILE.csv``: residents and businesses from a file.

The layout: a header row, UTF-8, comma-separated. Required columns ``name``
and ``phone`` (several numbers separated by ``;``); optional ``salutation``
(mevrouw, meneer or empty), ``street``, ``house_number``, ``postcode``,
``city``, ``birth_date`` (YYYY-MM-DD), ``bsn``, ``kvk``, ``email`` and
``contact_person`` (for a business: the person the agent speaks to). A row
with ``kvk`` is a business. Other columns are ignored.

Each row is checked on its own: bad rows are reported with their line number
and reason, good rows are imported. A row is known again by its KvK number,
its BSN, or else its name, first number and date of birth, so that importing
the same file twice adds nothing.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from operator import itemgetter
from pathlib import Path

import phonenumbers

from kccdesk.core.caller import CallerKind
from kccdesk.core.greeting import Salutation
from kccdesk.core.numbers import normalise
from kccdesk.i18n import _
from kccdesk.records.names import split_name
from kccdesk.store.bulk import NewParty, add_parties, existing_import_keys, page_cache
from kccdesk.store.callers import normalise_postcode
from kccdesk.store.db import Database

REQUIRED = ("name", "phone")
# The columns read, in the order _RowCheck takes them from a row.
COLUMNS = (
    *REQUIRED,
    *("salutation", "street", "house_number", "postcode", "city", "birth_date", "bsn", "kvk", "email"),
    "contact_person",
)
CHUNK = 50_000  # rows a transaction: about a second of the database's write lock
_POSTCODE = re.compile(r"^[1-9][0-9]{3} [A-Z]{2}$")
_KVK = re.compile(r"^[0-9]{8}$")
_BSN = re.compile(r"^[0-9]{9}$")
_MANGLED = re.compile("[\udc80-\udcff]")  # bytes that were not UTF-8, kept by surrogateescape
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_SALUTATIONS = frozenset(s.value for s in Salutation)


class ImportFileError(Exception):
    """The file as a whole cannot be imported (unreadable, no usable header)."""


@dataclass(frozen=True)
class BadRow:
    line: int
    reason: str


@dataclass
class ImportReport:
    added: int = 0
    already_there: int = 0
    bad: list[BadRow] = field(default_factory=list)


def import_csv(db: Database, path: Path) -> ImportReport:
    try:
        data = path.read_bytes()
    except OSError as error:
        raise ImportFileError(
            _("{path} cannot be read: {reason}").format(path=path, reason=error.strerror or error)
        ) from None
    report = ImportReport()
    pending: list[NewParty] = []
    seen: set[str] = set()
    for item in parse(data):
        if isinstance(item, BadRow):
            report.bad.append(item)
            continue
        if item.import_key in seen:
            report.already_there += 1
            continue
        seen.add(item.import_key)
        pending.append(item)
        if len(pending) >= CHUNK:
            _store(db, pending, report)
            pending = []
    _store(db, pending, report)
    with db.session() as session:
        page_cache(session, loading=False)
    return report


def _store(db: Database, parties: list[NewParty], report: ImportReport) -> None:
    if not parties:
        return
    with db.session() as session:
        page_cache(session, loading=True)
        known = existing_import_keys(session, [p.import_key for p in parties])
        new = [p for p in parties if p.import_key not in known] if known else parties
        add_parties(session, new)
    report.added += len(new)
    report.already_there += len(parties) - len(new)


def parse(data: bytes) -> Iterator[NewParty | BadRow]:
    """Each row of the file, checked: a caller to store or the reason it is bad."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    text = data.decode("utf-8", errors="surrogateescape")
    check_encoding = _MANGLED.search(text) is not None
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = [column.strip().lower() for column in next(reader)]
    except StopIteration:
        raise ImportFileError(_("the file is empty: it needs a header row")) from None
    missing = [column for column in REQUIRED if column not in header]
    if missing:
        raise ImportFileError(_("the header row lacks the column(s): {columns}").format(columns=", ".join(missing)))
    check = _RowCheck(header)
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
        joined = "".join(values)
        if not joined.strip():
            continue
        if len(values) > len(header):
            yield BadRow(start, _("more values than columns in the header"))
            continue
        if check_encoding and _MANGLED.search(joined):
            yield BadRow(start, _("the row is not UTF-8 text (save the file as UTF-8)"))
            continue
        try:
            yield check(values)
        except ValueError as error:
            yield BadRow(start, str(error))


class _RowCheck:
    """Checks a file's rows: each as a caller to store, or a ValueError with
    the reason."""

    def __init__(self, header: list[str]) -> None:
        # A row of n values (n up to the header's width) gives each column its
        # value in the last place the header names it among the first n, or
        # "" (the empty value put after every row, at place n).
        self._columns = [
            itemgetter(
                *(max((i for i, name in enumerate(header[:n]) if name == column), default=n) for column in COLUMNS)
            )
            for n in range(len(header) + 1)
        ]
        self._today = date.today()
        self._dates: dict[str, date] = {}  # the valid ones seen: dates of birth repeat

    def __call__(self, values: list[str]) -> NewParty:
        cells = [value.strip() for value in values]
        cells.append("")
        name, phone, salutation, street, house_number, postcode, city, birth_text, bsn, kvk, email, contact_person = (
            self._columns[len(values)](cells)
        )
        if not name:
            raise ValueError(_("the name is missing"))
        numbers = _numbers(phone)
        if salutation.lower() not in _SALUTATIONS:
            raise ValueError(
                _("the salutation {value} is not one of: mevrouw, meneer or empty").format(value=salutation)
            )
        birth_date = self._birth_date(birth_text) if birth_text else None
        if postcode and not _POSTCODE.match(postcode):  # as written, or written otherwise
            written = postcode
            postcode = normalise_postcode(written)
            if not _POSTCODE.match(postcode):
                raise ValueError(_("the postcode {value} is not like 1234 AB").format(value=written))
        if bsn and not _valid_bsn(bsn):
            raise ValueError(_("the BSN is not valid (9 digits that pass the eleven test)"))
        if kvk and not _KVK.match(kvk):
            raise ValueError(_("the KvK number {value} is not 8 digits").format(value=kvk))
        if email and not _EMAIL.match(email):
            raise ValueError(_("the e-mail address {value} is not valid").format(value=email))
        if kvk:
            kind, business_name, key = CallerKind.BUSINESS.value, name, f"kvk:{kvk}"
            given, prefix, surname = split_name(contact_person)
        else:
            kind, business_name = CallerKind.RESIDENT.value, ""
            key = f"bsn:{bsn}" if bsn else f"name:{name.lower()}|{numbers[0]}|{birth_text}"
            given, prefix, surname = split_name(name)
        return NewParty(
            kind,
            salutation.lower(),
            given,
            prefix,
            surname,
            business_name,
            street,
            house_number,
            postcode,
            city,
            bsn,
            kvk,
            email,
            key,
            birth_date,
            numbers,
        )

    def _birth_date(self, text: str) -> date:
        known = self._dates.get(text)
        if known is None:
            known = self._dates[text] = _birth_date(text, self._today)
        return known


def _nl_patterns() -> re.Pattern[str]:
    """Dutch 9-digit numbers that phonenumbers counts as valid (fixed line,
    mobile, VoIP, pager), from its own metadata."""
    meta = phonenumbers.PhoneMetadata.metadata_for_region("NL")
    assert meta is not None and meta.general_desc is not None
    kinds = [meta.fixed_line, meta.mobile, meta.voip, meta.pager]
    types = "|".join(f"(?:{d.national_number_pattern})" for d in kinds if d and d.national_number_pattern)
    return re.compile(f"(?=(?:{meta.general_desc.national_number_pattern})$)(?:{types})$")


_NL_VALID = _nl_patterns()
_NL_WRITTEN = re.compile(r"(?:\+31|0031|0)(\d{9})")
_SEPARATORS = str.maketrans("", "", " -().")


def valid_e164(text: str) -> str | None:
    """A valid number in E.164, or None. Dutch numbers as people write them
    take a quick way through the same metadata phonenumbers uses (an import
    of a million rows depends on it); anything else goes through normalise
    and phonenumbers' own check."""
    m = _NL_WRITTEN.fullmatch(text.translate(_SEPARATORS))
    if m and _NL_VALID.match(m.group(1)):
        return "+31" + m.group(1)
    e164 = normalise(text)
    if e164 is None or not phonenumbers.is_valid_number(phonenumbers.parse(e164)):
        return None
    return e164


def _numbers(text: str) -> tuple[str, ...]:
    raw = [part.strip() for part in text.split(";") if part.strip()]
    if not raw:
        raise ValueError(_("the phone number is missing"))
    numbers = []
    for value in raw:
        e164 = valid_e164(value)
        if e164 is None:
            raise ValueError(_("{value} is not a phone number").format(value=value))
        numbers.append(e164)
    return tuple(dict.fromkeys(numbers))


def _birth_date(text: str, today: date) -> date:
    try:
        value = date.fromisoformat(text) if _DATE.fullmatch(text) else None
    except ValueError:
        value = None
    if value is None:
        raise ValueError(_("the date of birth {value} is not a date like 1980-12-31").format(value=text))
    if value > today:
        raise ValueError(_("the date of birth {value} lies in the future").format(value=text))
    return value


def _valid_bsn(bsn: str) -> bool:
    if not _BSN.match(bsn):
        return False
    digits = [int(d) for d in bsn]
    total = sum(d * w for d, w in zip(digits[:8], range(9, 1, -1), strict=True)) - digits[8]
    return total % 11 == 0
