"""Reading the quick links (``links.toml`` in the profile's settings folder;
the demo's own in resources/links): a ``[[link]]`` table each, with its
``name``, ``url`` (http, https or mailto), ``group`` and, when it has one, its
``key`` (Ctrl+Alt and one letter or digit: keys the window itself never uses)."""

from __future__ import annotations

import re
from pathlib import Path

from kccdesk.content.toml_lines import FileProblem, read_toml
from kccdesk.core.links import QuickLink
from kccdesk.i18n import _

_URL = re.compile(r"^(https?://\S+|mailto:\S+@\S+)$", re.IGNORECASE)
_KEY = re.compile(r"^Ctrl\+Alt\+([A-Z0-9])$", re.IGNORECASE)


class LinksError(FileProblem):
    """The quick links cannot be used, and why."""


def load_links(path: Path) -> list[QuickLink]:
    text, data = read_toml(path, LinksError)
    entries = data.get("link", [])
    if not isinstance(entries, list):
        raise LinksError(path, _("the file needs [[link]] tables"))
    starts = [number for number, line in enumerate(text.splitlines(), 1) if line.strip() == "[[link]]"]
    links: list[QuickLink] = []
    keys: dict[str, str] = {}
    for index, entry in enumerate(entries):
        line = starts[index] if index < len(starts) else None
        if not isinstance(entry, dict) or any(not isinstance(value, str) for value in entry.values()):
            raise LinksError(path, _("a link's name, url, group and key must be text"), line)
        name, url = entry.get("name", "").strip(), entry.get("url", "").strip()
        if not name:
            raise LinksError(path, _("a link has no name"), line)
        if not _URL.match(url):
            raise LinksError(
                path, _("the link {name!r} needs a url with http, https or mailto").format(name=name), line
            )
        key = entry.get("key", "").strip()
        if key:
            found = _KEY.match(key)
            if found is None:
                raise LinksError(path, _("the key {key!r} is not Ctrl+Alt and a letter or digit").format(key=key), line)
            key = f"Ctrl+Alt+{found.group(1).upper()}"
            if key in keys:
                raise LinksError(path, _("{key} is already the key of {name!r}").format(key=key, name=keys[key]), line)
            keys[key] = name
        links.append(QuickLink(name, url, entry.get("group", "").strip(), key))
    return links
