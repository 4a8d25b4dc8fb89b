"""Before anything reads a password: an encrypted-file password store gets
its own password in a window, once per start, instead of on a terminal that
a program started from the menu does not have. A desktop store (GNOME
Keyring, KWallet, the Windows Credential Manager) needs nothing from here."""

from __future__ import annotations

from kccdesk.config.secrets import (
    OwnPassword,
    SecretStoreError,
    WrongOwnPassword,
    give_own_password,
    no_own_password,
    own_password_needed,
)
from kccdesk.i18n import _


def open_password_store(wizard_follows: bool) -> None:
    """Ask for the store's password until it fits or the person cancels;
    after a cancel the store is not asked again in this start, and whatever
    needs a password says that it is missing. A new store is only made when
    the first-run wizard follows, which will put passwords in it."""
    need = own_password_needed()
    if need is None or (need is OwnPassword.NEW and not wizard_follows):
        return
    from kccdesk.ui.store_password import StorePasswordDialog
    from kccdesk.ui.style import application, style_application

    app = application()
    if not app.styleSheet():  # before the wizard; after the first frame the app is styled at its text size
        style_application(app)
    dialog = StorePasswordDialog(need is OwnPassword.NEW)
    problem = ""
    while (typed := dialog.ask(problem)) is not None:
        password, again = typed
        if not password.strip():
            problem = _("Type a password.")
        elif password != again:
            problem = _("The two passwords are not the same.")
        else:
            try:
                give_own_password(password)
            except WrongOwnPassword as wrong:
                problem = str(wrong)
                continue
            except SecretStoreError:
                pass  # kept by the store's module; said where a password is needed
            dialog.deleteLater()
            return
    no_own_password()
    dialog.deleteLater()
