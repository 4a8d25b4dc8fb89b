"""Reading a news item or work instruction a supervisor wrote (a TOML file,
one item), checked in full: a mistake is reported with its line.

    title = "Nieuwe openingstijden Stadswinkel"
    text = \"\"\"Vanaf maandag is de Stadswinkel open van 9 tot 17 uur.\"\"\"
    important = true              # the agents confirm they read it (default false)
    from = 2026-11-23T08:00:00    # a day, or a day and time (default: at once)
    until = 2026-12-31            # to the end of that day (default: until withdrawn)
    teams = ["Burgerzaken"]       # teams or skills (default: everyone)

A day or time without an offset is the Dutch time.
"""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta
from pathlib import Path

from kccdesk.content.toml_lines import FileProblem, read_toml
from kccdesk.core.news import TITLE_LENGTH, NewsItem, NewsMistake, mistakes
from kccdesk.core.stats import TIME_ZONE
from kccdesk.i18n import N_, _

KEYS = ("title", "text", "important", "from", "until", "teams")
FILE_MISTAKES = {
    NewsMistake.NO_TITLE: N_('the title is missing (title = "...")'),
    NewsMistake.LONG_TITLE: N_("the title is longer than {count} characters"),
    NewsMistake.NO_TEXT: N_('the text is missing (text = """...""")'),
    NewsMistake.NEVER_SHOWN: N_("until is before the item would be shown: nobody would see it"),
    NewsMistake.BLANK_TEAM: N_('teams is a list of names in quotes, such as ["Burgerzaken", "Wmo"]'),
}


class NewsFileError(FileProblem):
    """The news file cannot be published, and why (with the line when known)."""


def read_news_file(path: Path, now: datetime, author: str = "") -> NewsItem:
    """The item in the file, published at ``now``; NewsFileError for any mistake."""
    text, data = read_toml(path, NewsFileError)

    def problem(message: str, key: str | None = None) -> NewsFileError:
        return NewsFileError(path, message, _key_line(text, key) if key else None)

    for key in data:
        if key not in KEYS:
            known = ", ".join(KEYS)
            raise problem(_("{key} is not known here; known are: {known}").format(key=key, known=known), key)
    title, body = data.get("title", ""), data.get("text", "")
    if not isinstance(title, str):
        raise problem(_(FILE_MISTAKES[NewsMistake.NO_TITLE]), "title")
    if not isinstance(body, str):
        raise problem(_(FILE_MISTAKES[NewsMistake.NO_TEXT]), "text")
    important = data.get("important", False)
    if not isinstance(important, bool):
        raise problem(_("important is true or false"), "important")
    try:
        starts = _moment(data.get("from"), end_of_day=False)
    except TypeError:
        raise problem(_("from is a day (2026-11-23) or a day and time (2026-11-23T08:00:00)"), "from") from None
    try:
        ends = _moment(data.get("until"), end_of_day=True)
    except TypeError:
        raise problem(_("until is a day (2026-12-31) or a day and time (2026-12-31T17:00:00)"), "until") from None
    teams = data.get("teams", [])
    if not isinstance(teams, list) or not all(isinstance(team, str) for team in teams):
        raise problem(_(FILE_MISTAKES[NewsMistake.BLANK_TEAM]), "teams")
    item = NewsItem(
        title=title.strip(),
        text=body.strip(),
        published_at=now,
        important=important,
        starts=starts,
        ends=ends,
        teams=tuple(team.strip() for team in teams),
        author=author,
    )
    if found := mistakes(item):  # the rules of kccdesk.core.news, which the dashboard's form follows too
        first = found[0]
        raise problem(_(FILE_MISTAKES[first]).format(count=TITLE_LENGTH), first.field if first.field in data else None)
    return item


def _moment(value: object, end_of_day: bool) -> datetime | None:
    """A TOML day or moment as a moment with its zone; None when not given,
    TypeError when it is neither. A day ``until`` lasts to its end."""
    if value is None:
        return None
    if isinstance(value, datetime):
        return value if value.tzinfo is not None else value.replace(tzinfo=TIME_ZONE)
    if isinstance(value, date):
        day = value + timedelta(days=1) if end_of_day else value
        return datetime.combine(day, time(), TIME_ZONE)
    raise TypeError(value)


def _key_line(text: str, key: str) -> int | None:
    pattern = re.compile(rf"^\s*{re.escape(key)}\s*=")
    return next((number for number, line in enumerate(text.splitlines(), 1) if pattern.match(line)), None)
