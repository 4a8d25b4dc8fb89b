"""``kccdesk dashboard``: the supervisor's dashboard in a window of its own."""

from __future__ import annotations

import argparse

from kccdesk.commands import COMMANDS
from kccdesk.i18n import _


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "dashboard",
        help=_(COMMANDS["dashboard"]),
        description=_("Show the supervisor's dashboard: the team's figures against the KCC norms, with charts."),
    )
    parser.set_defaults(handler=_dashboard)


def _dashboard(args: argparse.Namespace) -> int:
    from kccdesk.app.dashboard import run_dashboard

    return run_dashboard()
