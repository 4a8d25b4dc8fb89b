"""``kccdesk secret``: keep the SIP password and the API token in the keyring.

A secret is never taken from a command-line argument (other users can read
those in the process list): it comes from a named environment variable,
from the terminal without echo, or from standard input.
"""

from __future__ import annotations

import argparse
import getpass
import os
import sys

from kccdesk.commands import COMMANDS
from kccdesk.config.secrets import (
    DEFAULT_ACCOUNT,
    SECRET_NAMES,
    NoKeyringError,
    SecretStoreError,
    backend_name,
    delete_secret,
    keyring_available,
    set_secret,
)
from kccdesk.i18n import _

EXIT_FAILED = 1
EXIT_NO_KEYRING = 2


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "secret",
        help=_(COMMANDS["secret"]),
        description=_(
            "Keep the SIP password and the API token in the system's password store. "
            "kccdesk never writes them to a file."
        ),
    )
    actions = parser.add_subparsers(title=_("actions"), metavar=_("ACTION"), dest="action", required=True)

    status = actions.add_parser("status", help=_("show which password store is used"))
    status.set_defaults(handler=_status)

    save = actions.add_parser(
        "set",
        help=_("save a secret"),
        description=_(
            "Save a secret. It is read from the environment variable given with "
            "--from-env, else asked for on the terminal, else read from standard input."
        ),
    )
    _add_name_and_account(save)
    save.add_argument(
        "--from-env",
        metavar="VARNAME",
        help=_("take the value from this environment variable"),
    )
    save.set_defaults(handler=_set)

    delete = actions.add_parser("delete", help=_("remove a secret"))
    _add_name_and_account(delete)
    delete.set_defaults(handler=_delete)


def _add_name_and_account(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "name",
        metavar="NAME",
        choices=SECRET_NAMES,
        help=_("one of: {names}").format(names=", ".join(SECRET_NAMES)),
    )
    parser.add_argument(
        "--account",
        default=DEFAULT_ACCOUNT,
        help=_("which account the secret belongs to (default: %(default)s)"),
    )


def _status(args: argparse.Namespace) -> int:
    if not keyring_available():
        print(NoKeyringError(), file=sys.stderr)
        return EXIT_NO_KEYRING
    print(_("Secrets are kept in: {backend}").format(backend=backend_name()))
    return 0


def _set(args: argparse.Namespace) -> int:
    if not keyring_available():  # before anyone types a password in vain
        print(NoKeyringError(), file=sys.stderr)
        return EXIT_NO_KEYRING
    try:
        value = _read_value(args.name, args.from_env)
    except (EOFError, KeyboardInterrupt):
        print(_("Nothing saved."), file=sys.stderr)
        return EXIT_FAILED
    if value is None:
        return EXIT_FAILED
    try:
        set_secret(args.name, value, args.account)
    except NoKeyringError as error:
        print(error, file=sys.stderr)
        return EXIT_NO_KEYRING
    except (SecretStoreError, ValueError) as error:
        print(error, file=sys.stderr)
        return EXIT_FAILED
    print(
        _("{name} (account {account}) saved in {backend}").format(
            name=args.name, account=args.account, backend=backend_name()
        )
    )
    return 0


def _read_value(name: str, from_env: str | None) -> str | None:
    """The secret's value; None (after saying why) when there is none to save."""
    if from_env is not None:
        value = os.environ.get(from_env, "")
        if not value:
            print(
                _("The environment variable {variable} is not set or empty; nothing saved.").format(variable=from_env),
                file=sys.stderr,
            )
            return None
        return value
    if not sys.stdin.isatty():
        return sys.stdin.read().rstrip("\r\n")
    value = getpass.getpass(_("{name}: ").format(name=name))
    if getpass.getpass(_("{name} again, to check: ").format(name=name)) != value:
        print(_("The two entries differ; nothing saved."), file=sys.stderr)
        return None
    return value


def _delete(args: argparse.Namespace) -> int:
    try:
        deleted = delete_secret(args.name, args.account)
    except NoKeyringError as error:
        print(error, file=sys.stderr)
        return EXIT_NO_KEYRING
    except SecretStoreError as error:
        print(error, file=sys.stderr)
        return EXIT_FAILED
    if not deleted:
        print(
            _("No {name} was stored for account {account}.").format(name=args.name, account=args.account),
            file=sys.stderr,
        )
        return EXIT_FAILED
    print(_("{name} (account {account}) removed.").format(name=args.name, account=args.account))
    return 0
