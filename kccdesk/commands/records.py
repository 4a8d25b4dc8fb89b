"""``kccdesk records``: import residents and businesses, look a number up as
the screen pop would, and make a large demo set for benchmarks."""

from __future__ import annotations

import argparse
import getpass
import json
import sys
from datetime import date
from pathlib import Path
from typing import Any

from kccdesk.app.record_sources import remote_sources
from kccdesk.commands import COMMANDS
from kccdesk.commands._workstation import open_workstation
from kccdesk.config.settings import Settings
from kccdesk.core.caller import AccessReason, CallerRecord
from kccdesk.core.cases import Case
from kccdesk.core.line import CallerId
from kccdesk.core.lookup import Lookup, RemoteState
from kccdesk.demo.population import generate
from kccdesk.i18n import _
from kccdesk.records.csv_import import ImportFileError, import_csv
from kccdesk.services.callers import Callers
from kccdesk.store import Database
from kccdesk.store.callers import count_callers

EXIT_FAILED = 1
EXIT_BAD_ROWS = 3


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "records",
        help=_(COMMANDS["records"]),
        description=_("Caller records: import them, look a number up, make demo records."),
    )
    actions = parser.add_subparsers(title=_("actions"), metavar=_("ACTION"), dest="action", required=True)

    importing = actions.add_parser(
        "import",
        help=_("import residents and businesses from a CSV file"),
        description=_(
            "Import residents and businesses from a CSV file: a header row, UTF-8, comma-separated, "
            "with at least the columns name and phone. Bad rows are reported with their line "
            "number; the good rows are imported. Importing the same file again adds nothing."
        ),
    )
    importing.add_argument("file", metavar="FILE.csv", type=Path, help=_("the CSV file"))
    importing.set_defaults(handler=_import)

    lookup = actions.add_parser("lookup", help=_("show what the screen pop shows for a number"))
    lookup.add_argument("number", metavar="NUMBER", help=_("the calling number, written any way"))
    lookup.add_argument("--json", action="store_true", help=_("print JSON instead of text"))
    lookup.set_defaults(handler=_lookup)

    demo = actions.add_parser("demo", help=_("add a large set of fictitious residents"))
    demo.add_argument("--count", type=int, default=10_000, help=_("how many residents (default: %(default)s)"))
    demo.add_argument("--contacts", type=int, default=1, help=_("earlier contacts per resident (default: %(default)s)"))
    demo.set_defaults(handler=_demo)


def _import(args: argparse.Namespace) -> int:
    opened = open_workstation()
    if opened is None:
        return EXIT_FAILED
    _settings, db = opened
    try:
        report = import_csv(db, args.file)
    except ImportFileError as error:
        print(_("Nothing imported: {error}").format(error=error), file=sys.stderr)
        return EXIT_FAILED
    finally:
        db.close()
    for bad in report.bad:
        print(_("line {line}: {reason}").format(line=bad.line, reason=bad.reason), file=sys.stderr)
    print(
        _("{added} added, {known} already there, {bad} bad rows skipped").format(
            added=report.added, known=report.already_there, bad=len(report.bad)
        )
    )
    return EXIT_BAD_ROWS if report.bad else 0


def _lookup(args: argparse.Namespace) -> int:
    opened = open_workstation()
    if opened is None:
        return EXIT_FAILED
    settings, db = opened
    try:
        callers = Callers(
            db,
            getpass.getuser(),
            settings.records.pbx_prefix,
            remote_sources(settings.records),
            local="local" in settings.records.sources,
        )
        local = callers.lookup(CallerId(args.number), AccessReason.COMMAND)
        lookup = callers.fetch_remote(local)
        callers.log_shown(lookup.records[len(local.records) :], AccessReason.COMMAND)
        data = lookup_data(lookup)
        if settings.cases.zaken_url:
            _add_cases(data, lookup, settings, db)
    finally:
        db.close()
    if args.json:
        print(json.dumps(data, ensure_ascii=False, indent=2))
    else:
        _print_lookup(data)
    return 0 if lookup.e164 else EXIT_FAILED


def _add_cases(data: dict[str, Any], lookup: Lookup, settings: Settings, db: Database) -> None:
    """Each record's cases from the case system (``[cases]``), logged as shown."""
    from kccdesk.app.case_source import case_source
    from kccdesk.services.cases import ask_cases, can_ask, log_cases_shown

    source = case_source(settings, False, date.today)
    for record, shown in zip(lookup.records, data["records"], strict=True):
        if source is None or not can_ask(source, record):
            continue
        found = ask_cases(source, record)
        log_cases_shown(db, getpass.getuser(), found.cases, AccessReason.COMMAND)
        shown["cases"] = {"state": found.state.value, "cases": [case_data(c) for c in found.cases]}


def _print_lookup(data: dict[str, object]) -> None:
    if data["number"] is None:
        print(_("This is not a phone number."))
        return
    print(_("Number: {number}").format(number=data["number"]))
    records = data["records"]
    assert isinstance(records, list)
    if not records:
        print(_("Unknown number"))
    for record in records:
        print()
        print(record["addressed_as"] or record["name"] or record["business_name"])
        for label, key in (
            (_("Business"), "business_name"),
            (_("Address"), "address"),
            (_("Date of birth"), "birth_date"),
            (_("BSN"), "bsn"),
            (_("KvK"), "kvk"),
        ):
            if record[key]:
                print(f"  {label}: {record[key]}")
        for callback in record["open_callback_requests"]:
            print(
                "  "
                + _("Open callback request for {whom}: {note}").format(whom=callback["for_whom"], note=callback["note"])
            )
        for contact in record["earlier_contacts"]:
            print(f"  {contact['at'][:10]}  {contact['subject']}  {contact['outcome']}")
    if data["remote"] == RemoteState.FAILED.value:
        print(_("The remote source did not answer."))


def _demo(args: argparse.Namespace) -> int:
    if args.count < 1 or args.contacts < 0:
        print(_("--count must be 1 or more and --contacts 0 or more."), file=sys.stderr)
        return EXIT_FAILED
    opened = open_workstation()
    if opened is None:
        return EXIT_FAILED
    _settings, db = opened
    try:
        # After every caller there is, so that a second run adds new numbers.
        generate(db, args.count, args.contacts, start=count_callers(db))
    finally:
        db.close()
    print(_("{count} fictitious residents added.").format(count=args.count))
    return 0


# What the screen pop shows of a lookup, as plain data (for --json and the text).


def lookup_data(lookup: Lookup) -> dict[str, Any]:
    return {
        "number": lookup.e164,
        "remote": lookup.remote.value,
        "records": [record_data(r) for r in lookup.records],
    }


def record_data(record: CallerRecord) -> dict[str, Any]:
    caller = record.caller
    return {
        "record": record.key,
        "source": record.source,
        "kind": caller.kind.value,
        "name": caller.full_name,
        "addressed_as": caller.addressed_name,
        "business_name": caller.business_name,
        "address": caller.address,
        "birth_date": record.birth_date.isoformat() if record.birth_date else None,
        "bsn": record.masked_bsn,
        "kvk": record.kvk,
        "open_callback_requests": [
            {"for_whom": c.for_whom, "note": c.note, "due": c.due.isoformat() if c.due else None}
            for c in record.open_callbacks
        ],
        "earlier_contacts": [
            {"at": c.at.isoformat(), "subject": c.subject, "outcome": c.outcome, "agent": c.agent}
            for c in record.contacts
        ],
    }


def case_data(case: Case) -> dict[str, Any]:
    def day(value: date | None) -> str | None:
        return value.isoformat() if value else None

    return {
        "identification": case.identification,
        "url": case.url,
        "description": case.description,
        "case_type": case.case_type,
        "open": case.is_open,
        "started": day(case.started),
        "planned_end": day(case.planned_end),
        "ended": day(case.ended),
        "status": case.status.explanation if case.status else None,
        "status_name": case.status.name if case.status else None,
        "status_since": day(case.status.since) if case.status else None,
    }
