"""The SIP password and the API token, kept only in the system's keyring.

A secret is stored under the service "kccdesk" with the user name
"<name>:<account>", e.g. "sip-password:default". Nothing here writes a
secret to a file, and there is no plaintext fallback: without a secure
password store every call raises NoKeyringError, whose message tells a
supervisor how to provide one.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

import keyring
import keyring.errors
from keyring.backend import KeyringBackend
from keyring.backends.chainer import ChainerBackend

from kccdesk.i18n import _

SERVICE = "kccdesk"
SECRET_NAMES = ("sip-password", "api-token")
DEFAULT_ACCOUNT = "default"
T = TypeVar("T")

# Backends that keep secrets readable in a file: never acceptable, even when chosen.
_PLAINTEXT_BACKENDS = frozenset({"keyrings.alt.file.PlaintextKeyring"})


class NoKeyringError(Exception):
    """This computer has no secure password store that kccdesk may use."""

    def __init__(self) -> None:
        super().__init__(
            _(
                "This computer has no secure password store, so kccdesk cannot keep "
                "the password.\n"
                "To fix this, a supervisor can:\n"
                "- on a Linux desktop: start or unlock GNOME Keyring or KWallet "
                "(packages gnome-keyring or kwalletmanager);\n"
                "- on Windows: nothing to do, the Credential Manager is used automatically;\n"
                "- where no desktop password store can run: choose an encrypted file "
                "on purpose with 'pip install keyrings.cryptfile' and "
                "PYTHON_KEYRING_BACKEND=keyrings.cryptfile.cryptfile.CryptFileKeyring."
            )
        )


class SecretStoreError(Exception):
    """The password store exists but refused, e.g. because it is locked."""

    def __init__(self, backend: str, reason: str) -> None:
        super().__init__(
            _("The password store ({backend}) did not work: {reason}").format(
                backend=backend, reason=reason or _("no reason given")
            )
        )


def keyring_available() -> bool:
    return _active_backend() is not None


def backend_name() -> str:
    """The password store in use, as a person would recognise it."""
    return _display_name(_require_backend())


def get_secret(name: str, account: str = DEFAULT_ACCOUNT) -> str | None:
    backend = _backend_for(name)
    return _asked(backend, lambda: backend.get_password(SERVICE, _username(name, account)))


def set_secret(name: str, value: str, account: str = DEFAULT_ACCOUNT) -> None:
    if not value:
        raise ValueError(_("an empty secret cannot be saved"))
    backend = _backend_for(name)
    _asked(backend, lambda: backend.set_password(SERVICE, _username(name, account), value))


def _asked(backend: KeyringBackend, action: Callable[[], T]) -> T:
    """The store's answer; SecretStoreError, in plain words, for whatever it
    raises: refused, locked, or asking for its own password where no one can
    type it (an encrypted file store with no terminal)."""
    try:
        return action()
    except keyring.errors.PasswordDeleteError:
        raise
    except EOFError as error:  # getpass found no terminal, and nothing to read instead
        reason = _("it asked for its own password, and there is no terminal here to type it on")
        raise SecretStoreError(_display_name(backend), reason) from error
    except Exception as error:  # stores raise their own kinds; each means: it did not work
        raise SecretStoreError(_display_name(backend), str(error) or type(error).__name__) from error


def delete_secret(name: str, account: str = DEFAULT_ACCOUNT) -> bool:
    """Remove the secret; False when none was stored."""
    backend = _backend_for(name)
    try:
        _asked(backend, lambda: backend.delete_password(SERVICE, _username(name, account)))
    except keyring.errors.PasswordDeleteError:
        return False
    return True


def _backend_for(name: str) -> KeyringBackend:
    if name not in SECRET_NAMES:
        raise ValueError(
            _('unknown secret "{name}"; the secrets are {names}').format(name=name, names=", ".join(SECRET_NAMES))
        )
    return _require_backend()


def _require_backend() -> KeyringBackend:
    backend = _active_backend()
    if backend is None:
        raise NoKeyringError()
    return backend


def _active_backend() -> KeyringBackend | None:
    try:
        backend = keyring.get_keyring()
    except (ImportError, AttributeError):  # PYTHON_KEYRING_BACKEND names a missing backend
        return None
    return backend if _usable(backend) else None


def _display_name(backend: KeyringBackend) -> str:
    if isinstance(backend, ChainerBackend):
        return ", ".join(chained.name for chained in backend.backends)
    return str(backend.name)


def _username(name: str, account: str) -> str:
    return f"{name}:{account}"


def _usable(backend: KeyringBackend) -> bool:
    """A secure store: not keyring's "fail" or "null" backend (priority 0 and
    below), not a chain of nothing, and not one that keeps secrets in plaintext."""
    if isinstance(backend, ChainerBackend):
        chained = backend.backends
        return bool(chained) and all(_usable(one) for one in chained)
    kind = type(backend)
    if f"{kind.__module__}.{kind.__qualname__}" in _PLAINTEXT_BACKENDS:
        return False
    try:
        return bool(kind.priority > 0)
    except Exception:  # noqa: BLE001 - a backend that is not viable here says so by raising, any kind
        return False
