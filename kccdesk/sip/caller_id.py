"""Who is calling, read from the INVITE as it arrived on the wire.

The number comes from P-Asserted-Identity when the PBX sent one (the caller
cannot forge it past a trusted proxy), else from From. The display name is
whatever the caller's phone chose: kept apart from the number, stripped of
control characters and cut to a sane length; the UI shows it as plain text.
"""

from __future__ import annotations

import re
from urllib.parse import unquote

from kccdesk.core.line import CallerId
from kccdesk.core.numbers import is_withheld

MAX_DISPLAY_NAME = 100
MAX_NUMBER = 64

_HEADER = re.compile(r"^(?P<name>[A-Za-z0-9!%*_+`'~.-]+)[ \t]*:[ \t]*(?P<value>.*)$")
_COMPACT = {"f": "from"}
_CONTROL = re.compile(r"[\x00-\x1f\x7f\u200b-\u200f\u202a-\u202e\u2066-\u2069]")
_URI_USER = re.compile(r"^(?:sips?:(?P<user>[^@;?>]*)@|tel:(?P<tel>[^;?>]*))", re.IGNORECASE)


def caller_from_invite(message: str) -> CallerId:
    headers = _headers(message)
    asserted = headers.get("p-asserted-identity", [])
    privacy = ",".join(headers.get("privacy", [])).lower()
    source = _first_usable(asserted) or _first_usable(headers.get("from", [])) or ("", "")
    display_name, uri = source
    number = _user_part(uri)
    withheld = is_withheld(number) or "id" in re.split(r"[\s;,]+", privacy)
    return CallerId(
        number="" if withheld else number,
        display_name=_clean(display_name, MAX_DISPLAY_NAME),
        withheld=withheld,
    )


def _headers(message: str) -> dict[str, list[str]]:
    """Header values by lower-case name, folded lines joined; the body is left out."""
    head = re.split(r"\r?\n\r?\n", message, maxsplit=1)[0]
    unfolded = re.sub(r"\r?\n[ \t]+", " ", head)
    headers: dict[str, list[str]] = {}
    for line in unfolded.splitlines()[1:]:
        match = _HEADER.match(line)
        if match:
            name = match.group("name").lower()
            headers.setdefault(_COMPACT.get(name, name), []).append(match.group("value").strip())
    return headers


def _first_usable(values: list[str]) -> tuple[str, str] | None:
    for value in values:
        for part in _split_addresses(value):
            parsed = _name_addr(part)
            if parsed is not None:
                return parsed
    return None


def _split_addresses(value: str) -> list[str]:
    """P-Asserted-Identity may hold several addresses, separated by commas outside quotes and <>."""
    parts: list[str] = []
    current: list[str] = []
    quoted = angle = escaped = False
    for char in value:
        if escaped:
            escaped = False
        elif quoted and char == "\\":
            escaped = True
        elif char == '"' and not angle:
            quoted = not quoted
        elif char == "<" and not quoted:
            angle = True
        elif char == ">" and not quoted:
            angle = False
        elif char == "," and not quoted and not angle:
            parts.append("".join(current))
            current = []
            continue
        current.append(char)
    parts.append("".join(current))
    return [part.strip() for part in parts if part.strip()]


def _name_addr(value: str) -> tuple[str, str] | None:
    """(display name, URI) of a name-addr or addr-spec; None when it has no URI."""
    if value.startswith('"'):
        name_chars, index, escaped = [], 1, False
        while index < len(value):
            char = value[index]
            if escaped:
                name_chars.append(char)
                escaped = False
            elif char == "\\":
                escaped = True
            elif char == '"':
                break
            else:
                name_chars.append(char)
            index += 1
        name, rest = "".join(name_chars), value[index + 1 :]
    else:
        name, bracket, rest = value.partition("<")
        name, rest = (name, bracket + rest) if bracket else ("", value)
    # In an addr-spec (no angle brackets) the parameters belong to the header.
    uri = rest.split("<", 1)[1].split(">", 1)[0] if "<" in rest else rest.split(";", 1)[0]
    uri = uri.strip()
    if not _URI_USER.match(uri):
        return None
    return name.strip(), uri


def _user_part(uri: str) -> str:
    match = _URI_USER.match(uri)
    if match is None:
        return ""
    user = match.group("user") if match.group("user") is not None else match.group("tel")
    return _clean(unquote(user.split(";", 1)[0], errors="replace"), MAX_NUMBER)


def _clean(text: str, limit: int) -> str:
    text = _CONTROL.sub("", text).strip()
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"
