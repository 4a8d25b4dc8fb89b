"""``kccdesk provision``: set up this workstation from a supervisor's profile."""

from __future__ import annotations

import argparse
import getpass
import json
import os
import sys
from pathlib import Path

from kccdesk.commands import COMMANDS
from kccdesk.config.paths import default_profile
from kccdesk.config.provision import SECRET_ENV, Plan, ProvisionStopped, apply, plan
from kccdesk.config.secrets import NoKeyringError, SecretStoreError, get_secret
from kccdesk.config.settings import Settings, SettingsError, load_settings
from kccdesk.i18n import _
from kccdesk.outbox.check import check_registration_api

EXIT_FAILED = 1


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "provision",
        help=_(COMMANDS["provision"]),
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
        _check_apis(result, current)
        if args.dry_run or result.empty:
            _report(result, applied=False, stored=[])
        else:
            stored = apply(result, settings_file)
            _report(result, applied=True, stored=stored)
    except SettingsError as exc:
        print(_("Nothing was changed. {error}").format(error=exc), file=sys.stderr)
        return EXIT_FAILED
    except (NoKeyringError, SecretStoreError) as exc:
        print(_("Nothing was changed. {error}").format(error=exc), file=sys.stderr)
        return EXIT_FAILED
    except ProvisionStopped as stopped:
        for name in stopped.stored:
            print("  " + _("{name}: stored in the password store").format(name=name))
        print(_("The settings were not changed. {error}").format(error=stopped.error), file=sys.stderr)
        return EXIT_FAILED
    except OSError as exc:
        print(_("The settings cannot be written: {error}").format(error=exc), file=sys.stderr)
        return EXIT_FAILED
    return 0


def _check_apis(result: Plan, current: Settings) -> None:
    """An API address the profile sets is asked whether it answers like the
    Klantinteracties API (with the token it will use); a warning if not."""
    new = result.settings
    token = result.secrets.get("api-token") or _stored_token()
    for url, before in (
        (new.sinks.klantinteracties_url, current.sinks.klantinteracties_url),
        (new.records.openklant_url, current.records.openklant_url),
    ):
        if url and url != before:
            ok, text = check_registration_api(url, "", token)
            if not ok:
                print(_("Warning: {url} does not answer like the Klantinteracties API. {reason}").format(
                    url=url, reason=text), file=sys.stderr)  # fmt: skip


def _stored_token() -> str:
    try:
        return get_secret("api-token") or ""
    except (NoKeyringError, SecretStoreError):
        return ""


def _report(result: Plan, applied: bool, stored: list[str]) -> None:
    if result.empty:
        print(_("Nothing to change: this workstation already follows the profile."))
    elif applied:
        print(_("Changed:"))
    else:
        print(_("This would change:"))
    for change in result.changes:
        print(
            f"  {change.name}: {json.dumps(change.before, ensure_ascii=False)} → "
            f"{json.dumps(change.after, ensure_ascii=False)}"
        )
    for name, source in result.secret_sources.items():
        if name in stored:
            print("  " + _("{name}: stored in the password store (from {source})").format(name=name, source=source))
        elif not applied:
            print("  " + _("{name}: would be stored in the password store (from {source})").format(
                name=name, source=source))  # fmt: skip
    for name in result.missing_secrets:
        print(
            _(
                "Not stored yet: {name}. Set {variable} and apply the profile again, "
                "or use 'kccdesk secret set {name}'."
            ).format(name=name, variable=SECRET_ENV[name]),
            file=sys.stderr,
        )
