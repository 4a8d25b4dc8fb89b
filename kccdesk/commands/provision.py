"""``kccdesk provision``: set up this workstation from a supervisor's profile."""

from __future__ import annotations

import argparse
import getpass
import json
import os
import sys
from pathlib import Path

from kccdesk.config.paths import default_profile
from kccdesk.config.provision import SECRET_ENV, Plan, apply, plan
from kccdesk.config.secrets import NoKeyringError, SecretStoreError
from kccdesk.config.settings import SettingsError, load_settings
from kccdesk.i18n import _

EXIT_FAILED = 1


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "provision",
        help=_("set up this workstation from a profile (a TOML file)"),
        description=_(
            "Set up this workstation from a profile: a TOML file with the same sections as the "
            "settings file. Settings the profile leaves out keep their value. Secrets are never "
            "in the profile: they come from the environment variables {variables}, or are asked "
            "for on a terminal, and go to the system's password store."
        ).format(variables=", ".join(SECRET_ENV.values())),
    )
    parser.add_argument("file", metavar=_("FILE"), type=Path, help=_("the profile to apply"))
    parser.add_argument("--dry-run", action="store_true", help=_("only show what would change"))
    parser.set_defaults(handler=_provision)


def _ask(name: str) -> str | None:
    if not sys.stdin.isatty():
        return None
    value = getpass.getpass(_("{name} (leave empty to skip): ").format(name=name))
    return value or None


def _provision(args: argparse.Namespace) -> int:
    settings_file = default_profile().settings_file
    try:
        current = load_settings(settings_file)
        result = plan(args.file, current, os.environ, None if args.dry_run else _ask)
        _report(result, args.dry_run)
        if not args.dry_run and not result.empty:
            apply(result, settings_file)
    except SettingsError as exc:
        print(_("Nothing was changed. {error}").format(error=exc), file=sys.stderr)
        return EXIT_FAILED
    except (NoKeyringError, SecretStoreError) as exc:
        print(_("Nothing was changed. {error}").format(error=exc), file=sys.stderr)
        return EXIT_FAILED
    except OSError as exc:
        print(_("The settings cannot be written: {error}").format(error=exc), file=sys.stderr)
        return EXIT_FAILED
    return 0


def _report(result: Plan, dry_run: bool) -> None:
    if result.empty:
        print(_("Nothing to change: this workstation already follows the profile."))
    elif dry_run:
        print(_("This would change:"))
    else:
        print(_("Changed:"))
    for change in result.changes:
        print(
            f"  {change.name}: {json.dumps(change.before, ensure_ascii=False)} → "
            f"{json.dumps(change.after, ensure_ascii=False)}"
        )
    for name, source in result.secret_sources.items():
        print("  " + _("{name}: stored in the password store (from {source})").format(name=name, source=source))
    for name in result.missing_secrets:
        print(
            _(
                "Not stored yet: {name}. Set {variable} and apply the profile again, "
                "or use 'kccdesk secret set {name}'."
            ).format(name=name, variable=SECRET_ENV[name]),
            file=sys.stderr,
        )
