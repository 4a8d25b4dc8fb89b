"""The SIP password and the API token, kept only in the system's keyring.

A secret is stored under the service "kccdesk" with the user name
"<name>:<account>", e.g. "sip-password:default". Nothing here writes a
secret to a file, and there is no plaintext fallback: without a secure
password store every call raises NoKeyringError, whose message tells a
supervisor how to provide one.

A store is asked at most once per start: calls wait for each other, and a
store that failed (locked, refused, or asking for a password no one gave)
is not asked again until kccdesk starts again. An encrypted-file store's
own password can be given beforehand (``give_own_password``), so that a
window can ask for it instead of the terminal.
"""

from __future__ import annotations

import threading
import weakref
from collections.abc import Callable
from enum import Enum
from pathlib import Path
from typing import TypeVar

import keyring
import keyring.errors
from keyring.backend import KeyringBackend
from keyring.backends.chainer import ChainerBackend

from kccdesk.i18n import _

SERVICE = "kccdesk"
SECRET_NAMES = ("sip-password", "api-token", "zaken-secret", "objects-token")
# zaken-secret: the case system's client secret; objects-token: the Objects API's (answers, colleagues)
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


class OwnPassword(Enum):
    """What an encrypted-file store needs before it can be used."""

    NEW = "new"  # no file yet: a password for it is to be chosen
    EXISTING = "existing"  # the file's password is to be typed


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


_guard = threading.RLock()  # one question to the store at a time, from any thread
_failed: weakref.WeakKeyDictionary[KeyringBackend, SecretStoreError] = weakref.WeakKeyDictionary()  # in this start


def _asked(backend: KeyringBackend, action: Callable[[], T]) -> T:
    """The store's answer; SecretStoreError, in plain words, for whatever it
    raises: refused, locked, or asking for its own password where no one can
    type it (an encrypted file store with no terminal). A store that failed
    is not asked again: the same error is raised at once."""
    with _guard:
        failed = _failed.get(backend)
        if failed is not None:
            raise failed
        try:
            return action()
        except keyring.errors.PasswordDeleteError:
            raise
        except Exception as error:  # stores raise their own kinds; each means: it did not work
            _failed[backend] = failed = SecretStoreError(_display_name(backend), _reason(backend, error))
            raise failed from error


def _reason(backend: KeyringBackend, error: Exception) -> str:
    """Why the store did not work, in plain words."""
    if isinstance(error, keyring.errors.KeyringLocked):
        return _("it is locked. Unlock it (log in to the desktop again) and start kccdesk again")
    if isinstance(error, EOFError):  # getpass found no terminal, and nothing to read instead
        return _("it asked for its own password, and there is no terminal here to type it on")
    if isinstance(error, ValueError) and _has_own_password(backend):  # its file does not open with it
        return _("the password typed for it is wrong. Start kccdesk again to type it again")
    return str(error) or type(error).__name__


def _has_own_password(backend: KeyringBackend) -> bool:
    """An encrypted-file store, opened with a password of its own."""
    return isinstance(getattr(type(backend), "keyring_key", None), property)


def own_password_needed() -> OwnPassword | None:
    """What the store in use still needs from a person before it can be
    asked without a terminal: None for a desktop store (it asks in its own
    window, if at all) or a file store that already has its password."""
    backend = _active_backend()
    if backend is None or not _has_own_password(backend):
        return None
    if getattr(backend, "_keyring_key", None) is not None or backend in _failed:
        return None
    file = getattr(backend, "file_path", None)
    return OwnPassword.EXISTING if file and Path(file).exists() else OwnPassword.NEW


class WrongOwnPassword(Exception):
    """The password typed does not open the encrypted-file store."""


def give_own_password(password: str) -> None:
    """Open the encrypted-file store with its password (or make a new store
    with it); WrongOwnPassword when it does not fit, so it may be typed again."""
    backend = _require_backend()
    with _guard:
        try:
            backend.keyring_key = password  # type: ignore[attr-defined]  # the file store's own setter checks it
        except ValueError as error:  # its file does not open with it, or it is blank
            del backend.keyring_key  # type: ignore[attr-defined]  # not kept: the next one is tried afresh
            raise WrongOwnPassword(_("This password does not open the password store.")) from error
        except Exception as error:  # the file cannot be read or written
            _failed[backend] = failed = SecretStoreError(_display_name(backend), _reason(backend, error))
            raise failed from error


def no_own_password() -> None:
    """No one gave the store its password: it is not asked again in this start."""
    backend = _require_backend()
    with _guard:
        _failed[backend] = SecretStoreError(
            _display_name(backend), _("its own password was not given. Start kccdesk again to type it")
        )


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
    """The one store kccdesk uses. Of a chain of stores, the first: the
    others would only be asked for what it lacks, and a file store among
    them would then ask for its own password in vain."""
    try:
        backend = keyring.get_keyring()
    except (ImportError, AttributeError):  # PYTHON_KEYRING_BACKEND names a missing backend
        return None
    if isinstance(backend, ChainerBackend):
        if not backend.backends:
            return None
        backend = backend.backends[0]
    return backend if _usable(backend) else None


def _display_name(backend: KeyringBackend) -> str:
    return str(backend.name)


def _username(name: str, account: str) -> str:
    return f"{name}:{account}"


def _usable(backend: KeyringBackend) -> bool:
    """A secure store: not keyring's "fail" or "null" backend (priority 0 and
    below), and not one that keeps secrets in plaintext."""
    kind = type(backend)
    if f"{kind.__module__}.{kind.__qualname__}" in _PLAINTEXT_BACKENDS:
        return False
    try:
        return bool(kind.priority > 0)
    except Exception:  # noqa: BLE001 - a backend that is not viable here says so by raising, any kind
        return False
