"""The "open in system" address: a template from the settings, filled in."""

from __future__ import annotations

import string
from urllib.parse import quote

from kccdesk.records.model import CallerRecord

FIELDS = ("e164", "bsn", "kvk")


def open_url(template: str, record: CallerRecord, e164: str | None) -> str | None:
    """The template with {e164}, {bsn} and {kvk} filled in (URL-quoted);
    None when there is no template, or it needs a value this record lacks."""
    if not template:
        return None
    values = {"e164": e164 or "", "bsn": record.bsn, "kvk": record.kvk}
    needed = [name for _, name, _, _ in string.Formatter().parse(template) if name]
    if any(name not in values or not values[name] for name in needed):
        return None
    return template.format(**{k: quote(v, safe="") for k, v in values.items()})
