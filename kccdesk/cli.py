"""The ``kccdesk`` command: starts the app, or runs a supervisor's command."""

from __future__ import annotations

import argparse
import importlib
import pkgutil
import sys
from collections.abc import Sequence
from types import ModuleType

from kccdesk import __version__
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


def build_parser() -> argparse.ArgumentParser:
    parser = ArgumentParser(
        prog="kccdesk",
        description=_(
            "Desktop companion for KCC agents: counts the rings, opens the caller's "
            "record, shows the call script and registers the contact."
        ),
        epilog=_("Settings and data: KCCDESK_CONFIG_DIR and KCCDESK_DATA_DIR override the folders for every command."),
    )
    parser.add_argument(
        "--version",
        action="version",
        version=f"kccdesk {__version__}",
        help=_("show the version and stop"),
    )
    parser.add_argument(
        "--demo",
        action="store_true",
        help=_("start with the demo profile and a simulated line (no phone system needed)"),
    )
    subparsers = parser.add_subparsers(title=_("commands"), metavar=_("COMMAND"))
    for module in command_modules():
        module.register(subparsers)
    return parser


def command_modules() -> list[ModuleType]:
    """Every module in kccdesk.commands, each a sub-command."""
    import kccdesk.commands as package

    return [
        importlib.import_module(f"{package.__name__}.{info.name}")
        for info in sorted(pkgutil.iter_modules(package.__path__), key=lambda info: info.name)
    ]


def main(argv: Sequence[str] | None = None) -> int:
    set_language(DEFAULT_LANGUAGE)
    args = build_parser().parse_args(argv)
    handler = getattr(args, "handler", None)
    if handler is not None:
        return handler(args)
    from kccdesk.app.start import run_app

    return run_app(demo=args.demo)


if __name__ == "__main__":
    sys.exit(main())
