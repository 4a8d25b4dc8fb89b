"""`kccdesk script check`: a supervisor checks call scripts before using them."""

from __future__ import annotations

import argparse
import sys
from datetime import datetime, time
from itertools import takewhile
from pathlib import Path

from kccdesk import resource_path
from kccdesk.commands import COMMANDS
from kccdesk.config.paths import default_profile
from kccdesk.config.settings import SettingsError, load_settings
from kccdesk.content.callback_questions import FOLDER as QUESTIONS
from kccdesk.content.language_rules import load_word_lists
from kccdesk.content.organisations import load_directory
from kccdesk.content.script_check import check_script_file
from kccdesk.content.script_library import SUBJECTS, ScriptLibrary
from kccdesk.content.scripts import ScriptError, load_script
from kccdesk.core.greeting import Salutation, addressed_name, greeting
from kccdesk.core.phases import PHASES
from kccdesk.core.registration import Outcome
from kccdesk.i18n import _

LANGUAGE_RULES = "taalregels.toml"
ORGANISATIONS = "organisaties.toml"


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "script",
        help=_(COMMANDS["script"]),
        description=_("Check call scripts for mistakes and for the language rules of the KCC."),
    )
    actions = parser.add_subparsers(title=_("actions"), metavar=_("ACTION"), dest="action", required=True)
    check = actions.add_parser(
        "check",
        help=_("check script files: mistakes fail, language findings are warnings"),
    )
    check.add_argument(
        "files",
        nargs="*",
        type=Path,
        metavar=_("FILE"),
        help=_("script files or the file of organisations (default: the files in use)"),
    )
    check.set_defaults(handler=_check)
    preview = actions.add_parser(
        "preview",
        help=_("print every phase as the agent would see it"),
        description=_("Print every phase of a call script as the agent would see it, with the values filled in."),
    )
    preview.add_argument(
        "file", nargs="?", type=Path, metavar=_("FILE"), help=_("a script file (default: the active script)")
    )
    preview.add_argument(
        "--at", type=_clock_time, default=None, metavar=_("HH:MM"), help=_("the time of the call (default: now)")
    )
    preview.add_argument(
        "--caller-name", default="", metavar=_("NAME"), help=_('the caller\'s surname with its prefix, e.g. "de Vries"')
    )
    preview.add_argument("--salutation", choices=("mevrouw", "meneer"), help=_("how to address the caller"))
    preview.add_argument(
        "--municipality", default=None, metavar=_("NAME"), help=_("the municipality (default: from the settings)")
    )
    preview.add_argument(
        "--agent", default=None, metavar=_("NAME"), help=_("the agent's name (default: from the settings)")
    )
    preview.add_argument("--branch", choices=[o.code for o in Outcome], help=_("show only this phase 3 branch"))
    preview.set_defaults(handler=_preview)


def _clock_time(text: str) -> time:
    try:
        return datetime.strptime(text, "%H:%M").time()
    except ValueError:
        raise argparse.ArgumentTypeError(_("{text!r} is not a time like 09:30").format(text=text)) from None


def _library() -> ScriptLibrary:
    return ScriptLibrary([resource_path("scripts"), default_profile().config_dir / "scripts"])


def _active_script() -> Path:
    settings = load_settings(default_profile().settings_file)
    return _library().path(settings.scripts.set)


def _files_in_use() -> list[Path]:
    """The script set in use, every subject script (shipped or the
    municipality's own), the directory of organisations and the questions of
    callback requests per subject (shipped or the municipality's own)."""
    library = _library()
    subjects = {p.name: p for folder in library.folders for p in sorted((folder / SUBJECTS).glob("*.toml"))}
    own = default_profile().config_dir / QUESTIONS
    questions = {p.name: p for folder in (resource_path(QUESTIONS), own) for p in sorted(folder.glob("*.toml"))}
    return [_active_script(), *subjects.values(), resource_path("organisations", ORGANISATIONS), *questions.values()]


def _preview(args: argparse.Namespace) -> int:
    try:
        settings = load_settings(default_profile().settings_file)
        script = load_script(args.file or _active_script())
    except (ScriptError, SettingsError) as error:
        print(_("error: {problem}").format(problem=error), file=sys.stderr)
        return 1
    caller = _addressed(args.caller_name, args.salutation or "")
    values = {
        "greeting": greeting(args.at or datetime.now().time()),
        "municipality": settings.workstation.municipality if args.municipality is None else args.municipality,
        "agent": settings.workstation.agent_name if args.agent is None else args.agent,
        "caller": caller,
    }
    for phase in PHASES:
        print(_("Phase {number}: {title}").format(number=phase.number, title=script.phases[phase].title))
        _print_prompts(script.prompts(phase, values))
        branches = [b for b in script.branches(phase) if args.branch in (None, b.outcome.code)]
        for branch in branches:
            print(f"  [{branch.title}]")
            _print_prompts(
                script.prompts(phase, values, branch.outcome)[len(script.prompts(phase, values)) :], indent=4
            )
        print()
    return 0


def _addressed(name: str, salutation: str) -> str:
    """ "de Vries" with mevrouw: "mevrouw De Vries"; without a salutation the
    name as written."""
    words = name.split()
    if not salutation:
        return " ".join(words)
    prefix = list(takewhile(str.islower, words))
    surname = " ".join(words[len(prefix) :])
    return addressed_name(Salutation(salutation), surname, " ".join(prefix)) if surname else ""


def _print_prompts(prompts: list[str], indent: int = 2) -> None:
    for prompt in prompts:
        print(" " * indent + prompt)


def _check(args: argparse.Namespace) -> int:
    directory = load_directory(resource_path("organisations", ORGANISATIONS))
    words = load_word_lists(resource_path("scripts", LANGUAGE_RULES), directory.abbreviations)
    failed = False
    for path in args.files or _files_in_use():
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
