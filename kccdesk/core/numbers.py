"""Phone numbers as the line gives them, normalised to E.164 for lookup.

phonenumbers is loaded on first use: the SIP process needs only
``is_withheld`` and registers some 25 ms sooner without it."""

from __future__ import annotations

import re

_URI = re.compile(r"^(?:sips?|tel):(?P<user>[^@;]*)", re.IGNORECASE)
_WITHHELD = {"", "anonymous", "unknown", "unavailable", "private", "restricted", "withheld"}


def is_withheld(raw: str) -> bool:
    m = _URI.match(raw.strip())
    user = (m.group("user") if m else raw).strip().lower()
    return user in _WITHHELD


def normalise(raw: str, region: str = "NL", pbx_prefix: str = "") -> str | None:
    """The number in E.164 (+31612345678), or None when it is not a number.

    Accepts what people and PBXs write: 06-12345678, +31 6 1234 5678,
    0031612345678, tel:+31…, sip:0612345678@pbx;user=phone. A PBX that puts
    an outside-line digit before every number it presents is configured with
    that digit (pbx_prefix); it is removed first.
    """
    text = raw.strip()
    m = _URI.match(text)
    if m:
        text = m.group("user")
    text = text.strip()
    if pbx_prefix and text.startswith(pbx_prefix) and not text.startswith("+"):
        text = text[len(pbx_prefix) :]
    if len(text) > 40 or not re.fullmatch(r"[+0-9 ()./-]+", text):
        return None
    import phonenumbers

    try:
        number = phonenumbers.parse(text, region)
    except phonenumbers.NumberParseException:
        return None
    if not phonenumbers.is_possible_number(number):
        return None
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def display(e164: str, region: str = "NL") -> str:
    """A normalised number as people in ``region`` write it: 06 12345678."""
    import phonenumbers

    try:
        number = phonenumbers.parse(e164, region)
    except phonenumbers.NumberParseException:
        return e164
    if phonenumbers.region_code_for_number(number) == region:
        return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.NATIONAL)
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL)
