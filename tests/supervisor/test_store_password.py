"""Where no desktop password store can run, passwords are kept in an
encrypted file (keyrings.cryptfile, the real one). A program started from
the menu has no terminal: kccdesk asks the file's password in a window,
once per start, and no part of kccdesk asks it again, on the terminal or
anywhere else, also when it was wrong or not given."""

from __future__ import annotations

import getpass
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import keyring
import pytest
from keyrings.cryptfile.cryptfile import CryptFileKeyring
from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from kccdesk.app.password_store import open_password_store
from kccdesk.config.secrets import SecretStoreError, get_secret, give_own_password, set_secret
from kccdesk.ui.store_password import StorePasswordDialog

FILE_PASSWORD = "Bestand-wachtwoord-58"
SIP_PASSWORD = "sip-geheim-4711"


class Terminal:
    """getpass, as the file store calls it: counted, with the answer given."""

    def __init__(self, answer: str | None = None) -> None:
        self.answer, self.asked = answer, 0
        self._lock = threading.Lock()

    def __call__(self, prompt: str = "") -> str:
        with self._lock:
            self.asked += 1
        if self.answer is None:
            raise AssertionError("the file store's password was asked on the terminal")
        return self.answer


def file_store(path: Path) -> CryptFileKeyring:
    store = CryptFileKeyring()
    store.file_path = str(path)
    return store


@pytest.fixture
def store_file(tmp_path: Path) -> Path:
    return tmp_path / "kccdesk_pass.cfg"


@pytest.fixture
def terminal(monkeypatch: pytest.MonkeyPatch) -> Terminal:
    asked = Terminal()
    monkeypatch.setattr(getpass, "getpass", asked)
    return asked


@pytest.fixture
def existing_store(store_file: Path, terminal: Terminal) -> Iterator[CryptFileKeyring]:
    """A file made at an earlier start, with the SIP password in it; this start's store knows nothing yet."""
    earlier = file_store(store_file)
    keyring.set_keyring(earlier)
    give_own_password(FILE_PASSWORD)
    set_secret("sip-password", SIP_PASSWORD)
    now = file_store(store_file)
    keyring.set_keyring(now)
    yield now


@contextmanager
def answering(*answers: Callable[[StorePasswordDialog], None]) -> Iterator[list[str]]:
    """While in the block, each time the password window shows, the next
    answer is typed into it, by keys; gives the problems the window showed,
    one per time it showed."""
    problems: list[str] = []
    waiting = list(answers)

    def answer() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, StorePasswordDialog) or not dialog.isVisible() or not waiting:
            return
        problems.append(dialog.problem.text() if dialog.problem.isVisible() else "")
        waiting.pop(0)(dialog)

    timer = QTimer()
    timer.timeout.connect(answer)
    timer.start(20)
    try:
        yield problems
    finally:
        timer.stop()


def typed(*texts: str) -> Callable[[StorePasswordDialog], None]:
    """Type each text in a field (Tab to the next), then Enter."""

    def type_them(dialog: StorePasswordDialog) -> None:
        for number, text in enumerate(texts):
            if number:
                QTest.keyClick(dialog.focusWidget(), Qt.Key.Key_Tab)
            QTest.keyClicks(dialog.focusWidget(), text)
        QTest.keyClick(dialog.focusWidget(), Qt.Key.Key_Return)

    return type_them


def escape(dialog: StorePasswordDialog) -> None:
    QTest.keyClick(dialog.focusWidget(), Qt.Key.Key_Escape)


def test_a_new_file_gets_its_password_in_a_window_typed_twice(qtbot, store_file: Path, terminal: Terminal) -> None:
    keyring.set_keyring(file_store(store_file))
    with answering(typed("een", "ander"), typed(FILE_PASSWORD, FILE_PASSWORD)) as problems:
        open_password_store(wizard_follows=True)
    assert problems == ["", "The two passwords are not the same."]
    set_secret("sip-password", SIP_PASSWORD)  # what the first-run wizard does next
    assert terminal.asked == 0
    next_start = file_store(store_file)
    keyring.set_keyring(next_start)
    give_own_password(FILE_PASSWORD)
    assert get_secret("sip-password") == SIP_PASSWORD


def test_no_new_file_is_made_when_no_wizard_follows(qtbot, store_file: Path, terminal: Terminal) -> None:
    keyring.set_keyring(file_store(store_file))
    with answering(escape) as problems:
        open_password_store(wizard_follows=False)
    assert problems == []  # nothing to open and nothing to store: not asked
    assert not store_file.exists()


def test_a_wrong_password_is_said_and_the_right_one_opens_the_file(
    qtbot, existing_store: CryptFileKeyring, terminal: Terminal
) -> None:
    with answering(typed("fout-wachtwoord"), typed(FILE_PASSWORD)) as problems:
        open_password_store(wizard_follows=False)
    assert problems == ["", "This password does not open the password store."]
    assert get_secret("sip-password") == SIP_PASSWORD
    assert get_secret("api-token") is None
    assert terminal.asked == 0


def test_cancelled_the_file_is_not_asked_again_in_this_start(
    qtbot, existing_store: CryptFileKeyring, terminal: Terminal
) -> None:
    with answering(escape, typed(FILE_PASSWORD)) as problems:
        open_password_store(wizard_follows=False)
    assert problems == [""]  # one window, not a second
    for _ in range(3):  # the line, the records and the outbox each read a password
        with pytest.raises(SecretStoreError, match="its own password was not given"):
            get_secret("sip-password")
    assert terminal.asked == 0


def test_on_a_terminal_the_file_is_asked_once_for_every_thread(
    existing_store: CryptFileKeyring, monkeypatch: pytest.MonkeyPatch
) -> None:
    terminal = Terminal(FILE_PASSWORD)
    monkeypatch.setattr(getpass, "getpass", terminal)
    found: list[str | None] = []
    readers = [threading.Thread(target=lambda: found.append(get_secret("sip-password"))) for _ in range(4)]
    for reader in readers:
        reader.start()
    for reader in readers:
        reader.join()
    assert found == [SIP_PASSWORD] * 4
    assert terminal.asked == 1


def test_on_a_terminal_a_wrong_password_is_not_asked_for_again(
    existing_store: CryptFileKeyring, monkeypatch: pytest.MonkeyPatch
) -> None:
    terminal = Terminal("fout-wachtwoord")
    monkeypatch.setattr(getpass, "getpass", terminal)
    for _ in range(3):  # e.g. the outbox trying again every few seconds
        with pytest.raises(SecretStoreError, match="the password typed for it is wrong"):
            get_secret("sip-password")
    assert terminal.asked == 1
