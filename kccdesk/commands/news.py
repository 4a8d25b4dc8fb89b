"""``kccdesk news``: a supervisor publishes news and work instructions from
a TOML file (checked first: a mistake is reported with its line), lists
what was published, and withdraws an item."""

from __future__ import annotations

import argparse
import sys
from datetime import datetime
from pathlib import Path

from kccdesk.commands import COMMANDS
from kccdesk.commands._workstation import open_workstation
from kccdesk.content.news import NewsFileError, read_news_file
from kccdesk.core.clock import SystemClock
from kccdesk.core.news import NewsItem
from kccdesk.core.stats import TIME_ZONE
from kccdesk.i18n import _
from kccdesk.services.news import every_item, period_text, state_text, store_item, teams_text, withdraw
from kccdesk.store import DatabaseError

EXIT_FAILED = 1
EXIT_BAD_FILE = 2


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "news",
        help=_(COMMANDS["news"]),
        description=_(
            "News and work instructions for the agents: publish an item from a file, list what was published, "
            "withdraw an item. Every workstation on the same database shows a new item within a minute."
        ),
    )
    actions = parser.add_subparsers(title=_("actions"), metavar=_("ACTION"), dest="action", required=True)
    publish = actions.add_parser(
        "publish",
        help=_("check a news file and publish its item"),
        description=_(
            "Publish the item in a TOML file: title and text, and if you want important (true: the agents "
            "confirm they read it), from and until (a day like 2026-12-31, or a day and time like "
            '2026-12-31T17:00:00; Dutch time) and teams (a list like ["Burgerzaken", "Wmo"]; none: everyone). '
            "A mistake is reported with its line, and nothing is published."
        ),
    )
    publish.add_argument("file", metavar=_("FILE"), type=Path, help=_("the news file (TOML)"))
    publish.add_argument("--check", action="store_true", help=_("only check the file, publish nothing"))
    publish.set_defaults(handler=_publish)
    listing = actions.add_parser("list", help=_("list the published items, the newest first"))
    listing.set_defaults(handler=_list)
    removing = actions.add_parser("withdraw", help=_("withdraw an item: no agent sees it any more"))
    removing.add_argument("number", metavar=_("NUMBER"), type=int, help=_("the item's number (see: kccdesk news list)"))
    removing.set_defaults(handler=_withdraw)


def _publish(args: argparse.Namespace) -> int:
    clock = SystemClock()
    if args.check:
        try:
            read_news_file(args.file, clock.now())
        except NewsFileError as error:
            print(_("error: {problem}").format(problem=error), file=sys.stderr)
            return EXIT_BAD_FILE
        print(_("{path}: no mistakes").format(path=args.file))
        return 0
    opened = open_workstation()
    if opened is None:
        return EXIT_FAILED
    settings, db = opened
    try:
        item = store_item(db, read_news_file(args.file, clock.now(), settings.workstation.agent_name))
    except NewsFileError as error:
        print(_("error: {problem}").format(problem=error), file=sys.stderr)
        print(_("Nothing published."), file=sys.stderr)
        return EXIT_BAD_FILE
    except DatabaseError as error:
        print(_("Nothing published: {error}").format(error=error), file=sys.stderr)
        return EXIT_FAILED
    finally:
        db.close()
    print(_("Published as number {number}: {title}").format(number=item.id, title=item.title))
    return 0


def _list(_args: argparse.Namespace) -> int:
    opened = open_workstation()
    if opened is None:
        return EXIT_FAILED
    _settings, db = opened
    try:
        items = every_item(db)
    except DatabaseError as error:
        print(error, file=sys.stderr)
        return EXIT_FAILED
    finally:
        db.close()
    if not items:
        print(_("No news has been published."))
    now = datetime.now(TIME_ZONE)
    for item, readers in items:
        print(describe(item, readers, now))
    return 0


def describe(item: NewsItem, readers: int, now: datetime) -> str:
    """One item in the list: number, state, title, and below it when and for whom."""
    mark = _("important") + ", " if item.important else ""
    head = f"{item.id:>4}  [{mark}{state_text(item, now)}]  {item.title}"
    facts = _("{period} · for: {teams} · read by {count}").format(
        period=period_text(item), teams=teams_text(item), count=readers
    )
    return f"{head}\n      {facts}"


def _withdraw(args: argparse.Namespace) -> int:
    opened = open_workstation()
    if opened is None:
        return EXIT_FAILED
    _settings, db = opened
    try:
        done = withdraw(db, args.number, SystemClock())
    except DatabaseError as error:
        print(error, file=sys.stderr)
        return EXIT_FAILED
    finally:
        db.close()
    if not done:
        print(
            _("There is no item number {number}, or it was withdrawn already.").format(number=args.number),
            file=sys.stderr,
        )
        return EXIT_FAILED
    print(_("Item number {number} is withdrawn.").format(number=args.number))
    return 0
