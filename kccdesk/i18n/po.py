"""Reading the .po files as kccdesk ships them, quickly enough for every
start (Babel takes some 0.1 s to load and compile them before the first
frame): ``msgid``, ``msgid_plural``, ``msgstr`` and ``msgstr[n]``, strings
over several lines with C escapes, and flags. A fuzzy or untranslated
message is left out, as when a catalogue is compiled. Babel remains the
reference: a test reads every shipped file with both."""

from __future__ import annotations

import gettext
import re
from collections.abc import Callable, Iterable
from pathlib import Path

Messages = dict[str, str | tuple[str, ...]]

_KEYWORD = re.compile(r"^(msgid_plural|msgid|msgstr(?:\[(\d+)\])?|msgctxt)\s+(\".*\")\s*$")
_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", '"': '"', "\\": "\\", "a": "\a", "b": "\b", "f": "\f", "v": "\v"}
_ESCAPE = re.compile(r"\\(.)")


def _unquote(quoted: str) -> str:
    return _ESCAPE.sub(lambda m: _ESCAPES.get(m.group(1), m.group(0)), quoted.strip()[1:-1])


def read_messages(paths: Iterable[Path]) -> tuple[Messages, str]:
    """The translated messages of all ``paths`` (a plural's forms as a tuple,
    keyed by its singular), and the plural rule of the first file that has one.
    A message in more than one file is read from the first, as Babel merges them."""
    messages: Messages = {}
    seen: set[str] = set()
    plural_rule = ""
    for path in paths:
        for entry in _entries(path.read_text(encoding="utf-8")):
            msgid, fuzzy = entry.get("msgid", ""), entry.get("fuzzy") == "1"
            if msgid == "":
                rule = re.search(r"^Plural-Forms:.*plural=([^;\n]+)", entry.get("msgstr", ""), re.MULTILINE)
                plural_rule = plural_rule or (rule.group(1).strip() if rule else "")
                continue
            if "msgctxt" in entry:
                continue  # kccdesk's messages have no context
            if fuzzy or msgid in seen:
                seen.add(msgid)
                continue
            seen.add(msgid)
            if "msgid_plural" in entry:
                forms = tuple(entry[key] for key in sorted(k for k in entry if k.startswith("msgstr[")))
                if any(forms):
                    messages[msgid] = forms
            elif entry.get("msgstr"):
                messages[msgid] = entry["msgstr"]
    return messages, plural_rule


def _entries(text: str) -> Iterable[dict[str, str]]:
    entry: dict[str, str] = {}
    key = ""
    for raw in [*text.splitlines(), ""]:
        line = raw.strip()
        if not line or (line.startswith("#") and key):  # an entry ends at a blank line or the next one's comments
            if "msgid" in entry:
                yield entry
            entry, key = {}, ""
            if not line:
                continue
        if line.startswith("#,"):
            if "fuzzy" in (flag.strip() for flag in line[2:].split(",")):
                entry["fuzzy"] = "1"
        elif line.startswith("#"):
            continue  # comments, and obsolete messages (#~)
        elif line.startswith('"'):
            entry[key] += _unquote(line)
        elif match := _KEYWORD.match(line):
            keyword, index, quoted = match.groups()
            key = f"msgstr[{index}]" if index is not None else keyword
            entry[key] = _unquote(quoted)


class Catalogue(gettext.NullTranslations):
    """The translations of one language, from ``read_messages``."""

    def __init__(self, messages: Messages, plural_rule: str) -> None:
        super().__init__()
        self._messages = messages
        self._plural: Callable[[int], int] = gettext.c2py(plural_rule or "n != 1")

    def gettext(self, message: str) -> str:
        found = self._messages.get(message)
        return found if isinstance(found, str) else message

    def ngettext(self, msgid1: str, msgid2: str, n: int) -> str:
        forms = self._messages.get(msgid1)
        if isinstance(forms, tuple):
            form = forms[min(self._plural(n), len(forms) - 1)]
            if form:
                return form
        return msgid1 if n == 1 else msgid2
