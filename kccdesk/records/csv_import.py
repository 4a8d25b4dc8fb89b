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
from pathlib import Path

import phonenumbers

from kccdesk.core.caller import Caller, CallerKind
from kccdesk.core.greeting import Salutation
from kccdesk.core.numbers import normalise
from kccdesk.i18n import _
from kccdesk.records.names import split_name
from kccdesk.store.callers import (
    NewCaller,
    bulk_add_callers,
    existing_import_keys,
    normalise_postcode,
)
from kccdesk.store.db import Database

REQUIRED = ("name", "phone")
CHUNK = 20_000
_POSTCODE = re.compile(r"^[1-9][0-9]{3} [A-Z]{2}$")
_KVK = re.compile(r"^[0-9]{8}$")
_BSN = re.compile(r"^[0-9]{9}$")
_MANGLED = re.compile("[\udc80-\udcff]")  # bytes that were not UTF-8, kept by surrogateescape
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


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
    pending: list[NewCaller] = []
    seen: set[str] = set()
    for item in parse(data):
        if isinstance(item, BadRow):
            report.bad.append(item)
            continue
        assert item.import_key is not None
        if item.import_key in seen:
            report.already_there += 1
            continue
        seen.add(item.import_key)
        pending.append(item)
        if len(pending) >= CHUNK:
            _store(db, pending, report)
            pending = []
    _store(db, pending, report)
    return report


def _store(db: Database, callers: list[NewCaller], report: ImportReport) -> None:
    if not callers:
        return
    with db.session() as session:
        known = existing_import_keys(session, [p.import_key for p in callers if p.import_key])
        new = [p for p in callers if p.import_key not in known]
        bulk_add_callers(session, new)
    report.added += len(new)
    report.already_there += len(callers) - len(new)


def parse(data: bytes) -> Iterator[NewCaller | BadRow]:
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
        if not any(value.strip() for value in values):
            continue
        if len(values) > len(header):
            yield BadRow(start, _("more values than columns in the header"))
            continue
        row = dict(zip(header, (v.strip() for v in values), strict=False))
        if check_encoding and _MANGLED.search("".join(values)):
            yield BadRow(start, _("the row is not UTF-8 text (save the file as UTF-8)"))
            continue
        try:
            yield check_row(row)
        except ValueError as error:
            yield BadRow(start, str(error))


def check_row(row: dict[str, str]) -> NewCaller:
    """The row as a caller to store; raises ValueError with the reason."""
    name = row.get("name", "")
    if not name:
        raise ValueError(_("the name is missing"))
    numbers = _numbers(row.get("phone", ""))
    salutation = _salutation(row.get("salutation", ""))
    birth_date = _birth_date(row.get("birth_date", ""))
    postcode = row.get("postcode", "")
    if postcode:
        postcode = normalise_postcode(postcode)
        if not _POSTCODE.match(postcode):
            raise ValueError(_("the postcode {value} is not like 1234 AB").format(value=row["postcode"]))
    bsn = row.get("bsn", "")
    if bsn and not _valid_bsn(bsn):
        raise ValueError(_("the BSN is not valid (9 digits that pass the eleven test)"))
    kvk = row.get("kvk", "")
    if kvk and not _KVK.match(kvk):
        raise ValueError(_("the KvK number {value} is not 8 digits").format(value=kvk))
    email = row.get("email", "")
    if email and not _EMAIL.match(email):
        raise ValueError(_("the e-mail address {value} is not valid").format(value=email))
    address = {
        "street": row.get("street", ""),
        "house_number": row.get("house_number", ""),
        "postcode": postcode,
        "city": row.get("city", ""),
    }
    if kvk:
        given, prefix, surname = split_name(row.get("contact_person", ""))
        caller = Caller(None, CallerKind.BUSINESS, surname, prefix, given, salutation, business_name=name, **address)
        key = f"kvk:{kvk}"
    else:
        given, prefix, surname = split_name(name)
        caller = Caller(None, CallerKind.RESIDENT, surname, prefix, given, salutation, **address)
        key = f"bsn:{bsn}" if bsn else f"name:{name.lower()}|{numbers[0]}|{birth_date or ''}"
    return NewCaller(caller, numbers, birth_date, bsn, kvk, email, import_key=key)


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


def _salutation(text: str) -> Salutation:
    try:
        return Salutation(text.lower())
    except ValueError:
        raise ValueError(
            _("the salutation {value} is not one of: mevrouw, meneer or empty").format(value=text)
        ) from None


def _birth_date(text: str) -> date | None:
    if not text:
        return None
    try:
        value = date.fromisoformat(text) if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text) else None
    except ValueError:
        value = None
    if value is None:
        raise ValueError(_("the date of birth {value} is not a date like 1980-12-31").format(value=text))
    if value > date.today():
        raise ValueError(_("the date of birth {value} lies in the future").format(value=text))
    return value


def _valid_bsn(bsn: str) -> bool:
    if not _BSN.match(bsn):
        return False
    digits = [int(d) for d in bsn]
    total = sum(d * w for d, w in zip(digits[:8], range(9, 1, -1), strict=True)) - digits[8]
    return total % 11 == 0
