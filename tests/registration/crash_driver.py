"""Run as a child process: the demo app (its real window, offscreen) with a
resident's call answered and the registration typed by key presses into the
form's widgets; prints READY once the draft is in the database and then keeps
running until it is killed. With the argument ``after`` the call is hung up
first, so the form is in after-call work when the kill comes."""

from __future__ import annotations

import os
import sys
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from kccdesk.app.window import create_window
from kccdesk.app.workstation import prepare
from kccdesk.config.paths import default_profile
from kccdesk.core.clock import SystemClock
from kccdesk.store.drafts import open_drafts

QUESTION = "Wanneer wordt het grofvuil opgehaald?"


def main() -> None:
    app = QApplication(sys.argv)
    workstation = prepare(default_profile().demo(), demo=True)
    window = create_window(workstation, SystemClock(), demo=True)
    window.show()
    assert window.demo is not None
    window.demo.line.ring_in(window.demo.callers.resident())
    window.desk.answer()
    QTest.keyClicks(window.form.subject, "grofvuil")
    QTest.keyClicks(window.form.question, QUESTION)
    if sys.argv[1:] == ["after"]:
        window.desk.hang_up()
    deadline = time.monotonic() + 30
    while not any(d.registration.question == QUESTION for d in open_drafts(workstation.db)):
        assert time.monotonic() < deadline, "the draft was never saved"
        app.processEvents()
        time.sleep(0.02)
    print("READY", flush=True)
    app.exec()


if __name__ == "__main__":
    main()
