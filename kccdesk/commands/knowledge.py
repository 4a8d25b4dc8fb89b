"""``kccdesk knowledge``: import the municipality's answers, products and
colleagues, bring those of its Objects API up to date, and search them as
the search panel does."""

from __future__ import annotations

import argparse
import json
import sys
import textwrap
from pathlib import Path

from kccdesk.commands import COMMANDS
from kccdesk.commands._workstation import open_workstation
from kccdesk.config.settings import Settings
from kccdesk.core.clock import SystemClock
from kccdesk.core.knowledge import Hit, Source, grouped
from kccdesk.core.subjects import SubjectList
from kccdesk.i18n import _
from kccdesk.i18n.names import source_name
from kccdesk.knowledge.files import KnowledgeFileError, plain_text
from kccdesk.knowledge.objects_api import ObjectsApiError, configured, synchronise
from kccdesk.services.knowledge import Knowledge
from kccdesk.store import DatabaseError

EXIT_FAILED = 1
EXIT_BAD_ROWS = 3
FIRST_LINES = 3  # of an answer, in the list


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "knowledge",
        help=_(COMMANDS["knowledge"]),
        description=_("The municipality's answers, products and colleagues: import them, search them."),
    )
    actions = parser.add_subparsers(title=_("actions"), metavar=_("ACTION"), dest="action", required=True)
    importing = actions.add_parser(
        "import",
        help=_("import answers, products or colleagues from a CSV file"),
        description=_(
            "Import from a CSV file with a header row (UTF-8; commas or semicolons). Answers (vac): the "
            "columns vraag and antwoord, and optionally trefwoorden (separated by ;), afdeling, link and "
            "geldig_tot (YYYY-MM-DD). Products: product, and optionally tekst, trefwoorden, afdeling, link. "
            "Colleagues: naam, and optionally afdeling, functie, telefoon, behandelt, trefwoorden. Bad rows "
            "are reported with their line; the good rows are imported. Importing the same file again adds nothing."
        ),
    )
    importing.add_argument("file", metavar="FILE.csv", type=Path, help=_("the CSV file"))
    importing.add_argument(
        "--source", choices=[source.value for source in Source], default=Source.VAC.value,
        help=_("what the file holds (default: %(default)s)"),
    )  # fmt: skip
    importing.set_defaults(handler=_import)
    search = actions.add_parser("search", help=_("search as the search panel does"))
    search.add_argument("text", metavar=_("TEXT"), nargs="+", help=_("what to look for"))
    search.add_argument("--json", action="store_true", help=_("print JSON instead of text"))
    search.set_defaults(handler=_search)
    syncing = actions.add_parser(
        "sync",
        help=_("bring the answers and colleagues from the Objects API up to date now"),
        description=_(
            "Read the answers (VAC) and colleagues from the municipality's Objects API ([knowledge] in the "
            "settings; the token: kccdesk secret set objects-token) and bring the store up to date: what the API "
            "no longer has, or has withdrawn, is removed. A sync that fails changes nothing."
        ),
    )
    syncing.set_defaults(handler=_sync)


def _import(args: argparse.Namespace) -> int:
    opened = open_workstation()
    if opened is None:
        return EXIT_FAILED
    _settings, db = opened
    try:
        report = Knowledge(db, SystemClock()).import_file(args.file, Source(args.source))
    except (KnowledgeFileError, DatabaseError) as error:
        print(_("Nothing imported: {error}").format(error=error), file=sys.stderr)
        return EXIT_FAILED
    finally:
        db.close()
    for bad in report.bad:
        print(_("line {line}: {reason}").format(line=bad.line, reason=bad.reason), file=sys.stderr)
    print(
        _("{added} added, {changed} changed, {unchanged} already there, {bad} bad rows skipped").format(
            added=report.added, changed=report.changed, unchanged=report.unchanged, bad=len(report.bad)
        )
    )
    return EXIT_BAD_ROWS if report.bad else 0


def _sync(args: argparse.Namespace) -> int:
    opened = open_workstation()
    if opened is None:
        return EXIT_FAILED
    settings, db = opened
    api = configured(settings.knowledge)
    try:
        if api is None:
            print(
                _("No Objects API is set: in [knowledge], set objects_url and vac_objecttype or colleague_objecttype."),
                file=sys.stderr,
            )
            return EXIT_FAILED
        report = synchronise(db, *api, SystemClock().now().date())
    except (ObjectsApiError, DatabaseError) as error:
        print(_("Nothing synced: {error}").format(error=error), file=sys.stderr)
        return EXIT_FAILED
    finally:
        db.close()
    for skipped in report.skipped:
        reason = _("object {uuid} skipped: {reason}").format(uuid=skipped.object_id, reason=skipped.reason)
        print(reason, file=sys.stderr)
    print(
        _("{added} added, {changed} changed, {removed} removed, {withdrawn} withdrawn, {skipped} skipped").format(
            added=report.added, changed=report.changed, removed=report.removed,
            withdrawn=report.withdrawn, skipped=len(report.skipped),
        )
    )  # fmt: skip
    return EXIT_BAD_ROWS if report.skipped else 0


def _subjects(settings: Settings) -> SubjectList:
    from kccdesk.content.subjects import SubjectListError, configured_subjects

    try:
        return configured_subjects(settings.registration.subjects_file)
    except SubjectListError as error:  # searched without the list's products
        print(error, file=sys.stderr)
        return SubjectList(())


def _search(args: argparse.Namespace) -> int:
    opened = open_workstation()
    if opened is None:
        return EXIT_FAILED
    settings, db = opened
    try:
        knowledge = Knowledge(db, SystemClock())
        knowledge.add_products(_subjects(settings))  # as the window has them: the subject list's products too
        hits = knowledge.search(" ".join(args.text) + " ")  # typed in full: whole words
    except DatabaseError as error:
        print(error, file=sys.stderr)
        return EXIT_FAILED
    finally:
        db.close()
    if args.json:
        print(json.dumps([hit_data(hit) for hit in hits], ensure_ascii=False, indent=2))
        return 0
    if not hits:
        print(_("Nothing found."))
    for source, group in grouped(hits):
        print(f"{source_name(source)}:")
        for hit in group:
            print(f"  {hit.item.title}")
            for line in _first_lines(hit):
                print(f"    {line}")
    return 0


def _first_lines(hit: Hit) -> list[str]:
    text = plain_text(hit.item.body)
    if hit.item.source is Source.COLLEAGUE:
        text = " · ".join(part for part in (hit.item.role, hit.item.department, hit.item.phone, text) if part)
    return textwrap.wrap(text, 76)[:FIRST_LINES]


def hit_data(hit: Hit) -> dict[str, object]:
    item = hit.item
    data: dict[str, object] = {"id": hit.item_id, "source": item.source.value, "title": item.title}
    if item.source is Source.VAC:
        data["vraag"] = item.title
    data["answer"] = "\n".join(_first_lines(hit))
    data.update(department=item.department, link=item.link, score=hit.score)
    if item.source is Source.COLLEAGUE:
        data.update(role=item.role, phone=item.phone)
    return data
