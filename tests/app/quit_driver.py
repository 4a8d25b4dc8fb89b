"""Run as a child process: the real app (``kccdesk.cli.main``), driven by key
presses from a timer as an agent would, then quit with Ctrl+Q; after the app
has returned it prints what is still alive as one JSON line, and exits with
the app's exit code, through the interpreter's own shutdown.

``demo``: three demo calls answered, registered and closed, then a fourth
answered and hung up, a question typed in its after-call work and Ctrl+Q at
once (within the half second before a draft is saved). ``sip``: the workstation's SIP line; prints READY
once it is registered, answers the call that comes in, types, and quits
during the call. The keyring is the tests' own, in memory, given the
secrets on the command line's environment (KCCDESK_TEST_SECRETS)."""

from __future__ import annotations

import json
import os
import sys
import threading
import time
import traceback
from collections.abc import Callable

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import keyring
from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from kccdesk.cli import main as kccdesk
from kccdesk.config.secrets import set_secret
from kccdesk.core.session import CallState
from kccdesk.ui.main_window import MainWindow
from kccdesk.ui.style import application
from tests.support.keyring_memory import MemoryKeyring

LAST_QUESTION = "Mag ik dit nog vragen?"
ALT, CTRL = Qt.KeyboardModifier.AltModifier, Qt.KeyboardModifier.ControlModifier
facts: dict[str, object] = {}


def window() -> MainWindow:
    return next(w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow))


def press(key: Qt.Key, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
    QTest.keyClick(QApplication.focusWidget() or window(), key, modifier)


def wait_until(condition: Callable[[], bool], seconds: float = 20.0) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            raise TimeoutError("the app did not get there in time")
        QTest.qWait(20)


def answer_and_type(question: str) -> None:
    wait_until(lambda: window().desk.current is not None and window().desk.current.state is CallState.RINGING)
    press(Qt.Key.Key_F2)
    wait_until(window().form.isEnabled)
    QTest.keyClicks(window().form.subject, "paspoort")
    QTest.keyClicks(window().form.question, question)


def demo() -> None:
    for number in range(3):
        press(Qt.Key.Key_F6)
        answer_and_type(f"Vraag {number + 1}")
        press(Qt.Key.Key_1, ALT)  # answered directly
        press(Qt.Key.Key_F4)
        press(Qt.Key.Key_S, CTRL)
        wait_until(lambda: not window().form.isEnabled())
    press(Qt.Key.Key_F6)
    answer_and_type("")
    press(Qt.Key.Key_F4)
    wait_until(window().form.after_call.isVisible)
    QTest.keyClicks(window().form.question, LAST_QUESTION)
    press(Qt.Key.Key_Q, CTRL)


def sip() -> None:
    wait_until(lambda: window().desk.line_status.state.value == "ready")
    print("READY", flush=True)
    answer_and_type(LAST_QUESTION)
    facts["sip_process"] = window().desk.line.child_pid  # type: ignore[attr-defined]
    press(Qt.Key.Key_Q, CTRL)


def run() -> int:
    keyring.set_keyring(MemoryKeyring())
    for name, value in json.loads(os.environ.get("KCCDESK_TEST_SECRETS", "{}")).items():
        set_secret(name, value)
    scenario = demo if sys.argv[1] == "demo" else sip

    def drive() -> None:
        try:
            wait_until(lambda: any(isinstance(w, MainWindow) for w in QApplication.topLevelWidgets()))
            window().activateWindow()
            wait_until(lambda: QApplication.activeWindow() is window())
            scenario()
        except Exception:  # noqa: BLE001 - any failure: the test reads it on stderr, and the app closes
            traceback.print_exc()
            window().close()

    application()
    QTimer.singleShot(0, drive)
    code = kccdesk(["--demo"] if scenario is demo else [])
    facts["threads"] = sorted(t.name for t in threading.enumerate() if t is not threading.main_thread())
    print(json.dumps(facts), flush=True)
    return code


if __name__ == "__main__":
    sys.exit(run())
