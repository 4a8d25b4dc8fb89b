"""The ``kccdesk`` command: starts the app, or runs a supervisor's command."""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

from kccdesk import __version__
from kccdesk.commands import COMMANDS
from kccdesk.i18n import DEFAULT_LANGUAGE, _, ngettext, set_language

# argparse looks up its own words ("usage", "unrecognized arguments") through
# its module's gettext functions; pointed at the app's catalogue they come out
# in the app's language (resources/i18n/nl/argparse.po).
argparse._ = _  # type: ignore[attr-defined]
argparse.ngettext = ngettext  # type: ignore[attr-defined]


class ArgumentParser(argparse.ArgumentParser):
    def __init__(self, **kwargs: object) -> None:
        super().__init__(add_help=False, **kwargs)  # type: ignore[arg-type]
        self._optionals.title = _("options")
        self._positionals.title = _("arguments")
        self.add_argument("-h", "--help", action="help", help=_("show this help and stop"))


def build_parser(argv: Sequence[str] = ()) -> argparse.ArgumentParser:
    """The parser for ``argv``: the command it names in full, with its own
    module imported; every other command only by its name and what it does."""
    parser = ArgumentParser(
        prog="kccdesk",
        description=_(
            "Desktop companion for KCC agents: counts the rings, opens the caller's "
            "record, shows the call script and registers the contact."
        ),
        epilog=_("Settings and data: KCCDESK_CONFIG_DIR and KCCDESK_DATA_DIR override the folders for every command."),
    )
    parser.add_argument(
        "--version", action="version", version=f"kccdesk {__version__}", help=_("show the version and stop")
    )
    parser.add_argument(
        "--demo",
        action="store_true",
        help=_("start with the demo profile and a simulated line (no phone system needed)"),
    )
    subparsers = parser.add_subparsers(title=_("commands"), metavar=_("COMMAND"))
    chosen = next((argument for argument in argv if not argument.startswith("-")), None)
    for name, summary in COMMANDS.items():
        if name == chosen:
            importlib.import_module(f"kccdesk.commands.{name}").register(subparsers)
        else:
            subparsers.add_parser(name, help=_(summary))
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    set_language(DEFAULT_LANGUAGE)
    arguments = sys.argv[1:] if argv is None else list(argv)
    args = build_parser(arguments).parse_args(arguments)
    handler = getattr(args, "handler", None)
    if handler is not None:
        return handler(args)
    from kccdesk.app.start import run_app

    return run_app(demo=args.demo)


if __name__ == "__main__":
    sys.exit(main())
