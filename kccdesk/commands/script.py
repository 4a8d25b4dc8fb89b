"""`kccdesk script check`: a supervisor checks call scripts before using them."""

from __future__ import annotations

import argparse
import sys
from dataclasses import replace
from pathlib import Path

from kccdesk.core.language import load_word_lists
from kccdesk.core.organisations import load_directory
from kccdesk.core.script_check import check_script_file
from kccdesk.i18n import _
from kccdesk.resources import resource_path

DEFAULT_SCRIPT = "standaard.toml"
LANGUAGE_RULES = "taalregels.toml"
ORGANISATIONS = "organisaties.toml"


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "script",
        help=_("check call scripts"),
        description=_("Check call scripts for mistakes and for the language rules of the KCC."),
    )
    actions = parser.add_subparsers(title=_("actions"), metavar=_("ACTION"), dest="action", required=True)
    check = actions.add_parser(
        "check",
        help=_("check script files: mistakes fail, language findings are warnings"),
    )
    check.add_argument(
        "files", nargs="*", type=Path, metavar=_("FILE"), help=_("script files (default: the active script)")
    )
    check.set_defaults(handler=_check)


def _check(args: argparse.Namespace) -> int:
    directory = load_directory(resource_path("organisations", ORGANISATIONS))
    words = replace(load_word_lists(resource_path("scripts", LANGUAGE_RULES)), full_names=directory.abbreviations)
    failed = False
    for path in args.files or [resource_path("scripts", DEFAULT_SCRIPT)]:
        result = check_script_file(path, words)
        if result.error is not None:
            failed = True
            print(_("error: {problem}").format(problem=result.error), file=sys.stderr)
            continue
        for finding in result.warnings:
            print(
                _("{path}, line {line}: warning: {message}").format(
                    path=path, line=finding.line, message=finding.message
                )
            )
        if not result.warnings:
            print(_("{path}: no findings").format(path=path))
    return 1 if failed else 0
