"""``kccdesk outbox``: see, retry and export registrations not yet delivered."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from kccdesk.commands import COMMANDS
from kccdesk.config.paths import default_profile
from kccdesk.config.settings import SettingsError, SinkSettings, load_settings
from kccdesk.i18n import _
from kccdesk.outbox import store
from kccdesk.services.deliveries import refusal
from kccdesk.store import Database, DatabaseError, open_database

EXIT_FAILED = 1


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "outbox",
        help=_(COMMANDS["outbox"]),
        description=_("Show, retry or export registrations that are not delivered yet."),
    )
    actions = parser.add_subparsers(title=_("actions"), metavar=_("ACTION"), dest="action", required=True)
    status = actions.add_parser("status", help=_("count pending, delivered and parked registrations"))
    status.add_argument("--json", action="store_true", help=_("print the figures as JSON"))
    status.set_defaults(handler=_status)
    retry = actions.add_parser("retry", help=_("send parked registrations again"))
    retry.set_defaults(handler=_retry)
    export = actions.add_parser("export", help=_("write every undelivered registration to a JSON file"))
    export.add_argument("file", metavar=_("FILE"), type=Path, help=_("the file to write"))
    export.set_defaults(handler=_export)


def _run(args: argparse.Namespace, action: str) -> int:
    profile = default_profile()
    try:
        settings = load_settings(profile.settings_file)
        db = open_database(settings.database.url, profile.database_file)
    except (SettingsError, DatabaseError) as exc:
        print(exc, file=sys.stderr)
        return EXIT_FAILED
    try:
        if action == "status":
            return _print_status(db, settings.sinks, args.json)
        if action == "retry":
            print(_("{count} parked registrations are queued again.").format(count=store.retry_parked(db)))
            return 0
        return _write_export(db, args.file)
    finally:
        db.close()


def _status(args: argparse.Namespace) -> int:
    return _run(args, "status")


def _retry(args: argparse.Namespace) -> int:
    return _run(args, "retry")


def _export(args: argparse.Namespace) -> int:
    return _run(args, "export")


def _print_status(db: Database, sinks: SinkSettings, as_json: bool) -> int:
    counts = store.counts(db)
    refused = [refusal(item, sinks) for item in store.undelivered(db) if item.status == store.PARKED]
    if as_json:
        reasons = [{"reference": r.reference, "sink": r.sink, "reason": r.reason, "fix": r.fix} for r in refused]
        print(json.dumps({**counts, "parked_items": reasons}, indent=2, ensure_ascii=False))
        return 0
    print(_("Pending: {pending}  Delivered: {delivered}  Parked: {parked}").format(**counts))
    for r in refused:
        print(_("Parked {reference} ({sink}): {reason}").format(reference=r.reference, sink=r.sink, reason=r.reason))
        print("  " + _("What to do: {fix}").format(fix=r.fix))
    return 0


def _write_export(db: Database, file: Path) -> int:
    items = [
        {
            "reference": i.reference,
            "sink": i.sink,
            "status": i.status,
            "attempts": i.attempts,
            "last_error": i.last_error,
            "payload": i.payload,
        }
        for i in store.undelivered(db)
    ]
    try:
        file.write_text(json.dumps(items, indent=2, ensure_ascii=False), encoding="utf-8")
    except OSError as exc:
        print(_("The file cannot be written: {error}").format(error=exc), file=sys.stderr)
        return EXIT_FAILED
    print(_("{count} registrations written to {file}.").format(count=len(items), file=file))
    return 0
