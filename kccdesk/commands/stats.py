"""``kccdesk stats``: the team's figures against the KCC norms for a period."""

from __future__ import annotations

import argparse
import csv
import json
import sys
from datetime import date, datetime
from pathlib import Path

from kccdesk.commands import COMMANDS
from kccdesk.config.paths import default_profile
from kccdesk.config.settings import SettingsError, load_settings
from kccdesk.content.subjects import SubjectListError, configured_subjects
from kccdesk.core.stats import TIME_ZONE, Backlog, GroupBy, Summary
from kccdesk.i18n import _
from kccdesk.services.figures import (
    BACKLOG_ROWS,
    GROUP_HEADINGS,
    ROWS,
    TeamStats,
    as_json,
    columns,
    definitions,
    heading,
    show,
)
from kccdesk.store import DatabaseError, open_database

EXIT_FAILED = 1


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "stats",
        help=_(COMMANDS["stats"]),
        description=_(
            "Show the team's figures against the KCC norms (answered within the ring norm, "
            "handled directly) for a period, overall or per agent, subject, domain or day. "
            "Dates are days in Dutch time; the period includes both."
        ),
    )
    today = datetime.now(TIME_ZONE).date().isoformat()
    parser.add_argument(
        "--from",
        dest="start",
        metavar=_("DATE"),
        type=_date,
        default=today,
        help=_("the first day, as YYYY-MM-DD (default: today)"),
    )
    parser.add_argument(
        "--to",
        dest="end",
        metavar=_("DATE"),
        type=_date,
        default=None,
        help=_("the last day, as YYYY-MM-DD (default: the first day)"),
    )
    parser.add_argument(
        "--by",
        choices=[g.value for g in GroupBy],
        help=_("also show the figures per agent, subject, domain (social or other) or day"),
    )
    output = parser.add_mutually_exclusive_group()
    output.add_argument("--csv", metavar=_("FILE"), type=Path, help=_("write the figures to a CSV file"))
    output.add_argument("--json", action="store_true", help=_("print the figures as JSON"))
    parser.set_defaults(handler=_stats)


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(_("{text} is not a date; write it as YYYY-MM-DD").format(text=text)) from None


def _stats(args: argparse.Namespace) -> int:
    start: date = args.start
    end: date = args.end or start
    if end < start:
        print(
            _("The period ends before it starts: {end} is before {start}.").format(end=end, start=start),
            file=sys.stderr,
        )
        return EXIT_FAILED
    profile = default_profile()
    try:
        settings = load_settings(profile.settings_file)
        subjects = configured_subjects(settings.registration.subjects_file)
        db = open_database(settings.database.url, profile.database_file)
    except (SettingsError, SubjectListError, DatabaseError) as exc:
        print(exc, file=sys.stderr)
        return EXIT_FAILED
    try:
        by = GroupBy(args.by) if args.by else None
        summary, backlog = TeamStats(db, subjects, settings.rings.max_rings).figures(start, end, by)
    finally:
        db.close()
    if args.json:
        print(json.dumps(as_json(summary, backlog), indent=2, ensure_ascii=False))
        return 0
    if args.csv:
        return _write_csv(summary, backlog, args.csv)
    print(render_text(summary, backlog))
    return 0


def render_text(summary: Summary, backlog: Backlog) -> str:
    """The figures as a table for a terminal: a row per figure, a column per group."""
    cols = columns(summary)
    table = [[_("Period {start} to {end}").format(start=summary.start, end=summary.end)] + [n for n, _f in cols]]
    for row in ROWS:
        table.append([heading(row, summary.max_rings)] + [show(row.value(f), row.kind) for _n, f in cols])
    widths = [max(len(line[i]) for line in table) for i in range(len(table[0]))]
    lines = [
        "  ".join(cell.ljust(widths[0]) if i == 0 else cell.rjust(widths[i]) for i, cell in enumerate(line))
        for line in table
    ]
    lines.append("")
    lines += [f"{_(text)}: {getattr(backlog, key)}" for key, text in BACKLOG_ROWS]
    lines.append("")
    lines += definitions(summary.max_rings)
    return "\n".join(lines)


def _write_csv(summary: Summary, backlog: Backlog, file: Path) -> int:
    first = _(GROUP_HEADINGS[summary.by]) if summary.by else _("Period")
    header = [first] + [heading(row, summary.max_rings) for row in ROWS] + [_(t) for _k, t in BACKLOG_ROWS]
    rows: list[list[object]] = []
    for name, figures in columns(summary):
        values = [row.value(figures) for row in ROWS]
        extra = [getattr(backlog, k) for k, _t in BACKLOG_ROWS] if not rows else [""] * len(BACKLOG_ROWS)
        rows.append([name, *("" if v is None else v for v in values), *extra])
    try:
        with file.open("w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow(header)
            writer.writerows(rows)
    except OSError as exc:
        print(_("The file cannot be written: {error}").format(error=exc), file=sys.stderr)
        return EXIT_FAILED
    print(_("The figures are written to {file}.").format(file=file))
    return 0
